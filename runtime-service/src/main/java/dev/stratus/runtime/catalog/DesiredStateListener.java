package dev.stratus.runtime.catalog;

import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.NamespaceDesired;
import dev.stratus.common.event.TokenDesired;
import dev.stratus.common.event.Topics;
import dev.stratus.runtime.deploy.Deployments;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;

/**
 * Every runtime replica reads the whole desired state (a group of its own, from the start of the compacted
 * topics); a null value is a tombstone: the resource was deleted.
 */
@KafkaListener(groupId = "runtime-desired-state", uniqueGroupId = true, offsetReset = OffsetReset.EARLIEST)
public class DesiredStateListener {
    private final FunctionCatalog catalog;
    private final Deployments deployments;

    public DesiredStateListener(FunctionCatalog catalog, Deployments deployments) {
        this.catalog = catalog;
        this.deployments = deployments;
    }

    @Topic(Topics.NAMESPACE_DESIRED)
    void onNamespace(@KafkaKey String namespaceId, @Nullable NamespaceDesired namespace) {
        catalog.putNamespace(namespaceId, namespace);
    }

    @Topic(Topics.FUNCTION_DESIRED)
    void onFunction(@KafkaKey String functionId, @Nullable FunctionDesired function) {
        catalog.putFunction(functionId, function);
        deployments.onDesired(functionId, function);
    }

    @Topic(Topics.TOKEN_DESIRED)
    void onToken(@KafkaKey String tokenId, @Nullable TokenDesired token) {
        catalog.putToken(tokenId, token);
    }
}
