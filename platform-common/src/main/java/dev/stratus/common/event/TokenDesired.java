package dev.stratus.common.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A live invocation token (its id is the JWT's jti); a tombstone revokes it. One of the two scopes is set. */
@Serdeable
public record TokenDesired(
        String eventId,
        String tokenId,
        @Nullable String namespaceId,
        @Nullable String functionId,
        @Nullable Instant expiresAt) {
}
