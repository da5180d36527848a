package dev.stratus.api.trigger;

import dev.stratus.api.outbox.Outbox;
import dev.stratus.common.Ids;
import dev.stratus.common.event.Topics;
import dev.stratus.common.event.TriggerDesired;
import jakarta.inject.Singleton;

@Singleton
public class TriggerEvents {
    private final Outbox outbox;

    public TriggerEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void changed(Trigger trigger) {
        outbox.publish(Topics.TRIGGER_DESIRED, trigger.getId(), new TriggerDesired(Ids.newId(), trigger.getId(),
                trigger.getFunctionId(), trigger.getName(), trigger.getInputType(), trigger.getConfigJson(),
                trigger.getUpdatedAt()));
    }

    public void deleted(Trigger trigger) {
        outbox.tombstone(Topics.TRIGGER_DESIRED, trigger.getId());
    }
}
