package dev.stratus.common.event;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TopicInitializerTest {

    @Test
    void logsAndInvocationRecordsExpireAfterADay() {
        for (String name : new String[] {Topics.FUNCTION_LOGS, Topics.INVOCATION_COMPLETED}) {
            Map<String, String> configs = configsOf(name);
            assertEquals(Long.toString(24 * 60 * 60 * 1000L), configs.get(TopicConfig.RETENTION_MS_CONFIG), name);
            assertNull(configs.get(TopicConfig.CLEANUP_POLICY_CONFIG), name + " is a plain event stream");
        }
    }

    @Test
    void desiredStateIsCompactedAndKeptForever() {
        Map<String, String> configs = configsOf(Topics.FUNCTION_DESIRED);
        assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, configs.get(TopicConfig.CLEANUP_POLICY_CONFIG));
        assertNull(configs.get(TopicConfig.RETENTION_MS_CONFIG));
    }

    private static Map<String, String> configsOf(String name) {
        var spec = Topics.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        var configs = TopicInitializer.newTopic(spec).configs();
        return configs == null ? Map.of() : configs;
    }
}
