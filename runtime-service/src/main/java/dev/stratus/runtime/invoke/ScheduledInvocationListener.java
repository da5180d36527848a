package dev.stratus.runtime.invoke;

import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.InvocationRequested;
import dev.stratus.common.event.Topics;
import dev.stratus.runtime.catalog.FunctionCatalog;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Calls functions for cron ticks: the args as a JSON {@code POST /}, private functions included. Runtimes share
 * the work as one consumer group; the offset moves on once the call is done, and an invocation id seen twice (a
 * tick republished after a scheduler crash) is called once.
 */
@KafkaListener(groupId = "runtime-invocations", offsetReset = OffsetReset.EARLIEST, threads = 4)
public class ScheduledInvocationListener {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledInvocationListener.class);
    private static final int REMEMBERED = 10_000;
    private final Set<String> seen = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));
    private final FunctionCatalog catalog;
    private final Invoker invoker;
    private final Duration maxAge;

    public ScheduledInvocationListener(FunctionCatalog catalog, Invoker invoker,
                                       @Value("${stratus.runtime.invocation-max-age:5m}") Duration maxAge) {
        this.catalog = catalog;
        this.invoker = invoker;
        this.maxAge = maxAge;
    }

    @Topic(Topics.INVOCATION_REQUESTED)
    void onInvocation(InvocationRequested request) throws Exception {
        if (request == null || !seen.add(request.invocationId())) {
            return;
        }
        if (request.scheduledFor() != null && request.scheduledFor().isBefore(Instant.now().minus(maxAge))) {
            LOG.warn("Skipping {} invocation {} of {}: scheduled for {}, too long ago", request.source(),
                    request.invocationId(), request.functionId(), request.scheduledFor());
            return;
        }
        FunctionDesired function = catalog.function(request.functionId()).orElse(null);
        if (function == null) {
            LOG.info("Skipping invocation {}: function {} is gone", request.invocationId(), request.functionId());
            return;
        }
        LOG.debug("Calling {} for {} {} (invocation {})", function.name(), request.source(), request.sourceId(),
                request.invocationId());
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        Invocation call = new Invocation("POST", "/", List.of(Map.entry("Host", function.domainName()),
                Map.entry("Content-Type", "application/json"), Map.entry("X-Stratus-Source", request.source()),
                Map.entry("X-Stratus-Source-Id", request.sourceId())), body);
        InvocationResult result = invoker.invoke(function, call, request.source())
                .get(function.timeoutSeconds() + 30, TimeUnit.SECONDS);
        LOG.debug("{} {} of {} answered {}", request.source(), request.sourceId(), function.name(), result.status());
    }
}
