package dev.stratus.common.event;

import io.micronaut.serde.annotation.Serdeable;

/** A custom hostname routed to a function. */
@Serdeable
public record DomainDesired(String eventId, String domainId, String functionId, String hostname) {
}
