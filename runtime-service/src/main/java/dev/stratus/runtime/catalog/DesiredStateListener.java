package dev.stratus.runtime.catalog;

import dev.stratus.common.Ids;
import dev.stratus.common.event.DomainDesired;
import dev.stratus.common.event.DomainStatusChanged;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Every runtime replica reads the whole desired state (a group of its own, from the start of the compacted
 * topics); a null value is a tombstone: the resource was deleted.
 */
@KafkaListener(groupId = "runtime-desired-state", uniqueGroupId = true, offsetReset = OffsetReset.EARLIEST)
public class DesiredStateListener {
    private static final Logger LOG = LoggerFactory.getLogger(DesiredStateListener.class);
    private final FunctionCatalog catalog;
    private final Deployments deployments;
    private final DomainStatusReports domainStatus;

    public DesiredStateListener(FunctionCatalog catalog, Deployments deployments, DomainStatusReports domainStatus) {
        this.catalog = catalog;
        this.deployments = deployments;
        this.domainStatus = domainStatus;
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

    @Topic(Topics.DOMAIN_DESIRED)
    void onDomain(@KafkaKey String domainId, @Nullable DomainDesired domain) {
        catalog.putDomain(domainId, domain);
        if (domain != null) {
            // routed from now on; a replay at start-up reports it again, which the API takes as a no-op
            domainStatus.send(domainId, new DomainStatusChanged(Ids.newId(), domainId, DomainStatusChanged.READY,
                    null, Instant.now())).whenComplete((sent, failure) -> {
                        if (failure != null) {
                            LOG.warn("Could not report domain {} as routed: {}", domainId, failure.getMessage());
                        }
                    });
        }
    }

    @Topic(Topics.TOKEN_DESIRED)
    void onToken(@KafkaKey String tokenId, @Nullable TokenDesired token) {
        catalog.putToken(tokenId, token);
    }
}
