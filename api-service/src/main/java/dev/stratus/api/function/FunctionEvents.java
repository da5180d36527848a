package dev.stratus.api.function;

import dev.stratus.api.outbox.Outbox;
import dev.stratus.api.secret.SecretStore;
import dev.stratus.common.Ids;
import dev.stratus.common.event.DeployRequested;
import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.Topics;
import jakarta.inject.Singleton;

/** Publishes a function's desired state, its deploy requests and its tombstone through the outbox. */
@Singleton
public class FunctionEvents {
    private final Outbox outbox;

    public FunctionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void changed(Function fn) {
        outbox.publish(Topics.FUNCTION_DESIRED, fn.getId(), new FunctionDesired(Ids.newId(), fn.getId(),
                fn.getNamespaceId(), fn.getProjectId(), fn.getName(), fn.getDomainName(), fn.getRuntime(),
                fn.getHandler(), fn.getRevision(), fn.getMinScale(), fn.getMaxScale(), fn.getMemoryLimit(),
                fn.getCpuLimit(), fn.getTimeoutMillis() / 1000, fn.getPrivacy(), fn.getHttpOption(), fn.getSandbox(),
                fn.getEnvironmentVariables(), SecretStore.encrypted(fn.getSecretEnvironmentVariables()),
                fn.getImage(), fn.getUpdatedAt()));
    }

    public void deployRequested(Function fn, String archiveKey, String registryEndpoint) {
        outbox.publish(Topics.DEPLOY_REQUESTED, fn.getId(), new DeployRequested(Ids.newId(), fn.getId(),
                fn.getNamespaceId(), fn.getRevision(), fn.getRuntime(), fn.getHandler(), archiveKey,
                fn.getCodeSha256(), registryEndpoint + "/" + fn.getName(), fn.getUpdatedAt()));
    }

    public void deleted(Function fn) {
        outbox.tombstone(Topics.FUNCTION_DESIRED, fn.getId());
    }
}
