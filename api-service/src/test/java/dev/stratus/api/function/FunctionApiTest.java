package dev.stratus.api.function;

import dev.stratus.api.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionApiTest extends ApiTestSupport {

    @Test
    void runtimesListTheNodeReleasesAndThePythonsThisMachineHas() {
        var runtimes = api.get(fn("/runtimes"));
        assertEquals(200, runtimes.status());
        var names = runtimes.list("runtimes").stream().map(r -> r.get("name")).toList();
        assertTrue(names.containsAll(List.of("node20", "node22", "node24")), names.toString());
        for (String minor : List.of("11", "12", "13")) {
            assertEquals(Files.isExecutable(Path.of("/usr/bin/python3." + minor)), names.contains("python3" + minor),
                    "python3" + minor + " is listed exactly when its interpreter is installed: " + names);
        }
        runtimes.list("runtimes").forEach(r -> {
            assertEquals("available", r.get("status"));
            assertEquals("handler.handle", r.get("default_handler"));
        });
        assertEquals(names.size(), ((Number) runtimes.map().get("total_count")).intValue());
    }

    @Test
    void aRuntimeThatIsNotListedIsRefusedOnCreateAndOnUpdate() {
        String ns = createNamespace();
        var refused = api.post(fn("/functions"), """
                {"name":"py","namespace_id":"%s","runtime":"python399"}""".formatted(ns));
        String id = api.post(fn("/functions"), """
                {"name":"node","namespace_id":"%s","runtime":"node24"}""".formatted(ns)).string("id");
        var patched = api.patch(fn("/functions/" + id), "{\"runtime\":\"python399\"}");

        for (var response : List.of(refused, patched)) {
            assertEquals(400, response.status(), response.toString());
            assertEquals("invalid_arguments", response.string("type"));
            assertEquals(List.of("runtime"), response.list("details").stream().map(d -> d.get("argument_name"))
                    .toList());
        }
        assertEquals("node24", api.get(fn("/functions/" + id)).string("runtime"));
    }

    @Test
    void createFillsEveryDefault() {
        String ns = createNamespace();
        var created = api.post(fn("/functions"), """
                {"name":"hello","namespace_id":"%s","runtime":"python311","privacy":"unknown_privacy",
                 "http_option":"unknown_http_option","sandbox":"unknown_sandbox","secret_environment_variables":null,
                 "tags":null,"domain_name":"ignored.example.com"}""".formatted(ns));
        assertEquals(200, created.status(), created.toString());
        Map<String, Object> f = created.map();
        assertEquals("created", f.get("status"));
        assertEquals(0, f.get("min_scale"));
        assertEquals(5, f.get("max_scale"));
        assertEquals(256, f.get("memory_limit"));
        assertEquals(140, f.get("cpu_limit"));
        assertEquals("300s", f.get("timeout"));
        assertEquals("handler.handle", f.get("handler"));
        assertEquals("public", f.get("privacy"));
        assertEquals("enabled", f.get("http_option"));
        assertEquals("v2", f.get("sandbox"));
        assertEquals("", f.get("description"));
        assertEquals("", f.get("runtime_message"));
        assertEquals(List.of(), f.get("tags"));
        assertEquals(Map.of(), f.get("environment_variables"));
        for (String nullable : List.of("error_message", "build_message", "ready_at", "private_network_id")) {
            assertTrue(f.containsKey(nullable), nullable);
            assertNull(f.get(nullable), nullable);
        }
        String domain = (String) f.get("domain_name");
        assertTrue(domain.endsWith("-hello.functions.localhost"), domain);
        assertNotEquals("ignored.example.com", domain);
    }

    @Test
    void settingsAreValidatedTogether() {
        String ns = createNamespace();
        var bad = api.post(fn("/functions"), """
                {"name":"x","namespace_id":"%s","runtime":"cobol85","memory_limit":300,"timeout":"5m",
                 "min_scale":"3","max_scale":1000,"handler":"../etc/passwd.x"}""".formatted(ns));
        assertEquals(400, bad.status(), bad.toString());
        var arguments = bad.list("details").stream().map(d -> d.get("argument_name")).toList();
        assertTrue(arguments.containsAll(List.of("runtime", "memory_limit", "timeout", "min_scale", "max_scale",
                "handler")), arguments.toString());

        var inverted = api.post(fn("/functions"), """
                {"name":"y","namespace_id":"%s","runtime":"node20","min_scale":4,"max_scale":2}""".formatted(ns));
        assertEquals(400, inverted.status());
        var missingNamespace = api.post(fn("/functions"), """
                {"name":"z","namespace_id":"00000000-0000-4000-8000-000000000000","runtime":"node20"}""");
        assertEquals(404, missingNamespace.status());
        assertEquals("namespace", missingNamespace.string("resource"));
    }

    @Test
    void goStyleDurationsAndMemoryTiersAreAccepted() {
        String ns = createNamespace();
        var created = api.post(fn("/functions"), """
                {"name":"tiers","namespace_id":"%s","runtime":"node20","memory_limit":1024,
                 "timeout":"2.5e1s"}""".formatted(ns));
        assertEquals(400, created.status(), "exponent notation is not a Scaleway duration");
        var go = api.post(fn("/functions"), """
                {"name":"tiers","namespace_id":"%s","runtime":"node20","memory_limit":1024,
                 "timeout":"300.000000000s"}""".formatted(ns));
        assertEquals(200, go.status(), go.toString());
        assertEquals("300s", go.string("timeout"));
        assertEquals(560, go.map().get("cpu_limit"));
        var fractional = api.patch(fn("/functions/" + go.string("id")), "{\"timeout\":\"12.5s\"}");
        assertEquals("12.5s", fractional.string("timeout"));
    }

    @Test
    void updateReplacesEnvAndMergesSecrets() {
        String ns = createNamespace();
        String id = createFunction(ns, "env");
        api.patch(fn("/functions/" + id), """
                {"environment_variables":{"A":"1"},"secret_environment_variables":[{"key":"S1","value":"a"},
                 {"key":"S2","value":"b"}]}""");
        var updated = api.patch(fn("/functions/" + id), """
                {"environment_variables":{"B":"2"},"secret_environment_variables":[{"key":"S1"}],
                 "redeploy":false}""");
        assertEquals(Map.of("B", "2"), updated.map().get("environment_variables"));
        assertEquals(List.of("S2"), updated.list("secret_environment_variables").stream().map(s -> s.get("key")).toList());
        assertEquals("created", updated.string("status"), "no code yet: nothing to deploy");
    }

    @Test
    void legacyNamespaceRouteListsTheSameFunctionsAsTheFilter() {
        String ns = createNamespace();
        createFunction(ns, "beta");
        createFunction(ns, "alpha");
        var legacy = api.get(fn("/namespaces/" + ns + "/functions"));
        var filtered = api.get(fn("/functions?namespace_id=" + ns + "&order_by=created_at_asc"));
        assertEquals(legacy.map(), filtered.map());
        assertEquals(2, ((Number) legacy.map().get("total_count")).intValue());
        var byName = api.get(fn("/functions?namespace_id=" + ns + "&order_by=name_asc&page_size=1&page=2"));
        assertEquals("beta", byName.list("functions").get(0).get("name"));
        assertEquals(2, ((Number) byName.map().get("total_count")).intValue());
        var exact = api.get(fn("/functions?namespace_id=" + ns + "&name=alpha"));
        assertEquals(1, exact.list("functions").size());
        var goEmptyParam = api.get(fn("/functions?namespace_id=" + ns + "&name=&project_id="));
        assertEquals(2, goEmptyParam.list("functions").size(), "empty parameters mean absent, as Go sends them");
    }

    @Test
    void functionNamesAreUniquePerNamespace() {
        String ns = createNamespace();
        createFunction(ns, "same");
        var again = api.post(fn("/functions"), "{\"name\":\"same\",\"namespace_id\":\"" + ns + "\",\"runtime\":\"node22\"}");
        assertEquals(409, again.status());
        String other = createNamespace();
        assertEquals(200, api.post(fn("/functions"),
                "{\"name\":\"same\",\"namespace_id\":\"" + other + "\",\"runtime\":\"node22\"}").status());
    }

    @Test
    void deletingANamespaceDeletesItsFunctions() {
        String ns = createNamespace();
        String id = createFunction(ns, "doomed");
        assertEquals(200, api.delete(fn("/namespaces/" + ns)).status());
        var gone = api.get(fn("/functions/" + id));
        assertEquals(404, gone.status());
        assertEquals("function", gone.string("resource"));
        assertEquals(id, gone.string("resource_id"));
    }

    @Test
    void logsRouteAnswersAList() {
        String id = createFunction(createNamespace(), "logs");
        var logs = api.get(fn("/functions/" + id + "/logs"));
        assertEquals(200, logs.status());
        assertEquals(List.of(), logs.list("logs"));
        assertEquals(404, api.get(fn("/functions/00000000-0000-4000-8000-000000000000/logs")).status());
    }
}
