package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.testkit.LocalPlatform;
import dev.stratus.testkit.Poll;
import dev.stratus.testkit.client.FunctionZips;
import dev.stratus.testkit.client.FunctionsApi;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scaleway-shaped triggers on a platform given no broker at all: the local platform's own NATS (JetStream) and
 * SQS servers stand in for Scaleway's managed ones, and messages published to them reach the function.
 */
class ManagedQueuesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String HANDLER = """
            module.exports.handle = async (event) => {
              console.log("took " + event.body);
              return { statusCode: 200, body: "ok" };
            };
            """;

    @Test
    void scwNatsMessagesPublishedToTheBuiltInServerReachTheFunction() throws Exception {
        LocalPlatform platform = Platform.local();
        String natsUrl = platform.natsUrl().orElseThrow(() -> new AssertionError("no built-in NATS server"));
        FunctionsApi api = Platform.api();
        String id = deployedFunction(api, "nats-consumer");
        String subject = "orders-" + id.substring(0, 8);
        String triggerId = readyTrigger(api, id, "scw_nats_config", """
                {"subject":"%s","mnq_nats_account_id":"account","mnq_project_id":"%s","mnq_region":"fr-par"}"""
                .formatted(subject, UUID.randomUUID()));

        try (Connection connection = io.nats.client.Nats.connect(natsUrl)) {
            for (int n = 0; n < 5; n++) {
                publish(connection, subject, "nats order " + n);
            }
        }
        awaitLogged(api, id, "nats order", 5);
        api.delete("/triggers/" + triggerId);
    }

    @Test
    void scwSqsMessagesSentToTheBuiltInServerReachTheFunction() throws Exception {
        LocalPlatform platform = Platform.local();
        String endpoint = platform.sqsEndpoint().orElseThrow(() -> new AssertionError("no built-in SQS server"));
        FunctionsApi api = Platform.api();
        String id = deployedFunction(api, "sqs-consumer");
        String queue = "orders-" + id.substring(0, 8);
        String queueUrl = sqs(endpoint, Map.of("Action", "CreateQueue", "QueueName", queue))
                .replaceAll("(?s).*<QueueUrl>(.*)</QueueUrl>.*", "$1");
        String triggerId = readyTrigger(api, id, "scw_sqs_config", """
                {"queue":"%s","mnq_project_id":"%s","mnq_region":"fr-par"}""".formatted(queue, UUID.randomUUID()));

        for (int n = 0; n < 5; n++) {
            sqs(endpoint, Map.of("Action", "SendMessage", "QueueUrl", queueUrl, "MessageBody", "sqs order " + n));
        }
        awaitLogged(api, id, "sqs order", 5);
        api.delete("/triggers/" + triggerId);
    }

    private static String deployedFunction(FunctionsApi api, String name) {
        String id = api.createFunction(api.createNamespace(""), name, "node22", "public").get("id").asText();
        JsonNode ready = api.uploadAndDeploy(id, FunctionZips.of(Map.of("handler.js", HANDLER)), WAIT);
        assertEquals("ready", ready.get("status").asText(), ready.toString());
        return id;
    }

    /** A trigger of the function reading {@code input}, once its consumer runs (so nothing published is lost). */
    private static String readyTrigger(FunctionsApi api, String functionId, String input, String config) {
        String triggerId = api.post("/triggers", "{\"name\":\"orders\",\"function_id\":\"" + functionId + "\",\""
                + input + "\":" + config + "}").get("id").asText();
        Poll.until("the trigger's consumer runs",
                () -> api.get("/triggers/" + triggerId).get("status").asText().equals("ready"),
                () -> api.get("/triggers/" + triggerId).toString(), WAIT);
        return triggerId;
    }

    private static void awaitLogged(FunctionsApi api, String functionId, String prefix, int count) {
        Set<String> expected = new TreeSet<>();
        for (int n = 0; n < count; n++) {
            expected.add("took " + prefix + " " + n);
        }
        Poll.until("every message reaches the function", () -> logged(api, functionId).containsAll(expected),
                () -> "logged: " + logged(api, functionId) + Platform.logTails(20), WAIT);
    }

    private static Set<String> logged(FunctionsApi api, String functionId) {
        Set<String> messages = new TreeSet<>();
        for (JsonNode line : api.get("/functions/" + functionId + "/logs?page_size=100").get("logs")) {
            messages.add(line.get("message").asText());
        }
        return messages;
    }

    /** A JetStream publish: acknowledged once a stream holds it (the trigger's consumer made one for the subject). */
    private static void publish(Connection connection, String subject, String body)
            throws IOException, JetStreamApiException {
        connection.jetStream().publish(subject, body.getBytes(StandardCharsets.UTF_8));
    }

    /** One call of the SQS query API over plain HTTP, as any SQS client makes it; returns the XML answer. */
    private static String sqs(String endpoint, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 200, form.get("Action") + " answered " + response.statusCode() + ": "
                + response.body());
        return response.body();
    }
}
