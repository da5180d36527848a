package dev.stratus.api.token;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Base64;

/** Builds the RS256 JWTs of Scaleway's v1beta1 tokens, with the claims of API reference §9. */
@Singleton
public class JwtSigner {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private final JsonMapper json;

    public JwtSigner(JsonMapper json) {
        this.json = json;
    }

    public String sign(Token token, PrivateKey key) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "SCALEWAY");
        claims.put("aud", "functions");
        claims.put("sub", "token");
        claims.put("jti", token.getId());
        long issuedAt = token.getCreatedAt().getEpochSecond();
        claims.put("iat", issuedAt);
        claims.put("nbf", issuedAt);
        Instant expiresAt = token.getExpiresAt();
        if (expiresAt != null) {
            claims.put("exp", expiresAt.getEpochSecond());
        }
        claims.put("version", 2);
        claims.put("application_claim", List.of(Map.of(
                "namespace_id", token.getNamespaceId() == null ? "" : token.getNamespaceId(),
                "application_id", token.getFunctionId() == null ? "" : token.getFunctionId())));
        String signingInput = encode(Map.of("alg", "RS256", "typ", "JWT")) + "." + encode(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    private String encode(Map<String, Object> part) {
        try {
            return B64URL.encodeToString(json.writeValueAsBytes(part));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
