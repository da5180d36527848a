package dev.stratus.common.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** Reported by the runtime: its gateway routes a custom domain ({@code ready}) or cannot ({@code error}). */
@Serdeable
public record DomainStatusChanged(
        String eventId,
        String domainId,
        String status,
        @Nullable String message,
        Instant at) {

    public static final String READY = "ready";
    public static final String ERROR = "error";
}
