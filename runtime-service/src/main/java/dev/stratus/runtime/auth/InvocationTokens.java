package dev.stratus.runtime.auth;

import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.NamespaceDesired;
import dev.stratus.common.event.TokenDesired;
import dev.stratus.runtime.catalog.FunctionCatalog;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the {@code X-Auth-Token} of a call to a private function: an RS256 JWT signed with the function's
 * namespace key, not expired, whose jti is a token still live (revoked tokens are tombstoned), scoped to the
 * function or its namespace.
 */
@Singleton
public class InvocationTokens {
    private static final long CLOCK_SKEW_SECONDS = 60;
    private final FunctionCatalog catalog;
    private final JsonMapper json;

    public InvocationTokens(FunctionCatalog catalog, JsonMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    /** Empty when the token lets the caller invoke {@code function}; otherwise why not. */
    public Optional<String> refusal(String jwt, FunctionDesired function) {
        if (jwt == null || jwt.isBlank()) {
            return Optional.of("this function is private: send a token in X-Auth-Token");
        }
        String[] parts = jwt.trim().split("\\.");
        if (parts.length != 3) {
            return Optional.of("the token is not a JWT");
        }
        NamespaceDesired namespace = catalog.namespace(function.namespaceId()).orElse(null);
        if (namespace == null || namespace.tokenPublicKeyPem() == null) {
            return Optional.of("no token was ever issued for this namespace");
        }
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(RsaPublicKeys.fromPem(namespace.tokenPublicKeyPem()));
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.of("the token's signature is not valid for this namespace");
            }
            return checkClaims(claims(parts[0]), claims(parts[1]), function);
        } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
            return Optional.of("the token cannot be read: " + e.getMessage());
        }
    }

    private Optional<String> checkClaims(Map<String, Object> header, Map<String, Object> claims,
                                         FunctionDesired function) {
        if (!"RS256".equals(header.get("alg"))) {
            return Optional.of("the token must be signed with RS256");
        }
        long now = Instant.now().getEpochSecond();
        if (claims.get("exp") instanceof Number exp && exp.longValue() + CLOCK_SKEW_SECONDS < now) {
            return Optional.of("the token has expired");
        }
        if (claims.get("nbf") instanceof Number nbf && nbf.longValue() - CLOCK_SKEW_SECONDS > now) {
            return Optional.of("the token is not valid yet");
        }
        TokenDesired token = claims.get("jti") instanceof String jti ? catalog.token(jti).orElse(null) : null;
        if (token == null) {
            return Optional.of("the token was revoked or never issued");
        }
        if (token.expiresAt() != null && token.expiresAt().isBefore(Instant.now())) {
            return Optional.of("the token has expired");
        }
        boolean inScope = function.functionId().equals(token.functionId())
                || function.namespaceId().equals(token.namespaceId());
        return inScope ? Optional.empty() : Optional.of("the token is for another function or namespace");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> claims(String part) throws java.io.IOException {
        return json.readValue(Base64.getUrlDecoder().decode(part), Map.class);
    }
}
