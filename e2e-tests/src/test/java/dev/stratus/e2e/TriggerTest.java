package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.testkit.Nats;
import dev.stratus.testkit.Poll;
import dev.stratus.testkit.client.FunctionZips;
import dev.stratus.testkit.client.FunctionsApi;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A NATS trigger created through the API, on the whole platform: every message reaches the private function
 * through the gateway, a message the function always fails ends in the dead-letter subject with its reason, and
 * the calls are on record as trigger invocations.
 */
class TriggerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MESSAGES = 40;
    private static final String HANDLER = """
            module.exports.handle = async (event) => {
              if (event.body.startsWith("poison")) {
                return { statusCode: 500, body: "cannot take " + event.body };
              }
              console.log("took " + event.body);
              return { statusCode: 200, body: "ok" };
            };
            """;

    @Test
    void natsMessagesReachAPrivateFunctionAndPoisonIsDeadLettered() throws Exception {
        FunctionsApi api = Platform.api();
        String namespace = api.createNamespace("");
        String id = api.createFunction(namespace, "consumer", "node22", "private").get("id").asText();
        JsonNode ready = api.uploadAndDeploy(id, FunctionZips.of(Map.of("handler.js", HANDLER)), WAIT);
        assertEquals("ready", ready.get("status").asText(), ready.toString());
        try (Nats nats = Nats.start(); Connection connection = io.nats.client.Nats.connect(nats.url())) {
            String subject = "orders." + id.substring(0, 8);
            JsonNode trigger = api.post("/triggers", "{\"name\": \"orders\", \"function_id\": \"" + id
                    + "\", \"nats_config\": {\"server_url\": \"" + nats.url() + "\", \"subject\": \"" + subject + "\"}}");
            String triggerId = trigger.get("id").asText();
            await(() -> api.get("/triggers/" + triggerId).get("status").asText().equals("ready"),
                    "the trigger's consumer runs", () -> api.get("/triggers/" + triggerId).toString());

            JetStream js = connection.jetStream();
            for (int n = 0; n < MESSAGES; n++) {
                js.publish(subject, ("order " + n).getBytes(StandardCharsets.UTF_8));
            }
            js.publish(subject, "poison pill".getBytes(StandardCharsets.UTF_8));

            Set<String> expected = IntStream.range(0, MESSAGES).mapToObj(n -> "took order " + n)
                    .collect(Collectors.toCollection(TreeSet::new));
            await(() -> logged(api, id).containsAll(expected), "every message reaches the function",
                    () -> "missing " + missing(expected, logged(api, id)));
            await(() -> !deadLetters(connection, subject + ".dlq").isEmpty(), "the poison message is dead-lettered",
                    () -> "none yet");
            List<String> letters = deadLetters(connection, subject + ".dlq");
            assertEquals(1, letters.size(), letters.toString());
            assertTrue(letters.getFirst().startsWith("poison pill | HTTP 500"), letters.toString());

            // the poison message was tried four times: the first call and three retries; records arrive apace
            await(() -> triggerCalls(api, id) >= MESSAGES + 4, "every trigger call is on record",
                    () -> "trigger calls on record: " + triggerCalls(api, id));
            api.delete("/triggers/" + triggerId);
        }
    }

    private static long triggerCalls(FunctionsApi api, String functionId) {
        long fromTrigger = 0;
        for (JsonNode call : api.get("/functions/" + functionId + "/invocations?page_size=100").get("invocations")) {
            if (call.get("source").asText().equals("trigger")) {
                fromTrigger++;
            }
        }
        return fromTrigger;
    }

    private static Set<String> logged(FunctionsApi api, String functionId) {
        Set<String> messages = new TreeSet<>();
        for (JsonNode line : api.get("/functions/" + functionId + "/logs?page_size=100").get("logs")) {
            messages.add(line.get("message").asText());
        }
        return messages;
    }

    private static Set<String> missing(Set<String> expected, Set<String> seen) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(seen);
        return missing;
    }

    /** Each dead letter as {@code body | reason}. */
    private static List<String> deadLetters(Connection connection, String dlqSubject) {
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            List<String> streams = jsm.getStreamNames(dlqSubject);
            List<String> letters = new ArrayList<>();
            if (streams.isEmpty()) {
                return letters;
            }
            long last = jsm.getStreamInfo(streams.getFirst()).getStreamState().getLastSequence();
            for (long seq = 1; seq <= last; seq++) {
                MessageInfo message = jsm.getMessage(streams.getFirst(), seq);
                letters.add(new String(message.getData(), StandardCharsets.UTF_8) + " | "
                        + message.getHeaders().getFirst("stratus-dlq-reason"));
            }
            return letters;
        } catch (java.io.IOException | JetStreamApiException e) {
            throw new AssertionError("cannot read " + dlqSubject, e);
        }
    }

    private static void await(BooleanSupplier condition, String what, Supplier<String> seen) {
        Poll.until(what, condition, () -> seen.get() + Platform.logTails(30), WAIT);
    }
}
