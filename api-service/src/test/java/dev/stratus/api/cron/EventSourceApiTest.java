package dev.stratus.api.cron;

import dev.stratus.api.support.ApiTestSupport;
import dev.stratus.api.support.TopicProbe;
import dev.stratus.common.event.CronDesired;
import dev.stratus.common.event.Topics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crons, triggers and domains: stored, shaped as Scaleway's, and published as desired state. */
class EventSourceApiTest extends ApiTestSupport {

    @Test
    void cronCrudEchoesScheduleAndArgsAndPublishesDesiredState() throws Exception {
        String function = createFunction(createNamespace(), "cron-target");
        var created = api.post(fn("/crons"), """
                {"function_id":"%s","schedule":"*/5 * * * MON-FRI","args":{"a":{"b":[1,true,null]}}}"""
                .formatted(function));
        assertEquals(200, created.status(), created.toString());
        String id = created.string("id");
        assertEquals("pending", created.string("status"));
        assertEquals("cron-" + id, created.string("name"));
        assertEquals(Map.of("a", Map.of("b", java.util.Arrays.asList(1, true, null))), created.map().get("args"));

        var pluginStyle = api.post(fn("/crons"), "{\"function_id\":\"" + function + "\",\"schedule\":\"0 0 * * *\"}");
        assertEquals(Map.of(), pluginStyle.map().get("args"), "args default to {}");

        var updated = api.patch(fn("/crons/" + id), "{\"schedule\":\"0 12 * * *\",\"name\":\"noon\"}");
        assertEquals("0 12 * * *", updated.string("schedule"));
        assertEquals("noon", updated.string("name"));

        var listed = api.get(fn("/crons?function_id=" + function + "&order_by=created_at_desc"));
        assertEquals(2, ((Number) listed.map().get("total_count")).intValue());
        assertEquals(pluginStyle.string("id"), listed.list("crons").get(0).get("id"));

        try (var probe = new TopicProbe(bootstrapServers(), Topics.CRON_DESIRED)) {
            api.delete(fn("/crons/" + id));
            var records = probe.awaitForKey(id, 3, Duration.ofSeconds(30));
            CronDesired latest = json.readValue(records.get(1).value(), CronDesired.class);
            assertEquals("0 12 * * *", latest.schedule());
            assertEquals(function, latest.functionId());
            assertNull(records.get(2).value(), "delete publishes a tombstone");
        }
        assertEquals(404, api.get(fn("/crons/" + id)).status());
    }

    @Test
    void badCronsAreRefusedWithTheReason() {
        String function = createFunction(createNamespace(), "cron-bad");
        for (String schedule : List.of("* * * *", "61 * * * *", "* * * * MOO", "5-1 * * * *", "*/0 * * * *")) {
            var refused = api.post(fn("/crons"), "{\"function_id\":\"" + function + "\",\"schedule\":\"" + schedule + "\"}");
            assertEquals(400, refused.status(), schedule + " -> " + refused);
            assertEquals("schedule", refused.list("details").get(0).get("argument_name"));
        }
        assertEquals(400, api.post(fn("/crons"), "{\"function_id\":\"" + function
                + "\",\"schedule\":\"* * * * *\",\"args\":[1]}").status());
        assertEquals(400, api.get(fn("/crons")).status(), "function_id is required to list");
        assertEquals(404, api.post(fn("/crons"),
                "{\"function_id\":\"00000000-0000-4000-8000-000000000000\",\"schedule\":\"* * * * *\"}").status());
    }

