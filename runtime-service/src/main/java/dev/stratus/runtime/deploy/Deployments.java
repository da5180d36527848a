package dev.stratus.runtime.deploy;

import dev.stratus.common.Ids;
import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.FunctionStatusChanged;
import dev.stratus.runtime.catalog.FunctionCatalog;
import dev.stratus.runtime.image.RevisionFiles;
import dev.stratus.runtime.image.RevisionStore;
import dev.stratus.runtime.instance.InstanceBackend;
import dev.stratus.runtime.instance.InstanceStartException;
import dev.stratus.runtime.pool.InstancePool;
import dev.stratus.runtime.pool.PoolSettings;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Turns desired state into serving revisions. A new revision is unpacked and one instance of it is started before
 * traffic moves to it, so a handler that does not load ends in {@code error} with its reason while the previous
 * revision (if any) keeps serving; then the API hears {@code ready}.
 */
@Singleton
public class Deployments {
    private static final Logger LOG = LoggerFactory.getLogger(Deployments.class);
    private final Map<String, FunctionSlot> slots = new ConcurrentHashMap<>();
    private final ExecutorService activator = Executors.newVirtualThreadPerTaskExecutor();
    private final FunctionCatalog catalog;
    private final RevisionStore revisions;
    private final InstanceSpecs specs;
    private final InstanceBackend backend;
    private final StatusReports status;
    private final Duration startTimeout;
    private final Duration idleTimeout;
    private final Duration stableWindow;
    private final Duration scaleDownDelay;
    private final int maxQueuedPerInstance;

    public Deployments(FunctionCatalog catalog, RevisionStore revisions, InstanceSpecs specs, InstanceBackend backend,
                       StatusReports status,
                       @Value("${stratus.runtime.start-timeout:30s}") Duration startTimeout,
                       @Value("${stratus.runtime.idle-timeout:60s}") Duration idleTimeout,
                       @Value("${stratus.runtime.stable-window:60s}") Duration stableWindow,
                       @Value("${stratus.runtime.scale-down-delay:10s}") Duration scaleDownDelay,
                       @Value("${stratus.runtime.max-queued-per-instance:50}") int maxQueuedPerInstance) {
        this.catalog = catalog;
        this.revisions = revisions;
        this.specs = specs;
        this.backend = backend;
        this.status = status;
        this.startTimeout = startTimeout;
        this.idleTimeout = idleTimeout;
        this.stableWindow = stableWindow;
        this.scaleDownDelay = scaleDownDelay;
        this.maxQueuedPerInstance = maxQueuedPerInstance;
    }

    public void onDesired(String functionId, FunctionDesired desired) {
        if (desired == null) {
            Optional.ofNullable(slots.remove(functionId)).ifPresent(FunctionSlot::retire);
            return;
        }
        FunctionSlot slot = slots.computeIfAbsent(functionId, id -> new FunctionSlot());
        synchronized (slot) {
            slot.desired = desired;
            InstancePool serving = slot.serving();
            if (serving != null) {
                serving.update(settings(desired));
            }
            String image = desired.image();
            if (image != null && !Objects.equals(image, slot.requestedImage)) {
                slot.requested(image);
                slot.activations = slot.activations.thenRunAsync(() -> activate(slot, desired), activator);
            }
        }
    }

    /**
     * The pool serving a function or, when no revision serves, a {@link NoReadyRevisionException} saying why: the
     * caller hears it at once rather than after waiting out the function's timeout.
     */
    public CompletableFuture<InstancePool> pool(String functionId) {
        FunctionSlot slot = slots.get(functionId);
        if (slot == null) {
            return CompletableFuture.failedFuture(new NoReadyRevisionException("not deployed"));
        }
        return slot.pool();
    }

    private void activate(FunctionSlot slot, FunctionDesired desired) {
        String name = desired.name() + " revision " + desired.revision();
        InstancePool pool = null;
        try {
            RevisionFiles files = revisions.materialise(desired.image());
            var namespace = catalog.awaitNamespace(desired.namespaceId(), Duration.ofSeconds(10)).orElse(null);
            pool = new InstancePool(name, settings(desired),
                    () -> backend.start(specs.spec(desired, namespace, files)), stableWindow.toNanos(),
                    stableWindow.toNanos() / 10);
            pool.warmUp().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            boolean deleted = slots.get(desired.functionId()) != slot;
            boolean superseded = slot.desired.revision() > desired.revision()
                    && !desired.image().equals(slot.desired.image());
            if (deleted || superseded) {
                pool.drain(null); // the newer activation (if any) follows
                return;
            }
            slot.switchTo(pool);
            slot.servingRevision = desired.revision();
            pool.update(settings(slot.desired));
            LOG.info("{} serves at {}", name, desired.domainName());
            report(desired, FunctionStatusChanged.READY, null, pool.size());
        } catch (Exception e) {
            String reason = reason(e);
            LOG.warn("{} cannot serve: {}", name, reason);
            if (pool != null) {
                pool.drain(null);
            }
            slot.failed(desired.image(), reason);
            report(desired, FunctionStatusChanged.ERROR, reason, 0);
        }
    }

    private static final String START_TIMEOUT_TEXT = "its start timeout (stratus.runtime.start-timeout)";

    private static String reason(Exception e) {
        Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
        if (cause instanceof InstanceStartException start) {
            return start.handlerError() ? "the handler failed to load: " + start.getMessage() : start.getMessage();
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return "the function did not start within " + START_TIMEOUT_TEXT;
        }
        return "the revision cannot be started: " + cause.getMessage();
    }

    private void report(FunctionDesired desired, String state, String message, int instances) {
        status.send(desired.functionId(), new FunctionStatusChanged(Ids.newId(), desired.functionId(),
                desired.revision(), state, message, instances, Instant.now()));
    }

    private PoolSettings settings(FunctionDesired desired) {
        int maxScale = Math.max(1, desired.maxScale());
        return new PoolSettings(Math.min(desired.minScale(), maxScale), maxScale, 1, maxScale * maxQueuedPerInstance,
                scaleDownDelay.toNanos(), idleTimeout.toNanos());
    }

    /** Knative's KPA ticks every 2 s; a 1 s tick reacts faster to a step in load. */
    @Scheduled(fixedDelay = "1s")
    void autoscale() {
        slots.values().forEach(slot -> {
            InstancePool pool = slot.serving();
            if (pool != null) {
                pool.autoscale();
            }
        });
    }

    /** Each function's serving revision and its instances. */
    public Map<String, FunctionInstances> instances() {
        Map<String, FunctionInstances> all = new java.util.TreeMap<>();
        slots.forEach((id, slot) -> {
            InstancePool pool = slot.serving();
            FunctionDesired desired = slot.desired;
            if (pool != null && desired != null) {
                all.put(id, new FunctionInstances(desired.name(), slot.servingRevision, pool.stats()));
            }
        });
        return all;
    }
}
