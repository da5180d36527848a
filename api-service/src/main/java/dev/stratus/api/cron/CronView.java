package dev.stratus.api.cron;

import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** A cron as Scaleway's clients read it (API reference §3.4). */
final class CronView {

    static Map<String, Object> of(Cron cron, JsonNode args) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", cron.getId());
        v.put("function_id", cron.getFunctionId());
        v.put("schedule", cron.getSchedule());
        v.put("args", args);
        v.put("status", cron.getStatus());
        v.put("name", cron.getName());
        return v;
    }

    private CronView() {
    }
}
