package dev.stratus.api.token;

import dev.stratus.api.support.ApiTestSupport;
import dev.stratus.api.support.TopicProbe;
import dev.stratus.common.event.Topics;
import io.micronaut.core.type.Argument;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenApiTest extends ApiTestSupport {

    @Test
    void namespaceTokenIsAnRs256JwtVerifiableWithTheNamespaceKey() throws Exception {
        String ns = createNamespace();
        var created = api.post(fn("/tokens"), "{\"namespace_id\":\"" + ns + "\",\"description\":\"ci\"}");
        assertEquals(200, created.status(), created.toString());
        String jwt = created.string("token");
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);
        assertTrue(verifies(parts, created.string("public_key")), "signature checks out with the returned key");
        assertEquals(Map.of("alg", "RS256", "typ", "JWT"), decode(parts[0]));
        Map<String, Object> claims = decode(parts[1]);
        assertEquals("SCALEWAY", claims.get("iss"));
        assertEquals("functions", claims.get("aud"));
        assertEquals(created.string("id"), claims.get("jti"));
        assertEquals(claims.get("iat"), claims.get("nbf"));
        assertFalse(claims.containsKey("exp"), "no expires_at, no exp");
        assertEquals(List.of(Map.of("namespace_id", ns, "application_id", "")), claims.get("application_claim"));
        assertEquals(ns, created.string("namespace_id"));
        assertFalse(created.map().containsKey("function_id"));
        assertEquals("ready", created.string("status"));

        var read = api.get(fn("/tokens/" + created.string("id")));
        assertEquals("<hidden>", read.string("token"), "the JWT is shown once");
        assertEquals("", read.string("public_key"));

        var second = api.post(fn("/tokens"), "{\"namespace_id\":\"" + ns + "\"}");
        assertEquals(created.string("public_key"), second.string("public_key"), "one key per namespace");
    }

    @Test
    void functionTokensCarryTheFunctionAndExpiry() throws Exception {
        String ns = createNamespace();
        String function = createFunction(ns, "private-fn");
        Instant expiry = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var created = api.post(fn("/tokens"), "{\"function_id\":\"" + function + "\",\"expires_at\":\"" + expiry + "\"}");
        assertEquals(200, created.status(), created.toString());
        Map<String, Object> claims = decode(created.string("token").split("\\.")[1]);
        assertEquals(expiry.getEpochSecond(), ((Number) claims.get("exp")).longValue());
        assertEquals(List.of(Map.of("namespace_id", "", "application_id", function)), claims.get("application_claim"));
        assertEquals(expiry.toString(), created.string("expires_at"));
        assertFalse(created.map().containsKey("namespace_id"));

        var listed = api.get(fn("/tokens?function_id=" + function));
        assertEquals(1, listed.list("tokens").size());
        assertNull(api.get(fn("/tokens?namespace_id=" + ns)).list("tokens").stream().findFirst().orElse(null),
                "the function's token is not a namespace token");

        var legacy = api.get(fn("/issue-jwt?function_id=" + function + "&expiration_date=" + expiry));
        assertEquals(200, legacy.status(), legacy.toString());
        assertTrue(legacy.string("token").split("\\.").length == 3);
    }

    @Test
    void badTokenRequestsAreRefused() {
        String ns = createNamespace();
        String function = createFunction(ns, "f");
        assertEquals(400, api.post(fn("/tokens"), "{}").status());
        assertEquals(400, api.post(fn("/tokens"),
                "{\"namespace_id\":\"" + ns + "\",\"function_id\":\"" + function + "\"}").status());
        assertEquals(400, api.post(fn("/tokens"),
                "{\"namespace_id\":\"" + ns + "\",\"expires_at\":\"2001-01-01T00:00:00Z\"}").status());
        assertEquals(400, api.post(fn("/tokens"),
                "{\"namespace_id\":\"" + ns + "\",\"expires_at\":\"tomorrow\"}").status());
        assertEquals(404, api.post(fn("/tokens"),
                "{\"namespace_id\":\"00000000-0000-4000-8000-000000000000\"}").status());
    }

    @Test
    void deletingATokenRevokesItOnTheTokenTopic() {
        String ns = createNamespace();
        String id = api.post(fn("/tokens"), "{\"namespace_id\":\"" + ns + "\"}").string("id");
        var deleted = api.delete(fn("/tokens/" + id));
        assertEquals("deleting", deleted.string("status"));
        assertEquals(404, api.get(fn("/tokens/" + id)).status());
        try (var probe = new TopicProbe(bootstrapServers(), Topics.TOKEN_DESIRED)) {
            var records = probe.awaitForKey(id, 2, Duration.ofSeconds(30));
            assertTrue(records.get(0).value().contains(ns));
            assertNull(records.get(1).value(), "a tombstone revokes the token");
        }
    }

    private static boolean verifies(String[] parts, String pkcs1Pem) throws Exception {
        String base64 = pkcs1Pem.replace("-----BEGIN RSA PUBLIC KEY-----", "")
                .replace("-----END RSA PUBLIC KEY-----", "").replaceAll("\\s", "");
        RSAPublicKey rsa = RSAPublicKey.getInstance(Base64.getDecoder().decode(base64));
        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private Map<String, Object> decode(String part) throws Exception {
        return json.readValue(Base64.getUrlDecoder().decode(part), Argument.mapOf(String.class, Object.class));
    }
}
