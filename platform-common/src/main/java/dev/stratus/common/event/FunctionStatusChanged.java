package dev.stratus.common.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** Reported by the runtime: a revision is serving ({@code ready}) or cannot ({@code error}, with the reason). */
@Serdeable
public record FunctionStatusChanged(
        String eventId,
        String functionId,
        long revision,
        String status,
        @Nullable String message,
        int instances,
        Instant at) {

    public static final String READY = "ready";
    public static final String ERROR = "error";
}
