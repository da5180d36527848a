package dev.stratus.common.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/**
 * Desired state of a namespace. Secret values travel encrypted with the platform's master key;
 * {@code tokenPublicKeyPem} verifies the namespace's invocation tokens (null until the first token).
 */
@Serdeable
public record NamespaceDesired(
        String eventId,
        String namespaceId,
        String projectId,
        String name,
        String description,
        Map<String, String> environmentVariables,
        Map<String, String> encryptedSecrets,
        @Nullable String tokenPublicKeyPem,
        Instant updatedAt) {
}
