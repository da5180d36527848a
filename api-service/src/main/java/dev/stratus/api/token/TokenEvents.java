package dev.stratus.api.token;

import dev.stratus.api.outbox.Outbox;
import dev.stratus.common.Ids;
import dev.stratus.common.event.TokenDesired;
import dev.stratus.common.event.Topics;
import jakarta.inject.Singleton;

/** Live tokens are desired state too: the gateway accepts a JWT only while its jti is published here. */
@Singleton
public class TokenEvents {
    private final Outbox outbox;

    public TokenEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void issued(Token token) {
        outbox.publish(Topics.TOKEN_DESIRED, token.getId(), new TokenDesired(Ids.newId(), token.getId(),
                token.getNamespaceId(), token.getFunctionId(), token.getExpiresAt()));
    }

    public void revoked(Token token) {
        outbox.tombstone(Topics.TOKEN_DESIRED, token.getId());
    }
}
