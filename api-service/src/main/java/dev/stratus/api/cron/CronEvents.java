package dev.stratus.api.cron;

import dev.stratus.api.outbox.Outbox;
import dev.stratus.common.Ids;
import dev.stratus.common.event.CronDesired;
import dev.stratus.common.event.Topics;
import jakarta.inject.Singleton;

@Singleton
public class CronEvents {
    private final Outbox outbox;

    public CronEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void changed(Cron cron) {
        outbox.publish(Topics.CRON_DESIRED, cron.getId(), new CronDesired(Ids.newId(), cron.getId(),
                cron.getFunctionId(), cron.getName(), cron.getSchedule(), cron.getArgsJson(), cron.getUpdatedAt()));
    }

    public void deleted(Cron cron) {
        outbox.tombstone(Topics.CRON_DESIRED, cron.getId());
    }
}
