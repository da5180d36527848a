package dev.stratus.trigger.delivery;

import java.time.Duration;

/**
 * Where a trigger's messages go and how hard: the function's domain (the gateway routes by Host), its timeout,
 * and how many of the trigger's messages may be in flight at once.
 */
public record Target(String functionId, String domainName, Duration timeout, int maxInFlight) {
}
