package dev.stratus.trigger.source;

import io.micronaut.core.annotation.Nullable;

/**
 * One message read from a trigger's source: what is delivered to the function, and the broker's own handle to
 * acknowledge it with.
 *
 * @param id          the broker's id of the message, for logs and dead letters
 * @param contentType as the producer declared it, if it did
 * @param handle      what the source that read it needs to settle it
 */
public record Message(String id, byte[] body, @Nullable String contentType, Object handle) {
}