    @Test
    void triggersTakeExactlyOneInputAndShowOnlyTheirOwnConfig() {
        String ns = createNamespace();
        String function = createFunction(ns, "consumer");
        var sqs = api.post(fn("/triggers"), """
                {"name":"orders","function_id":"%s","scw_sqs_config":{"queue":"orders","mnq_project_id":"%s",
                 "mnq_region":"fr-par"}}""".formatted(function, PROJECT_ID));
        assertEquals(200, sqs.status(), sqs.toString());
        assertEquals("scw_sqs", sqs.string("input_type"));
        assertEquals("creating", sqs.string("status"));
        assertEquals("", sqs.string("description"));
        assertTrue(sqs.map().containsKey("scw_nats_config"));
        assertNull(sqs.map().get("scw_nats_config"));
        assertFalse(sqs.map().containsKey("schedule"), "the plugin tells triggers from crons by this key");

        var generic = api.post(fn("/triggers"), """
                {"name":"aws","function_id":"%s","sqs_config":{"endpoint":"http://127.0.0.1:9324",
                 "queue_url":"http://127.0.0.1:9324/q","access_key":"AK","secret_key":"very-secret"}}"""
                .formatted(function));
        assertEquals(200, generic.status(), generic.toString());
        @SuppressWarnings("unchecked")
        var config = (Map<String, Object>) generic.map().get("sqs_config");
        assertEquals("", config.get("secret_key"), "credentials are never shown");
        assertFalse(generic.body().contains("very-secret"));

        var kafka = api.post(fn("/triggers"), """
                {"name":"events","function_id":"%s","kafka_config":{"topic":"user-events"}}""".formatted(function));
        assertEquals("kafka", kafka.string("input_type"));

        assertEquals(400, api.post(fn("/triggers"), "{\"name\":\"none\",\"function_id\":\"" + function + "\"}").status());
        assertEquals(400, api.post(fn("/triggers"), """
                {"name":"two","function_id":"%s","kafka_config":{"topic":"t"},"scw_nats_config":{"subject":"s",
                 "mnq_region":"fr-par"}}""".formatted(function)).status());
        assertEquals(400, api.post(fn("/triggers"), """
                {"name":"ws","function_id":"%s","scw_nats_config":{"subject":"has space","mnq_region":"fr-par"}}"""
                .formatted(function)).status());

        assertEquals(3, api.get(fn("/triggers?function_id=" + function)).list("triggers").size());
        assertEquals(3, api.get(fn("/triggers?namespace_id=" + ns)).list("triggers").size());
        assertEquals(400, api.get(fn("/triggers")).status(), "one of the three filters is required");
        var renamed = api.patch(fn("/triggers/" + sqs.string("id")), "{\"name\":\"orders-v2\",\"description\":\"d\"}");
        assertEquals("orders-v2", renamed.string("name"));
        assertEquals("deleting", api.delete(fn("/triggers/" + sqs.string("id"))).string("status"));
        assertEquals(404, api.get(fn("/triggers/" + sqs.string("id"))).status());
    }

    @Test
    void kafkaTriggersCannotReadThePlatformsTopicsOrJoinItsGroups() {
        String function = createFunction(createNamespace(), "snoop");
        for (String config : List.of("{\"topic\":\"stratus.function.desired\"}", "{\"topic\":\"__consumer_offsets\"}",
                "{\"topic\":\"orders\",\"consumer_group\":\"api-service\"}",
                "{\"topic\":\"orders\",\"consumer_group\":\"runtime-invocations\"}",
                "{\"topic\":\"stratus.trigger.desired\",\"bootstrap_servers\":\"127.0.0.1:9092\"}")) {
            var refused = api.post(fn("/triggers"), "{\"name\":\"t\",\"function_id\":\"" + function
                    + "\",\"kafka_config\":" + config + "}");
            assertEquals(400, refused.status(), config + ": " + refused);
            assertEquals("invalid_arguments", refused.string("type"), refused.toString());
        }
        var own = api.post(fn("/triggers"), "{\"name\":\"t\",\"function_id\":\"" + function
                + "\",\"kafka_config\":{\"topic\":\"orders\",\"consumer_group\":\"orders-readers\"}}");
        assertEquals(200, own.status(), own.toString());
    }

    @Test
    void domainsAreUniqueHostnames() {
        String function = createFunction(createNamespace(), "site");
        var created = api.post(fn("/domains"), "{\"function_id\":\"" + function + "\",\"hostname\":\"Api.Example.com\"}");
        assertEquals(200, created.status(), created.toString());
        assertEquals("api.example.com", created.string("hostname"));
        assertEquals("pending", created.string("status"));
        assertEquals("", created.string("url"));
        assertEquals(409, api.post(fn("/domains"),
                "{\"function_id\":\"" + function + "\",\"hostname\":\"api.example.com\"}").status());
        assertEquals(400, api.post(fn("/domains"),
                "{\"function_id\":\"" + function + "\",\"hostname\":\"not a host\"}").status());
        var listed = api.get(fn("/domains?function_id=" + function + "&order_by=hostname_desc"));
        assertEquals(1, listed.list("domains").size());
        assertEquals("deleting", api.delete(fn("/domains/" + created.string("id"))).string("status"));
        assertEquals(List.of(), api.get(fn("/domains?function_id=" + function)).list("domains"));
    }
}
