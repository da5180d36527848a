package dev.stratus.api.function;

import dev.stratus.common.event.BuildFinished;
import dev.stratus.common.event.FunctionStatusChanged;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;

/** Moves functions along as the builder and the runtime report back. */
@KafkaListener(groupId = "api-service", offsetReset = OffsetReset.EARLIEST)
public class FunctionStatusListener {
    private final FunctionStatusUpdater updater;

    public FunctionStatusListener(FunctionStatusUpdater updater) {
        this.updater = updater;
    }

    @Topic(Topics.BUILD_FINISHED)
    void buildFinished(@Nullable BuildFinished event) {
        if (event != null) {
            updater.buildFinished(event);
        }
    }

    @Topic(Topics.FUNCTION_STATUS)
    void statusChanged(@Nullable FunctionStatusChanged event) {
        if (event != null) {
            updater.statusChanged(event);
        }
    }
}
