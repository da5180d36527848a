package dev.stratus.api.domain;

import dev.stratus.api.outbox.Outbox;
import dev.stratus.common.Ids;
import dev.stratus.common.event.DomainDesired;
import dev.stratus.common.event.Topics;
import jakarta.inject.Singleton;

@Singleton
public class DomainEvents {
    private final Outbox outbox;

    public DomainEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void created(Domain domain) {
        outbox.publish(Topics.DOMAIN_DESIRED, domain.getId(),
                new DomainDesired(Ids.newId(), domain.getId(), domain.getFunctionId(), domain.getHostname()));
    }

    public void deleted(Domain domain) {
        outbox.tombstone(Topics.DOMAIN_DESIRED, domain.getId());
    }
}
