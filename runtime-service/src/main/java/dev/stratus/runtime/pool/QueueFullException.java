package dev.stratus.runtime.pool;

/** Every instance is busy, none may be added, and the waiting line is full. */
public class QueueFullException extends RuntimeException {
    public QueueFullException(int maxScale, int queued) {
        super("the function is at its max_scale of " + maxScale + " instances and " + queued
                + " requests are already waiting");
    }
}
