package dev.stratus.api.trigger;

import dev.stratus.api.web.Times;
import dev.stratus.common.event.TriggerStatusChanged;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Applies trigger-service's reports to a trigger: {@code ready} clears the error message, {@code error} sets it.
 * A report about a trigger deleted since is dropped; a redelivered one writes the same values again.
 */
@Singleton
public class TriggerStatusUpdater {
    static final String READY = "ready";
    static final String ERROR = "error";
    private final TriggerRepository repository;

    public TriggerStatusUpdater(TriggerRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public void statusChanged(TriggerStatusChanged event) {
        repository.findByIdForUpdate(event.triggerId()).ifPresent(trigger -> {
            boolean ready = TriggerStatusChanged.READY.equals(event.status());
            trigger.setStatus(ready ? READY : ERROR);
            trigger.setErrorMessage(ready ? null
                    : event.message() == null || event.message().isBlank() ? "the trigger cannot run" : event.message());
            trigger.setUpdatedAt(Times.now());
            repository.update(trigger);
        });
    }
}
