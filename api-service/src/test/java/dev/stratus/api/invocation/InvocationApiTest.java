package dev.stratus.api.invocation;

import dev.stratus.api.support.ApiClient;
import dev.stratus.api.support.ApiTestSupport;
import dev.stratus.testkit.Poll;
import dev.stratus.api.support.TopicPublisher;
import dev.stratus.common.event.InvocationCompleted;
import dev.stratus.common.event.Topics;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Invocation records published by the runtime, as {@code GET …/functions/{id}/invocations} lists them. */
class InvocationApiTest extends ApiTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private TopicPublisher kafka;
    @Inject
    InvocationRepository stored;

    @BeforeAll
    void connectPublisher() {
        kafka = new TopicPublisher(bootstrapServers(), json);
    }

    @AfterAll
    void closePublisher() {
        kafka.close();
    }

    @Test
    void callsAreListedNewestFirst() {
        String id = createFunction(createNamespace(), "calls");
        var http = call(id, "http", 200, 1_500, true, "instance-1", T0);
        var cron = call(id, "cron", 500, 42, false, null, T0.plusSeconds(1));
        kafka.sendAll(Topics.INVOCATION_COMPLETED, id, List.of(http, cron));

        var answer = awaitInvocations(id, "", 2);
        assertEquals("application/json", answer.contentType());
        var calls = answer.list("invocations");
        assertEquals(List.of("id", "function_id", "revision", "source", "status", "duration_ms", "cold",
                "instance_id", "timestamp"), List.copyOf(calls.getFirst().keySet()));
        var newest = calls.get(0);
        assertEquals(cron.eventId(), newest.get("id"));
        assertEquals(id, newest.get("function_id"));
        assertEquals("cron", newest.get("source"));
        assertEquals(500, ((Number) newest.get("status")).intValue());
        assertEquals(0.042, ((Number) newest.get("duration_ms")).doubleValue(), 1e-9);
        assertEquals(false, newest.get("cold"));
        assertEquals(null, newest.get("instance_id"));
        assertEquals("2026-01-01T10:00:01Z", newest.get("timestamp"));
        var oldest = calls.get(1);
        assertEquals(http.eventId(), oldest.get("id"));
        assertEquals(7, ((Number) oldest.get("revision")).intValue());
        assertEquals(1.5, ((Number) oldest.get("duration_ms")).doubleValue(), 1e-9);
        assertEquals(true, oldest.get("cold"));
        assertEquals("instance-1", oldest.get("instance_id"));
    }

    @Test
    void pagesAndOrdersByTimestamp() {
        String id = createFunction(createNamespace(), "paging");
        kafka.sendAll(Topics.INVOCATION_COMPLETED, id, IntStream.range(0, 25)
                .mapToObj(i -> call(id, "http", 200 + i, 1_000, false, "i", T0.plusSeconds(i))).toList());
        awaitInvocations(id, "", 25);

        assertEquals(List.of(204, 203, 202, 201, 200), statuses(api.get(path(id, "?page=3&page_size=10"))));
        assertEquals(IntStream.range(210, 220).boxed().toList(),
                statuses(api.get(path(id, "?order_by=timestamp_asc&page=2&page_size=10"))));
        assertEquals(20, api.get(path(id, "")).list("invocations").size());
        var refused = api.get(path(id, "?page_size=101"));
        assertEquals(400, refused.status());
        assertEquals("invalid_arguments", refused.string("type"));
        assertEquals(400, api.get(path(id, "?order_by=name_asc")).status());
    }

    @Test
    void anUnknownFunctionIsNotFound() {
        String missing = UUID.randomUUID().toString();
        var answer = api.get(path(missing, ""));
        assertEquals(404, answer.status());
        assertEquals("application/json", answer.contentType());
        assertEquals("not_found", answer.string("type"));
        assertEquals("function", answer.string("resource"));
    }

    @Test
    void onlyTheNewestThousandCallsAreKeptAndEachIsStoredOnce() {
        String id = createFunction(createNamespace(), "trim");
        var calls = IntStream.range(0, 1_050)
                .mapToObj(i -> call(id, "http", 200, i, false, "i", T0.plusMillis(i))).toList();
        kafka.sendAll(Topics.INVOCATION_COMPLETED, id, calls);
        kafka.send(Topics.INVOCATION_COMPLETED, id, calls.getLast()); // redelivered
        // one partition: once the last record shows, every earlier one has been handled
        var last = call(id, "trigger", 204, 1, false, "i", T0.plusSeconds(60));
        kafka.send(Topics.INVOCATION_COMPLETED, id, last);

        Poll.until(() -> api.get(path(id, "?page_size=1")),
                r -> r.list("invocations").stream().anyMatch(c -> c.get("id").equals(last.eventId())), TIMEOUT);
        var oldest = api.get(path(id, "?order_by=timestamp_asc&page_size=1"));
        assertEquals(1_000, ((Number) oldest.map().get("total_count")).intValue());
        assertEquals(calls.get(51).eventId(), oldest.list("invocations").getFirst().get("id"));
        assertEquals(1_000, stored.countByFunctionId(id));

        assertEquals(200, api.delete(fn("/functions/" + id)).status());
        assertEquals(0, stored.countByFunctionId(id), "a function's invocations go with it");
    }

    private static InvocationCompleted call(String functionId, String source, int status, long micros, boolean cold,
                                            String instanceId, Instant at) {
        return new InvocationCompleted(UUID.randomUUID().toString(), functionId, 7, source, status, micros, cold,
                instanceId, at);
    }

    private ApiClient.Response awaitInvocations(String functionId, String query, int count) {
        // the page and its count are two reads: a record stored between them shows in the count only
        return Poll.until(() -> api.get(path(functionId, query)), r -> r.status() == 200
                && ((Number) r.map().get("total_count")).intValue() == count
                && r.list("invocations").size() == Math.min(count, 20), TIMEOUT);
    }

    private static String path(String functionId, String query) {
        return fn("/functions/" + functionId + "/invocations" + query);
    }

    private static List<Integer> statuses(ApiClient.Response response) {
        return response.list("invocations").stream().map(c -> ((Number) c.get("status")).intValue()).toList();
    }
}
