package dev.stratus.trigger.consumer;

import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.TriggerDesired;
import dev.stratus.trigger.TriggerSettings;
import dev.stratus.trigger.delivery.Delivery;
import dev.stratus.trigger.delivery.Target;
import dev.stratus.trigger.status.StatusReporter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one consumer running per trigger whose function is known, from the desired state of both: starts,
 * replaces (after the old one stopped) and stops consumers as triggers and functions come, change and go.
 */
@Singleton
public class TriggerSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerSupervisor.class);
    /** Functions serve one request per instance at a time (containers could take more). */
    private static final int FUNCTION_MAX_CONCURRENCY = 1;

    private final Map<String, TriggerDesired> triggers = new HashMap<>();
    private final Map<String, FunctionDesired> functions = new HashMap<>();
    private final Map<String, TriggerConsumer> consumers = new HashMap<>();
    /** Consumers asked to stop and not yet stopped: closing waits for them too. */
    private final Set<CompletableFuture<Void>> stopping = ConcurrentHashMap.newKeySet();
    private final Sources sources;
    private final Delivery delivery;
    private final StatusReporter status;
    private final TriggerSettings settings;
    private final JsonMapper json;
    private boolean closed;

    public TriggerSupervisor(Sources sources, Delivery delivery, StatusReporter status, TriggerSettings settings,
                             JsonMapper json) {
        this.sources = sources;
        this.delivery = delivery;
        this.status = status;
        this.settings = settings;
        this.json = json;
    }

    /** A null trigger is a tombstone: the trigger was deleted. */
    public synchronized void putTrigger(String triggerId, @Nullable TriggerDesired trigger) {
        if (trigger == null) {
            triggers.remove(triggerId);
        } else {
            triggers.put(triggerId, trigger);
        }
        reconcile(triggerId);
    }

    public synchronized void putFunction(String functionId, @Nullable FunctionDesired function) {
        if (function == null) {
            functions.remove(functionId);
        } else {
            functions.put(functionId, function);
        }
        triggers.values().stream().filter(t -> functionId.equals(t.functionId())).map(TriggerDesired::triggerId)
                .toList().forEach(this::reconcile);
    }

    /** The plans of the consumers running now, by trigger id. */
    public synchronized Map<String, TriggerPlan> running() {
        Map<String, TriggerPlan> plans = new HashMap<>();
        consumers.forEach((id, consumer) -> plans.put(id, consumer.plan()));
        return plans;
    }

    private void reconcile(String triggerId) {
        if (closed) {
            return;
        }
        TriggerPlan plan = planFor(triggerId);
        TriggerConsumer current = consumers.get(triggerId);
        if (current != null && current.plan().equals(plan)) {
            return;
        }
        CompletableFuture<Void> previous = current == null ? CompletableFuture.completedFuture(null)
                : triggers.containsKey(triggerId) ? current.stop() : current.delete();
        stopping.add(previous);
        previous.whenComplete((done, failure) -> stopping.remove(previous));
        if (plan == null) {
            if (consumers.remove(triggerId) != null) {
                LOG.info("Trigger {} stopped", triggerId);
            }
        } else {
            consumers.put(triggerId, TriggerConsumer.start(plan, previous, sources, delivery, status, settings));
            LOG.info("Trigger {} ({}) delivers to {} with up to {} in flight", triggerId, plan.inputType(),
                    plan.target().domainName(), plan.target().maxInFlight());
        }
    }

    /** Null while the trigger is deleted or its function is not known (yet). */
    private TriggerPlan planFor(String triggerId) {
        TriggerDesired trigger = triggers.get(triggerId);
        FunctionDesired function = trigger == null ? null : functions.get(trigger.functionId());
        if (function == null) {
            return null;
        }
        int bound = Math.min(settings.getMaxInFlight(), Math.max(1, function.maxScale()) * FUNCTION_MAX_CONCURRENCY);
        Target target = new Target(function.functionId(), function.domainName(),
                Duration.ofSeconds(Math.max(1, function.timeoutSeconds())), bound);
        return new TriggerPlan(triggerId, trigger.inputType(), config(trigger), target);
    }

    private Map<String, String> config(TriggerDesired trigger) {
        try {
            Map<String, String> config = trigger.configJson() == null ? null
                    : json.readValue(trigger.configJson(), Argument.mapOf(String.class, String.class));
            return config == null ? Map.of() : Map.copyOf(config);
        } catch (IOException e) {
            LOG.warn("Trigger {} has an unreadable config: {}", trigger.triggerId(), e.getMessage());
            return Map.of();
        }
    }

    /** Stops every consumer, letting deliveries finish up to the drain timeout. */
    @PreDestroy
    public void close() {
        List<CompletableFuture<Void>> all;
        synchronized (this) {
            closed = true;
            consumers.values().forEach(consumer -> stopping.add(consumer.stop()));
            consumers.clear();
            all = List.copyOf(stopping);
        }
        Duration bound = settings.getDrainTimeout().plus(settings.getConnectTimeout()).plusSeconds(10);
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("Some triggers did not stop within {}: {}", bound, e.toString());
        }
    }
}
