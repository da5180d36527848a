package dev.stratus.api.namespace;

import dev.stratus.api.outbox.Outbox;
import dev.stratus.api.secret.SecretStore;
import dev.stratus.common.Ids;
import dev.stratus.common.event.NamespaceDesired;
import dev.stratus.common.event.Topics;
import jakarta.inject.Singleton;

/** Publishes a namespace's desired state (or its tombstone) through the outbox. */
@Singleton
public class NamespaceEvents {
    private final Outbox outbox;

    public NamespaceEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void changed(Namespace ns) {
        outbox.publish(Topics.NAMESPACE_DESIRED, ns.getId(), new NamespaceDesired(Ids.newId(), ns.getId(),
                ns.getProjectId(), ns.getName(), ns.getDescription(), ns.getEnvironmentVariables(),
                SecretStore.encrypted(ns.getSecretEnvironmentVariables()), ns.getTokenPublicKey(),
                ns.getUpdatedAt()));
    }

    public void deleted(Namespace ns) {
        outbox.tombstone(Topics.NAMESPACE_DESIRED, ns.getId());
    }
}
