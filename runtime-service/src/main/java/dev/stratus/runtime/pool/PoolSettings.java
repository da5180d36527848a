package dev.stratus.runtime.pool;

/**
 * The scaling limits of one function, as its latest desired state says, and how fast to scale down: an instance
 * idle for {@code scaleDownDelayNanos} may go if the autoscaler wants fewer, and one idle for
 * {@code idleNanos} goes in any case, down to {@code minScale}.
 */
public record PoolSettings(int minScale, int maxScale, int maxConcurrency, int maxQueued, long scaleDownDelayNanos,
                           long idleNanos) {
}
