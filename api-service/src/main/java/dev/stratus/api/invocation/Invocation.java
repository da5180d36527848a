package dev.stratus.api.invocation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One call a function served. Written by {@link InvocationStore}, read through the repository. */
@MappedEntity("invocation")
public record Invocation(
        @Id String id,
        @GeneratedValue long seq,
        String functionId,
        long revision,
        String source,
        int status,
        long durationMicros,
        boolean cold,
        @Nullable String instanceId,
        Instant timestamp) {
}
