package dev.stratus.api.logs;

import dev.stratus.common.event.FunctionLogLines;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Stores the output lines the runtime ships. Records come in batches and each function's lines are written in a
 * transaction of their own, so a failure for one function does not lose the others'.
 */
@KafkaListener(groupId = "api-service", offsetReset = OffsetReset.EARLIEST, batch = true)
public class FunctionLogListener {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionLogListener.class);
    private final FunctionLogStore store;

    public FunctionLogListener(FunctionLogStore store) {
        this.store = store;
    }

    @Topic(Topics.FUNCTION_LOGS)
    void received(List<FunctionLogLines> batches) {
        Map<String, List<FunctionLogLines>> byFunction = batches.stream()
                .filter(Objects::nonNull)
                .collect(Collectors.groupingBy(FunctionLogLines::functionId, LinkedHashMap::new, Collectors.toList()));
        byFunction.forEach((functionId, lines) -> {
            try {
                store.save(functionId, lines);
            } catch (RuntimeException e) {
                LOG.warn("Could not store the log lines of function {}: {}", functionId, e.toString());
            }
        });
    }
}
