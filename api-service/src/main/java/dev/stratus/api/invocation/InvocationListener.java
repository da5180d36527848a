package dev.stratus.api.invocation;

import dev.stratus.common.event.InvocationCompleted;
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
 * Stores the invocations the runtime reports, one record per call: taken in batches, each function's in a
 * transaction of its own, so that busy functions cost one insert batch and one trim per poll, not per call.
 */
@KafkaListener(groupId = "api-service", offsetReset = OffsetReset.EARLIEST, batch = true)
public class InvocationListener {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationListener.class);
    private final InvocationStore store;

    public InvocationListener(InvocationStore store) {
        this.store = store;
    }

    @Topic(Topics.INVOCATION_COMPLETED)
    void received(List<InvocationCompleted> events) {
        Map<String, List<InvocationCompleted>> byFunction = events.stream()
                .filter(Objects::nonNull)
                .collect(Collectors.groupingBy(InvocationCompleted::functionId, LinkedHashMap::new,
                        Collectors.toList()));
        byFunction.forEach((functionId, calls) -> {
            try {
                store.save(functionId, calls);
            } catch (RuntimeException e) {
                LOG.warn("Could not store the invocations of function {}: {}", functionId, e.toString());
            }
        });
    }
}
