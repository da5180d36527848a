package dev.stratus.common.event;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One function revision to build. {@code archiveKey} names the uploaded zip in the object store,
 * {@code imageRepository} is {@code <namespace registry>/<function name>}; the builder tags it with the revision.
 */
@Serdeable
public record DeployRequested(
        String eventId,
        String functionId,
        String namespaceId,
        long revision,
        String runtime,
        String handler,
        String archiveKey,
        String archiveSha256,
        String imageRepository,
        Instant requestedAt) {
}
