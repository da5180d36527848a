package dev.stratus.runtime.pool;

/** A revision's instances at one moment, for the runtime's status endpoint and the benchmark. */
@io.micronaut.serde.annotation.Serdeable
public record PoolStats(int instances, int ready, int inFlight, int queued, boolean panicking) {
}
