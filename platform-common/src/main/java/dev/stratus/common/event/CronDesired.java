package dev.stratus.common.event;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** Desired state of a cron: a 5-field UTC schedule and the JSON args POSTed to the function at each tick. */
@Serdeable
public record CronDesired(
        String eventId,
        String cronId,
        String functionId,
        String name,
        String schedule,
        String argsJson,
        Instant updatedAt) {
}
