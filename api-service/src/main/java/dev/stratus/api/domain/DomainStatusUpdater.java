package dev.stratus.api.domain;

import dev.stratus.common.event.DomainStatusChanged;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Objects;

/**
 * Applies the runtime's reports to a domain: {@code ready} sets its {@code url}, {@code error} its message. A report
 * about a domain deleted since is dropped; a replayed one (every runtime start reports each domain) changes nothing.
 */
@Singleton
public class DomainStatusUpdater {
    private final DomainRepository repository;

    public DomainStatusUpdater(DomainRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public void statusChanged(DomainStatusChanged event) {
        repository.findByIdForUpdate(event.domainId()).ifPresent(domain -> {
            boolean ready = DomainStatusChanged.READY.equals(event.status());
            String status = ready ? "ready" : "error";
            String message = ready ? null
                    : event.message() == null || event.message().isBlank() ? "the domain cannot be routed" : event.message();
            if (status.equals(domain.getStatus()) && Objects.equals(message, domain.getErrorMessage())) {
                return;
            }
            domain.setStatus(status);
            domain.setErrorMessage(message);
            domain.setUrl(ready ? "https://" + domain.getHostname() : "");
            repository.update(domain);
        });
    }
}
