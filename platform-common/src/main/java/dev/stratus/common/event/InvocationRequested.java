package dev.stratus.common.event;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A call to make to a function that did not come in over HTTP (a cron tick). {@code invocationId} is the same
 * for every publication of one call, so a runtime that sees it twice calls once.
 */
@Serdeable
public record InvocationRequested(
        String invocationId,
        String functionId,
        String source,
        String sourceId,
        String body,
        Instant scheduledFor,
        Instant requestedAt) {
    public static final String CRON = "cron";
}
