package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.testkit.Poll;
import dev.stratus.testkit.client.FunctionZips;
import dev.stratus.testkit.client.FunctionsApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One function cannot take the runtime down for the others: a huge response is refused (502) without being
 * buffered and its instance replaced, a huge output line is cut at 8 KiB, a huge request is refused (413), and
 * another function is served right after each.
 */
class OutputLimitsTest {
    private static final Duration DEPLOY = Duration.ofSeconds(90);
    private static final long SERVED_WITHIN_MILLIS = 2_000;
    private static FunctionsApi api;
    private static JsonNode echo;

    @BeforeAll
    static void start() {
        api = Platform.api();
        echo = deploy(api.createNamespace(""), "limits-echo", Map.of("handler.js", FunctionZips.NODE_ECHO));
    }

    @Test
    void aResponseOver6MiBAnswers502AtOnceAndTheRuntimeServesOthers() throws Exception {
        // 48 MB, eight times the limit, sent with its Content-Length: refused before a byte of the body is read
        JsonNode big = deploy(echo.get("namespace_id").asText(), "big-answer", Map.of("handler.js", """
                module.exports.handle = async () => ({ statusCode: 200, body: "x".repeat(48 * 1024 * 1024) });
                """));
        for (int call = 1; call <= 2; call++) {
            warmUpEcho();
            long before = System.nanoTime();
            HttpResponse<String> refused = call(big, "GET", null);
            long tookMillis = (System.nanoTime() - before) / 1_000_000;
            assertEquals(502, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"type\":\"response_too_large\""), refused.body());
            assertTrue(refused.body().contains("function big-answer answered more than 6 MiB"), refused.body());
            // the second call gets a replaced instance, which answers the same way rather than a broken connection
            assertTrue(tookMillis < 15_000, "call " + call + " took " + tookMillis + " ms");
            assertServedQuickly();
        }
    }

    @Test
    void aLineOf50MegabytesIsLoggedCutAt8KiBAndTheRuntimeServesOthers() throws Exception {
        JsonNode printer = deploy(echo.get("namespace_id").asText(), "long-line", Map.of("handler.js", """
                module.exports.handle = async () => {
                  console.log("y".repeat(50 * 1024 * 1024));
                  return { statusCode: 200, body: "printed" };
                };
                """));
        warmUpEcho();
        HttpResponse<String> printed = call(printer, "GET", null);
        assertEquals(200, printed.statusCode(), printed.body());
        assertServedQuickly();

        String id = printer.get("id").asText();
        Poll.until("the long line is logged, cut", () -> cutLine(id) != null,
                () -> api.get("/functions/" + id + "/logs?page_size=100").toString(), Duration.ofSeconds(30));
        String cut = cutLine(id);
        assertTrue(cut.startsWith("yyyy"), cut.substring(0, 20));
        assertEquals(8 * 1024, cut.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aRequestOver6MiBAnswers413WithAClearMessage() throws Exception {
        warmUpEcho();
        URI gateway = URI.create(Platform.local().gatewayUrl());
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            OutputStream out = socket.getOutputStream();
            // the head alone says it is too large: the gateway answers before the body is sent
            out.write(("POST / HTTP/1.1\r\nHost: " + echo.get("domain_name").asText() + "\r\nContent-Length: "
                    + 7 * 1024 * 1024 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("{\"type\":\"request_too_large\",\"message\":\"the request body is larger "
                    + "than 6 MiB"), answer);
        }
        assertServedQuickly();
    }

    private static String cutLine(String functionId) {
        for (JsonNode line : api.get("/functions/" + functionId + "/logs?page_size=100").get("logs")) {
            String message = line.get("message").asText();
            if (message.endsWith(" [line cut at 8 KiB]")) {
                return message;
            }
        }
        return null;
    }

    /** The other function has an instance up: what is timed after is serving, not a cold start. */
    private static void warmUpEcho() {
        assertEquals(200, call(echo, "GET", null).statusCode());
    }

    private static void assertServedQuickly() throws Exception {
        long before = System.nanoTime();
        HttpResponse<String> answer = call(echo, "POST", "still here");
        long tookMillis = (System.nanoTime() - before) / 1_000_000;
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("still here", FunctionsApi.JSON.readTree(answer.body()).get("body").asText());
        assertTrue(tookMillis < SERVED_WITHIN_MILLIS, "another function answered in " + tookMillis + " ms");
    }

    private static HttpResponse<String> call(JsonNode function, String method, String body) {
        return api.invoke(function.get("domain_name").asText(), method, "/", body, null);
    }

    private static JsonNode deploy(String namespaceId, String name, Map<String, String> files) {
        JsonNode function = api.createFunction(namespaceId, name, "node22", "public");
        JsonNode deployed = api.uploadAndDeploy(function.get("id").asText(), FunctionZips.of(files), DEPLOY);
        assertEquals("ready", deployed.get("status").asText(), deployed.toString());
        return deployed;
    }
}
