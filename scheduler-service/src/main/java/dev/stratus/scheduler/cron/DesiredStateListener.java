package dev.stratus.scheduler.cron;

import dev.stratus.common.event.CronDesired;
import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;

/** Every scheduler replica reads all crons and functions (a group of its own, from the start). */
@KafkaListener(groupId = "scheduler-desired-state", uniqueGroupId = true, offsetReset = OffsetReset.EARLIEST)
public class DesiredStateListener {
    private final CronProjection projection;

    public DesiredStateListener(CronProjection projection) {
        this.projection = projection;
    }

    @Topic(Topics.CRON_DESIRED)
    void onCron(@KafkaKey String cronId, @Nullable CronDesired cron) {
        projection.putCron(cronId, cron);
    }

    @Topic(Topics.FUNCTION_DESIRED)
    void onFunction(@KafkaKey String functionId, @Nullable FunctionDesired function) {
        projection.putFunction(functionId, function != null);
    }
}
