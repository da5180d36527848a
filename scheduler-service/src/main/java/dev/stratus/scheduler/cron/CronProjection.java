package dev.stratus.scheduler.cron;

import dev.stratus.common.cron.CronSchedule;
import dev.stratus.common.Ids;
import dev.stratus.common.event.CronDesired;
import dev.stratus.common.event.CronStatusChanged;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The crons this scheduler fires, rebuilt from the compacted desired-state topics on every start, and the
 * functions that still exist (a deleted function's crons stop firing even before their own tombstones arrive).
 */
@Singleton
public class CronProjection {
    private static final Logger LOG = LoggerFactory.getLogger(CronProjection.class);
    private final Map<String, ScheduledCron> crons = new ConcurrentHashMap<>();
    private final Set<String> functions = ConcurrentHashMap.newKeySet();
    private final Duration catchUp;
    private final boolean allowSeconds;
    private final CronStatusReports status;

    public CronProjection(@Value("${stratus.scheduler.catch-up:60s}") Duration catchUp,
                          @Value("${stratus.scheduler.allow-seconds:false}") boolean allowSeconds,
                          CronStatusReports status) {
        this.catchUp = catchUp;
        this.allowSeconds = allowSeconds;
        this.status = status;
    }

    void putCron(String cronId, CronDesired cron) {
        if (cron == null) {
            crons.remove(cronId);
            return;
        }
        try {
            CronSchedule schedule = allowSeconds ? CronSchedule.parseWithSeconds(cron.schedule())
                    : CronSchedule.parse(cron.schedule());
            // ticks before the cron existed, or older than the catch-up window, are never fired
            Instant horizon = Instant.now().minus(catchUp);
            Instant from = cron.updatedAt() != null && cron.updatedAt().isAfter(horizon) ? cron.updatedAt() : horizon;
            crons.compute(cronId, (id, previous) -> new ScheduledCron(cron, schedule,
                    previous != null && previous.checkedThrough().isAfter(from) ? previous.checkedThrough() : from));
            report(cronId, CronStatusChanged.READY, null);
        } catch (IllegalArgumentException e) {
            LOG.warn("Cron {} has a schedule this scheduler cannot run ({}); it will not fire", cronId, e.getMessage());
            crons.remove(cronId);
            report(cronId, CronStatusChanged.ERROR, "invalid schedule: " + e.getMessage());
        }
    }

    private void report(String cronId, String state, String message) {
        status.send(cronId, new CronStatusChanged(Ids.newId(), cronId, state, message, Instant.now()))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("Status of cron {} not reported: {}", cronId, failure.toString());
                    }
                });
    }

    void putFunction(String functionId, boolean exists) {
        if (exists) {
            functions.add(functionId);
        } else {
            functions.remove(functionId);
        }
    }

    Duration catchUp() {
        return catchUp;
    }

    Collection<ScheduledCron> crons() {
        return crons.values();
    }

    boolean firing(String cronId) {
        ScheduledCron cron = crons.get(cronId);
        return cron != null && functions.contains(cron.desired().functionId());
    }

    void checked(String cronId, Instant through) {
        crons.computeIfPresent(cronId, (id, cron) -> cron.checkedThrough(through));
    }
}
