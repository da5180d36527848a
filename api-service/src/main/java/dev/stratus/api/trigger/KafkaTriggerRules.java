package dev.stratus.api.trigger;

import dev.stratus.api.web.RequestFields;

import java.util.List;
import java.util.Map;

/**
 * What a Kafka trigger may not read: the platform's own topics ({@code stratus.*} carry every function's
 * environment, Kafka's {@code __*} its internals) and the platform's consumer groups (joining one would take its
 * messages from the service that needs them). Checked whatever cluster the trigger names, since the platform's
 * broker can be reached under many addresses.
 */
final class KafkaTriggerRules {
    private static final List<String> RESERVED_TOPIC_PREFIXES = List.of("stratus.", "__");
    private static final List<String> RESERVED_GROUP_PREFIXES = List.of("stratus", "api-", "builder-", "runtime-",
            "scheduler-", "trigger-");

    private KafkaTriggerRules() {
    }

    /** Rejects, on {@code fields} under {@code configKey}, a reserved topic or consumer group. */
    static void check(RequestFields fields, String configKey, Map<String, String> config) {
        String topic = config.getOrDefault("topic", "");
        if (RESERVED_TOPIC_PREFIXES.stream().anyMatch(topic::startsWith)) {
            fields.reject(configKey + ".topic", "constraint",
                    "topics named stratus.* or __* are the platform's own and cannot be read by triggers");
        }
        String group = config.getOrDefault("consumer_group", "");
        if (RESERVED_GROUP_PREFIXES.stream().anyMatch(group::startsWith)) {
            fields.reject(configKey + ".consumer_group", "constraint", "consumer groups starting with "
                    + String.join(", ", RESERVED_GROUP_PREFIXES) + " are the platform's own; leave it unset "
                    + "for a group of the trigger's own");
        }
    }
}
