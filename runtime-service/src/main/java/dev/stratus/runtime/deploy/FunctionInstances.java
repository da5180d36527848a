package dev.stratus.runtime.deploy;

import dev.stratus.runtime.pool.PoolStats;
import io.micronaut.serde.annotation.Serdeable;

/** One function as the runtime's status endpoint shows it. */
@Serdeable
public record FunctionInstances(String name, long revision, PoolStats pool) {
}
