package dev.stratus.trigger.consumer;

import dev.stratus.trigger.delivery.Target;

import java.util.Map;

/**
 * Everything a trigger's consumer depends on. A consumer whose plan changes is replaced; changes elsewhere (the
 * trigger's name, the function's image) leave it running.
 */
public record TriggerPlan(String triggerId, String inputType, Map<String, String> config, Target target) {
}
