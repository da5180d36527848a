package dev.stratus.trigger.status;

import dev.stratus.common.Ids;
import dev.stratus.common.event.TriggerStatusChanged;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Publishes trigger statuses without ever holding up a consumer: a status that cannot be sent (Kafka down) is
 * logged and superseded by the next one.
 */
@Singleton
public class StatusReporter {
    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
    private final TriggerStatusReports reports;

    public StatusReporter(TriggerStatusReports reports) {
        this.reports = reports;
    }

    public void ready(String triggerId) {
        send(triggerId, TriggerStatusChanged.READY, null);
    }

    public void error(String triggerId, String message) {
        send(triggerId, TriggerStatusChanged.ERROR, message);
    }

    private void send(String triggerId, String status, @Nullable String message) {
        TriggerStatusChanged event = new TriggerStatusChanged(Ids.newId(), triggerId, status, message, Instant.now());
        try {
            reports.send(triggerId, event).whenComplete((sent, failure) -> {
                if (failure != null) {
                    LOG.warn("Could not report trigger {} {}: {}", triggerId, status, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not report trigger {} {}: {}", triggerId, status, e.toString());
        }
    }
}
