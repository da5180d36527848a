package dev.stratus.common.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * Reported by the runtime once per call it served: where the call came from ({@code http}, {@code cron},
 * {@code trigger}), the HTTP status answered, how long it took and whether an instance had to start for it.
 */
@Serdeable
public record InvocationCompleted(
        String eventId,
        String functionId,
        long revision,
        String source,
        int status,
        long durationMicros,
        boolean cold,
        @Nullable String instanceId,
        Instant at) {

    public static final String HTTP = "http";
    public static final String CRON = "cron";
    public static final String TRIGGER = "trigger";
}
