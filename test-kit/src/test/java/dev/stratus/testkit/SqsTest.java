package dev.stratus.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The local platform's SQS server, spoken to over the SQS query API as any client would. */
class SqsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void queuesAndMessagesOutliveARestart(@TempDir Path store) throws Exception {
        String queueUrl;
        int port;
        try (Sqs sqs = Sqs.start(store, 0)) {
            port = sqs.port();
            String created = call(sqs, Map.of("Action", "CreateQueue", "QueueName", "jobs"));
            queueUrl = created.replaceAll("(?s).*<QueueUrl>(.*)</QueueUrl>.*", "$1");
            assertEquals(sqs.endpoint() + "/000000000000/jobs", queueUrl, created);
            call(sqs, Map.of("Action", "SendMessage", "QueueUrl", queueUrl, "MessageBody", "kept across restarts"));
        }
        try (Sqs again = Sqs.start(store, port)) {
            // ElasticMQ reloads its queues just after it starts listening, long before the platform is ready
            Map<String, String> receive = Map.of("Action", "ReceiveMessage", "QueueUrl", queueUrl);
            Poll.until("the queue and its message are back", () -> send(again, receive).contains("kept across"),
                    () -> send(again, receive), Duration.ofSeconds(20));
        }
    }

    private static String call(Sqs sqs, Map<String, String> form) throws Exception {
        HttpResponse<String> response = exchange(sqs, form);
        assertEquals(200, response.statusCode(), form + " answered " + response.body());
        return response.body();
    }

    private static String send(Sqs sqs, Map<String, String> form) {
        try {
            return exchange(sqs, form).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static HttpResponse<String> exchange(Sqs sqs, Map<String, String> form) throws Exception {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(sqs.endpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
