package dev.stratus.common.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * Reported by trigger-service: a trigger's consumer runs ({@code ready}) or cannot reach or read its source
 * ({@code error}, with the reason; it keeps retrying in the background).
 */
@Serdeable
public record TriggerStatusChanged(
        String eventId,
        String triggerId,
        String status,
        @Nullable String message,
        Instant at) {

    public static final String READY = "ready";
    public static final String ERROR = "error";
}
