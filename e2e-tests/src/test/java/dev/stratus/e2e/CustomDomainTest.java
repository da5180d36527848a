package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.testkit.Poll;
import dev.stratus.testkit.client.FunctionZips;
import dev.stratus.testkit.client.FunctionsApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Custom domains made with {@code POST /domains} route at the gateway until the domain or its function goes. */
class CustomDomainTest {
    private static final Duration DEPLOY = Duration.ofSeconds(90);
    private static final Duration ROUTING = Duration.ofSeconds(30);
    private static FunctionsApi api;

    @BeforeAll
    static void start() {
        api = Platform.api();
    }

    @Test
    void aCustomDomainRoutesToItsFunctionUntilItIsDeleted() throws Exception {
        JsonNode function = deployEcho("shop");
        String id = function.get("id").asText();
        String host = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        JsonNode domain = api.post("/domains", "{\"function_id\": \"" + id + "\", \"hostname\": \"" + host + "\"}");
        String domainId = domain.get("id").asText();
        JsonNode ready = Poll.until(() -> api.get("/domains/" + domainId),
                d -> d.get("status").asText().equals("ready"), ROUTING);
        assertEquals("https://" + host, ready.get("url").asText());

        // Host is matched without case and without its port, as browsers and proxies may send either
        HttpResponse<String> routed = call(host.toUpperCase(Locale.ROOT) + ":8080", "/via-domain");
        assertEquals(200, routed.statusCode(), routed.body());
        JsonNode echoed = FunctionsApi.JSON.readTree(routed.body());
        assertEquals("node", echoed.get("runtime").asText());
        assertEquals("/via-domain", echoed.get("path").asText());
        assertEquals(200, call(function.get("domain_name").asText(), "/").statusCode(), "its own name still serves");

        api.delete("/domains/" + domainId);
        HttpResponse<String> gone = Poll.until(() -> call(host, "/"), r -> r.statusCode() == 404, ROUTING);
        assertTrue(gone.body().contains("\"not_found\""), gone.body());
    }

    @Test
    void deletingTheFunctionStopsItsCustomDomains() {
        JsonNode function = deployEcho("leaving");
        String id = function.get("id").asText();
        String host = "leaving-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        String domainId = api.post("/domains", "{\"function_id\": \"" + id + "\", \"hostname\": \"" + host + "\"}")
                .get("id").asText();
        Poll.until(() -> api.get("/domains/" + domainId), d -> d.get("status").asText().equals("ready"), ROUTING);
        assertEquals(200, call(host, "/").statusCode());

        api.delete("/functions/" + id);
        HttpResponse<String> gone = Poll.until(() -> call(host, "/"), r -> r.statusCode() == 404, ROUTING);
        assertTrue(gone.body().contains("\"not_found\""), gone.body());
    }

    private JsonNode deployEcho(String name) {
        String ns = api.createNamespace("");
        JsonNode created = api.createFunction(ns, name, "node22", "public");
        JsonNode deployed = api.uploadAndDeploy(created.get("id").asText(),
                FunctionZips.of(Map.of("handler.js", FunctionZips.NODE_ECHO)), DEPLOY);
        assertEquals("ready", deployed.get("status").asText(), deployed.toString());
        return deployed;
    }

    private HttpResponse<String> call(String host, String path) {
        return api.invoke(host, "GET", path, null, null);
    }
}
