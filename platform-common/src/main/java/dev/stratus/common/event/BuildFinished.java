package dev.stratus.common.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** The outcome of building one revision: an image and its digest, or a message the user can act on. */
@Serdeable
public record BuildFinished(
        String eventId,
        String functionId,
        long revision,
        boolean succeeded,
        @Nullable String image,
        @Nullable String digest,
        @Nullable String message,
        Instant finishedAt) {
}
