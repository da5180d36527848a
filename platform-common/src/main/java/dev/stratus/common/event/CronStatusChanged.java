package dev.stratus.common.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** Reported by the scheduler: a cron is armed ({@code ready}) or cannot run ({@code error}, with the reason). */
@Serdeable
public record CronStatusChanged(
        String eventId,
        String cronId,
        String status,
        @Nullable String message,
        Instant at) {
    public static final String READY = "ready";
    public static final String ERROR = "error";
}
