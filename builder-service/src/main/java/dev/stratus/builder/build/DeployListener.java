package dev.stratus.builder.build;

import dev.stratus.common.event.DeployRequested;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;

/**
 * Builds each requested revision and reports the outcome. Offsets are committed after the result is published,
 * so a builder that dies mid-build builds the revision again on restart (same code, same digest).
 */
@KafkaListener(groupId = "builder-service", offsetReset = OffsetReset.EARLIEST)
public class DeployListener {
    private final BuildService builds;
    private final BuildResults results;

    public DeployListener(BuildService builds, BuildResults results) {
        this.builds = builds;
        this.results = results;
    }

    @Topic(Topics.DEPLOY_REQUESTED)
    void onDeploy(@Nullable DeployRequested request) {
        if (request != null) {
            results.send(request.functionId(), builds.build(request));
        }
    }
}
