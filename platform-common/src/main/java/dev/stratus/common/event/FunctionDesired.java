package dev.stratus.common.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/** Desired state of a function; {@code revision} is the last deployed one (0 before the first deploy). */
@Serdeable
public record FunctionDesired(
        String eventId,
        String functionId,
        String namespaceId,
        String projectId,
        String name,
        String domainName,
        String runtime,
        String handler,
        long revision,
        int minScale,
        int maxScale,
        int memoryLimitMb,
        int cpuLimit,
        long timeoutSeconds,
        String privacy,
        String httpOption,
        String sandbox,
        Map<String, String> environmentVariables,
        Map<String, String> encryptedSecrets,
        @Nullable String image,
        Instant updatedAt) {
}
