package dev.stratus.scheduler.cron;

import dev.stratus.common.event.InvocationRequested;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Fires due ticks. Every replica runs this loop; the ledger lets one of them win each tick, the winner publishes
 * it, and a tick claimed by a scheduler that died before publishing is published by the sweeper.
 */
@Singleton
public class CronTicker {
    private static final Logger LOG = LoggerFactory.getLogger(CronTicker.class);
    private static final Duration STALE_CLAIM = Duration.ofSeconds(5);
    private final CronProjection projection;
    private final FireLedger ledger;
    private final InvocationPublisher publisher;

    public CronTicker(CronProjection projection, FireLedger ledger, InvocationPublisher publisher) {
        this.projection = projection;
        this.ledger = ledger;
        this.publisher = publisher;
    }

    @Scheduled(fixedDelay = "100ms")
    void fireDueTicks() {
        Instant now = Instant.now();
        for (ScheduledCron cron : projection.crons()) {
            String cronId = cron.desired().cronId();
            try {
                ZonedDateTime tick = cron.schedule().next(ZonedDateTime.ofInstant(cron.checkedThrough(), ZoneOffset.UTC));
                while (!tick.toInstant().isAfter(now)) {
                    if (projection.firing(cronId)) {
                        fire(cron, tick.toInstant());
                    } else {
                        LOG.debug("Cron {} skips its tick of {}: its function is unknown", cronId, tick);
                    }
                    projection.checked(cronId, tick.toInstant());
                    tick = cron.schedule().next(tick);
                }
            } catch (Exception e) {
                // the tick stays unchecked and is tried again on the next loop
                LOG.warn("Cron {} could not fire: {}", cronId, e.toString());
            }
        }
    }

    private void fire(ScheduledCron cron, Instant tick) throws Exception {
        String functionId = cron.desired().functionId();
        var claimed = ledger.claim(cron.desired().cronId(), tick, functionId);
        if (claimed.isPresent()) {
            publish(new FireLedger.Fire(cron.desired().cronId(), tick, claimed.get(), functionId));
        }
    }

    private void publish(FireLedger.Fire fire) throws Exception {
        ScheduledCron cron = projection.crons().stream().filter(c -> c.desired().cronId().equals(fire.cronId()))
                .findFirst().orElse(null);
        if (cron == null) {
            // deleted, or not read yet by a scheduler that just started: only a tick past catch-up is given up
            if (fire.tick().isBefore(Instant.now().minus(projection.catchUp()))) {
                ledger.forget(fire.cronId(), fire.tick());
            }
            return;
        }
        publisher.send(fire.cronId() + "@" + fire.tick(), new InvocationRequested(fire.invocationId().toString(),
                fire.functionId(), InvocationRequested.CRON, fire.cronId(), cron.desired().argsJson(), fire.tick(),
                Instant.now()));
        ledger.published(fire.cronId(), fire.tick());
        LOG.debug("Cron {} fired its tick of {} for function {}", fire.cronId(), fire.tick(), fire.functionId());
    }

    @Scheduled(fixedDelay = "2s")
    void publishStaleClaims() {
        try {
            for (FireLedger.Fire fire : ledger.reclaimStale(STALE_CLAIM)) {
                publish(fire);
            }
        } catch (Exception e) {
            LOG.warn("Unpublished cron ticks wait for the next sweep: {}", e.toString());
        }
    }
}
