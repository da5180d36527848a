package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.testkit.Poll;
import dev.stratus.testkit.client.FunctionZips;
import dev.stratus.testkit.client.FunctionsApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole platform as users meet it: five service processes on a real Kafka and PostgreSQL, functions deployed
 * through the Scaleway API and called through the gateway.
 */
class DataPlaneTest {
    private static final Duration DEPLOY = Duration.ofSeconds(90);
    private static FunctionsApi api;

    @BeforeAll
    static void start() {
        api = Platform.api();
    }

    @Test
    void nodeAndPythonFunctionsServeAndRedeploysSeeNewEnvironment() throws Exception {
        String ns = namespace("""
                "environment_variables": {"GREETING": "from the namespace"},
                "secret_environment_variables": [{"key": "PASSWORD", "value": "s3cret"}]""");
        JsonNode node = deploy(ns, "echo-node", "node22", "public", Map.of("handler.js", FunctionZips.NODE_ECHO));
        JsonNode python = deploy(ns, "echo-python", "python311", "public", Map.of("handler.py", FunctionZips.PYTHON_ECHO));

        JsonNode fromNode = json(call(node, "POST", "/orders?id=7", "hello"));
        assertEquals("node", fromNode.get("runtime").asText());
        assertEquals("from the namespace", fromNode.get("greeting").asText());
        assertEquals("s3cret", fromNode.get("secret").asText(), "secrets reach the instance decrypted");
        assertEquals("POST", fromNode.get("method").asText());
        assertEquals("/orders", fromNode.get("path").asText());
        assertEquals("7", fromNode.get("query").get("id").asText());
        assertEquals("hello", fromNode.get("body").asText());

        JsonNode fromPython = json(call(python, "GET", "/?lang=py", null));
        assertEquals("python", fromPython.get("runtime").asText());
        assertEquals("py", fromPython.get("query").get("lang").asText());

        String id = node.get("id").asText();
        long before = System.nanoTime();
        api.patch("/functions/" + id, "{\"environment_variables\": {\"GREETING\": \"changed\"}, \"redeploy\": true}");
        assertEquals("pending", api.get("/functions/" + id).get("status").asText());
        api.awaitFunction(id, f -> f.get("status").asText().equals("ready"), DEPLOY);
        assertEquals("changed", json(call(node, "GET", "/", null)).get("greeting").asText(),
                "redeployed in " + (System.nanoTime() - before) / 1_000_000 + " ms");
    }

    @Test
    void archiveWithoutItsHandlerEndsInErrorWithTheReason() {
        String ns = namespace("");
        JsonNode function = create(ns, "no-handler", "node22", "public");
        JsonNode failed = upload(function, Map.of("index.js", FunctionZips.NODE_ECHO));
        assertTrue(failed.get("error_message").asText().contains("handler.js"), failed.toString());
    }

    @Test
    void handlerThatFailsToLoadEndsInErrorWithTheReasonAndCallsAnswer503Saying() {
        String ns = namespace("");
        JsonNode function = create(ns, "broken", "python311", "public");
        JsonNode failed = upload(function, Map.of("handler.py", "def handle(event, context)\n    return 1\n"));
        assertTrue(failed.get("error_message").asText().contains("SyntaxError"), failed.toString());

        long before = System.nanoTime();
        HttpResponse<String> refused = call(function, "GET", "/", null);
        long tookMillis = (System.nanoTime() - before) / 1_000_000;
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"no_ready_revision\""), refused.body());
        assertTrue(refused.body().contains("function broken (" + function.get("id").asText()
                + ") has no ready revision (status: error: "), refused.body());
        assertTrue(refused.body().contains("SyntaxError"), refused.body());
        assertTrue(tookMillis < 5_000, "answered at once, not after the function's timeout: " + tookMillis + " ms");
    }

    @Test
    void functionNeverDeployedAnswers503NotDeployed() {
        JsonNode function = create(namespace(""), "empty", "node22", "public");
        // the gateway answers 404 until the runtime has read the new function's desired state
        HttpResponse<String> refused = Poll.until(() -> call(function, "GET", "/", null),
                r -> r.statusCode() != 404, Duration.ofSeconds(30));
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("has no ready revision (status: not deployed"), refused.body());
    }

    @Test
    void privateFunctionAnswers403WithoutAValidTokenAnd200WithOne() throws Exception {
        String ns = namespace("");
        JsonNode function = deploy(ns, "secret-echo", "node22", "private", Map.of("handler.js", FunctionZips.NODE_ECHO));
        assertEquals(403, call(function, "GET", "/", null).statusCode());
        assertEquals(403, invoke(function, "not-a-jwt").statusCode());

        JsonNode token = api.post("/tokens", "{\"function_id\": \"" + function.get("id").asText() + "\"}");
        String jwt = token.get("token").asText();
        HttpResponse<String> allowed = pollStatus(function, jwt, 200);
        assertEquals("node", json(allowed).get("runtime").asText());

        JsonNode other = deploy(ns, "other-echo", "node22", "private", Map.of("handler.js", FunctionZips.NODE_ECHO));
        assertEquals(403, invoke(other, jwt).statusCode(), "a function's token opens that function only");

        api.delete("/tokens/" + token.get("id").asText());
        pollStatus(function, jwt, 403);
    }

    private HttpResponse<String> pollStatus(JsonNode function, String jwt, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = invoke(function, jwt);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            FunctionsApi.pause();
            response = invoke(function, jwt);
        }
        assertEquals(status, response.statusCode(), response.body());
        return response;
    }

    private HttpResponse<String> invoke(JsonNode function, String token) {
        return api.invoke(function.get("domain_name").asText(), "GET", "/", null, token);
    }

    private HttpResponse<String> call(JsonNode function, String method, String path, String body) {
        return api.invoke(function.get("domain_name").asText(), method, path, body, null);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return FunctionsApi.JSON.readTree(response.body());
    }

    private String namespace(String extraFields) {
        return api.createNamespace(extraFields);
    }

    private JsonNode create(String namespaceId, String name, String runtime, String privacy) {
        return api.createFunction(namespaceId, name, runtime, privacy);
    }

    private JsonNode upload(JsonNode function, Map<String, String> files) {
        return api.uploadAndDeploy(function.get("id").asText(), FunctionZips.of(files), DEPLOY);
    }

    private JsonNode deploy(String namespaceId, String name, String runtime, String privacy,
                            Map<String, String> files) {
        JsonNode deployed = upload(create(namespaceId, name, runtime, privacy), files);
        assertEquals("ready", deployed.get("status").asText(), deployed.toString());
        return deployed;
    }
}
