package dev.stratus.api.namespace;

import dev.stratus.api.secret.Argon2idHasher;
import dev.stratus.api.support.ApiTestSupport;
import dev.stratus.testkit.Infrastructure;
import io.micronaut.context.annotation.Value;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamespaceApiTest extends ApiTestSupport {

    @Value("${datasources.default.url}")
    String jdbcUrl;

    @Test
    void createAnswersTheFullNamespaceWithExactJsonContentType() {
        var created = api.post(fn("/namespaces"), """
                {"name":"shop","project_id":"%s","description":"the shop","environment_variables":{"A":"1"},
                 "tags":["x"],"activate_vpc_integration":false,"some_future_field":42}""".formatted(PROJECT_ID));
        assertEquals(200, created.status(), created.toString());
        assertEquals("application/json", created.contentType());
        Map<String, Object> ns = created.map();
        assertEquals("shop", ns.get("name"));
        assertEquals("ready", ns.get("status"));
        assertEquals(PROJECT_ID, ns.get("project_id"));
        assertEquals("fr-par", ns.get("region"));
        assertEquals(Map.of("A", "1"), ns.get("environment_variables"));
        assertEquals(List.of(), ns.get("secret_environment_variables"));
        assertEquals(List.of("x"), ns.get("tags"));
        assertTrue(ns.containsKey("error_message"));
        assertNull(ns.get("error_message"));
        assertTrue(((String) ns.get("registry_endpoint")).contains("/funcscwshop"));
        assertEquals(ns, api.get(fn("/namespaces/" + ns.get("id"))).map(), "a read returns what create answered");
    }

    @Test
    void secretsAreHashedWithArgon2idAndEncryptedAtRest() throws SQLException {
        var created = api.post(fn("/namespaces"), """
                {"name":"secrets-%s","secret_environment_variables":[{"key":"DB_PASSWORD","value":"hunter2"},
                 {"key":"API","value":"k1"}]}""".formatted(shortId()));
        String id = created.string("id");
        var hashes = created.list("secret_environment_variables");
        assertEquals(2, hashes.size());
        String hash = (String) hashes.get(0).get("hashed_value");
        assertTrue(hash.startsWith("$argon2id$v=19$"), hash);
        assertTrue(Argon2idHasher.verify(hash, "hunter2"));
        assertFalse(Argon2idHasher.verify(hash, "hunter3"));

        var updated = api.patch(fn("/namespaces/" + id), """
                {"secret_environment_variables":[{"key":"API","value":null},{"key":"NEW","value":"v"}]}""");
        assertEquals(200, updated.status(), updated.toString());
        assertEquals(List.of("DB_PASSWORD", "NEW"), updated.list("secret_environment_variables").stream()
                .map(s -> s.get("key")).toList(), "unmentioned keys stay, a null value deletes");
        assertEquals(hash, updated.list("secret_environment_variables").get(0).get("hashed_value"));

        try (var connection = DriverManager.getConnection(jdbcUrl, Infrastructure.shared().postgres().username(),
                Infrastructure.shared().postgres().password());
             var row = connection.prepareStatement("SELECT secret_environment_variables FROM namespaces WHERE id = ?")) {
            row.setString(1, id);
            var result = row.executeQuery();
            assertTrue(result.next());
            assertFalse(result.getString(1).contains("hunter2"), "plaintext must never be stored");
        }
    }

    @Test
    void updateReplacesEnvironmentAndKeepsWhatIsNotSent() {
        String id = createNamespace();
        api.patch(fn("/namespaces/" + id), "{\"environment_variables\":{\"A\":\"1\",\"B\":\"2\"},\"description\":\"d\"}");
        var updated = api.patch(fn("/namespaces/" + id), "{\"environment_variables\":{\"C\":\"3\"},\"description\":null}");
        assertEquals(Map.of("C", "3"), updated.map().get("environment_variables"));
        assertEquals("d", updated.string("description"), "null means not set");
    }

    @Test
    void listFiltersByExactNamePagesAndOrders() {
        String prefix = "page-" + shortId();
        for (String suffix : List.of("b", "a", "c")) {
            api.post(fn("/namespaces"), "{\"name\":\"" + prefix + "-" + suffix + "\"}");
        }
        var exact = api.get(fn("/namespaces?name=" + prefix + "-a"));
        assertEquals(1, ((Number) exact.map().get("total_count")).intValue());
        assertEquals(prefix + "-a", exact.list("namespaces").get(0).get("name"));

        var firstPage = api.get(fn("/namespaces?page_size=2&order_by=name_desc"));
        int total = ((Number) firstPage.map().get("total_count")).intValue();
        assertTrue(total >= 3);
        assertEquals(2, firstPage.list("namespaces").size());
        List<String> names = new java.util.ArrayList<>();
        for (int page = 1; page <= (total + 1) / 2; page++) {
            api.get(fn("/namespaces?page_size=2&order_by=name_desc&page=" + page)).list("namespaces")
                    .forEach(n -> names.add((String) n.get("name")));
        }
        assertEquals(total, names.size(), "pages neither overlap nor skip");
        assertEquals(names.stream().sorted(java.util.Comparator.reverseOrder()).toList(), names);
        var empty = api.get(fn("/namespaces?name=nothing-" + shortId()));
        assertEquals(List.of(), empty.list("namespaces"), "the array is there even when empty");
    }

    @Test
    void deleteAnswersDeletingThenTheNamespaceIsGone() {
        String id = createNamespace();
        var deleted = api.delete(fn("/namespaces/" + id));
        assertEquals(200, deleted.status());
        assertEquals("deleting", deleted.string("status"));
        var gone = api.get(fn("/namespaces/" + id));
        assertEquals(404, gone.status());
        assertEquals("application/json", gone.contentType());
        assertEquals(Map.of("message", "Namespace was not found", "type", "not_found", "resource", "namespace",
                "resource_id", id), gone.map());
    }

    @Test
    void duplicateNamesAreRefusedWithAlreadyExists() {
        String name = "dup-" + shortId();
        api.post(fn("/namespaces"), "{\"name\":\"" + name + "\"}");
        var again = api.post(fn("/namespaces"), "{\"name\":\"" + name + "\"}");
        assertEquals(409, again.status());
        assertEquals("already_exists", again.string("type"));
    }

    @Test
    void badInputIsA400WithDetails() {
        var bad = api.post(fn("/namespaces"), """
                {"name":"Not Valid","environment_variables":{"A":1},"tags":"x","secret_environment_variables":[{"key":"SCW_X","value":"v"}]}""");
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("invalid_arguments", bad.string("type"));
        List<Object> arguments = bad.list("details").stream().map(d -> d.get("argument_name")).toList();
        assertTrue(arguments.containsAll(List.of("name", "environment_variables.A", "tags",
                "secret_environment_variables.SCW_X")), arguments.toString());

        var notJson = api.post(fn("/namespaces"), "{not json");
        assertEquals(400, notJson.status(), notJson.toString());
        assertEquals("invalid_arguments", notJson.string("type"));
        assertEquals("application/json", notJson.contentType());
        String why = (String) notJson.list("details").get(0).get("help_message");
        assertTrue(why.startsWith("the body is not valid JSON") && !why.contains("[Source"), why);

        var missingName = api.post(fn("/namespaces"), "{}");
        assertEquals("required", missingName.list("details").get(0).get("reason"));

        var badPage = api.get(fn("/namespaces?page_size=500"));
        assertEquals(400, badPage.status());
        var badOrder = api.get(fn("/namespaces?order_by=size"));
        assertEquals(400, badOrder.status());
        var badRegion = api.get("/functions/v1beta1/regions/moon-base/namespaces");
        assertEquals(400, badRegion.status());
        var noRoute = api.get(fn("/nothing-here"));
        assertEquals(404, noRoute.status());
        assertEquals("not_found", noRoute.string("type"));
    }

    @Test
    void everyCallNeedsAKnownKeyAndBoundKeysSeeOnlyTheirProjects() {
        var anonymous = api.withKey(null).get(fn("/namespaces"));
        assertEquals(401, anonymous.status());
        assertEquals("denied_authentication", anonymous.string("type"));
        assertEquals("application/json", anonymous.contentType());
        var wrong = api.withKey("99999999-9999-4999-8999-999999999999").get(fn("/namespaces"));
        assertEquals(401, wrong.status());

        String id = createNamespace();
        var other = api.withKey(OTHER_KEY);
        assertEquals(404, other.get(fn("/namespaces/" + id)).status(), "another project's namespace is invisible");
        assertEquals(403, other.post(fn("/namespaces"),
                "{\"name\":\"x\",\"project_id\":\"" + PROJECT_ID + "\"}").status());
        assertEquals(403, other.get(fn("/namespaces?project_id=" + PROJECT_ID)).status());
    }
}
