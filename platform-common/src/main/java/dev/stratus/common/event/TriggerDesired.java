package dev.stratus.common.event;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** Desired state of a message-queue trigger; {@code configJson} is the input config as the API stores it. */
@Serdeable
public record TriggerDesired(
        String eventId,
        String triggerId,
        String functionId,
        String name,
        String inputType,
        String configJson,
        Instant updatedAt) {
}
