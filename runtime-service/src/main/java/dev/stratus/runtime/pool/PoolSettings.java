package dev.stratus.runtime.pool;

/** The scaling limits of one function, as its latest desired state says. */
public record PoolSettings(int minScale, int maxScale, int maxConcurrency, int maxQueued) {
}
