package dev.stratus.api.logs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One output line of a function instance. Written by {@link FunctionLogStore}, read through the repository. */
@MappedEntity("function_log")
public record FunctionLog(
        @Id String id,
        @GeneratedValue long seq,
        String functionId,
        @Nullable String instanceId,
        String stream,
        String message,
        Instant timestamp) {
}
