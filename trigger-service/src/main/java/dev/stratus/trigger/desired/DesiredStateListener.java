package dev.stratus.trigger.desired;

import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.Topics;
import dev.stratus.common.event.TriggerDesired;
import dev.stratus.trigger.consumer.TriggerSupervisor;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;

/**
 * Every replica reads all triggers and functions (a group of its own, from the start of the compacted topics);
 * a null value is a tombstone. Replicas then share each trigger's work through the brokers' own groups.
 */
@KafkaListener(groupId = "trigger-desired-state", uniqueGroupId = true, offsetReset = OffsetReset.EARLIEST)
public class DesiredStateListener {
    private final TriggerSupervisor supervisor;

    public DesiredStateListener(TriggerSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Topic(Topics.TRIGGER_DESIRED)
    void onTrigger(@KafkaKey String triggerId, @Nullable TriggerDesired trigger) {
        supervisor.putTrigger(triggerId, trigger);
    }

    @Topic(Topics.FUNCTION_DESIRED)
    void onFunction(@KafkaKey String functionId, @Nullable FunctionDesired function) {
        supervisor.putFunction(functionId, function);
    }
}
