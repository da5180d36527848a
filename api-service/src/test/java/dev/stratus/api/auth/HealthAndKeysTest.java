package dev.stratus.api.auth;

import dev.stratus.api.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthAndKeysTest extends ApiTestSupport {

    @Test
    void healthAnswersWithoutAKeyWhileTheApiStillNeedsOne() {
        var health = api.withKey(null).get("/health");
        assertEquals(200, health.status(), health.toString());
        assertEquals("UP", health.string("status"));
        assertEquals(401, api.withKey(null).get(fn("/namespaces")).status());
    }

    @Test
    void noExtraKeysIsNotAnEmptyKey() {
        // what the unset STRATUS_EXTRA_KEYS default reads as
        ApiKeys keys = new ApiKeys(SECRET_KEY, PROJECT_ID, "66666666-6666-4666-8666-666666666666", List.of(""));
        assertTrue(keys.lookup(SECRET_KEY).isPresent());
    }
}
