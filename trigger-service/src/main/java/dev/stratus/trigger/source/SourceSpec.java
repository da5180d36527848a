package dev.stratus.trigger.source;

import java.time.Duration;
import java.util.Map;

/**
 * What a source needs to know of its trigger.
 *
 * @param config        the trigger's input config as the API stores it (secrets still encrypted)
 * @param maxInFlight   how many of its messages may be out at once
 * @param ackWindow     how long one message may take, every retry included, before the broker may redeliver it
 * @param attemptWindow how long one attempt may take, for brokers told before each retry that work goes on
 */
public record SourceSpec(String triggerId, String inputType, Map<String, String> config, int maxInFlight,
                         Duration ackWindow, Duration attemptWindow) {

    /** A config value that must be present. */
    public String required(String key) {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(inputType + " trigger config has no " + key);
        }
        return value;
    }

    public String optional(String key, String fallback) {
        String value = config.get(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
