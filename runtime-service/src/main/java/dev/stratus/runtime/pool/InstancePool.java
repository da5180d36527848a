package dev.stratus.runtime.pool;

import dev.stratus.runtime.instance.Instance;
import dev.stratus.runtime.instance.InstanceStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The instances of one function revision. A request takes a free slot on the least-busy ready instance; when there
 * is none it waits in line while an instance starts (up to max_scale), so a cold start delays a request but never
 * fails it. Waiting requests are handed slots as instances become ready or free. When a newer revision takes
 * over, requests still waiting here move to it, and busy instances finish what they hold before they stop.
 */
public final class InstancePool {
    private static final Logger LOG = LoggerFactory.getLogger(InstancePool.class);
    private final String name;
    private final Supplier<Instance> starter;
    private final List<PooledInstance> instances = new ArrayList<>();
    private final Deque<CompletableFuture<Lease>> waiting = new ArrayDeque<>();
    private final Autoscaler autoscaler;
    private volatile PoolSettings settings;
    private boolean draining;
    private InstancePool successor;

    public InstancePool(String name, PoolSettings settings, Supplier<Instance> starter, long stableWindowNanos,
                        long panicWindowNanos) {
        this.name = name;
        this.settings = settings;
        this.starter = starter;
        this.autoscaler = new Autoscaler(stableWindowNanos, panicWindowNanos);
    }

    public synchronized void update(PoolSettings newSettings) {
        this.settings = newSettings;
        ensureMinimum();
    }

    /** A slot, now or once an instance can take the request. Cancel the future to give up waiting. */
    public synchronized CompletableFuture<Lease> acquire() {
        if (draining) {
            return successor != null ? successor.acquire()
                    : CompletableFuture.failedFuture(new IllegalStateException("the function was deleted"));
        }
        PooledInstance free = leastBusyFree();
        if (free != null) {
            return CompletableFuture.completedFuture(lease(free));
        }
        if (waiting.size() >= settings.maxQueued()) {
            return CompletableFuture.failedFuture(new QueueFullException(settings.maxScale(), waiting.size()));
        }
        CompletableFuture<Lease> waiter = new CompletableFuture<>();
        waiting.addLast(waiter);
        startIfNeeded();
        return waiter;
    }

    synchronized void release(Lease lease) {
        PooledInstance instance = lease.instance;
        instance.giveBack(lease.returnedConnection());
        instance.inFlight--;
        if (instance.inFlight == 0) {
            instance.idleSince = System.nanoTime();
        }
        if (draining && instance.inFlight == 0) {
            remove(instance);
            return;
        }
        dispatch();
    }

    synchronized void discard(Lease lease) {
        lease.instance.inFlight--;
        remove(lease.instance);
        if (!draining) {
            startIfNeeded();
            ensureMinimum();
        }
    }

    /** Starts one instance and reports whether it serves; used to check a new revision before switching to it. */
    public synchronized CompletableFuture<Void> warmUp() {
        return start().instance.ready();
    }

    /**
     * One autoscaler tick: samples the concurrency, starts the instances the autoscaler asks for and stops idle
     * ones it no longer needs (never one that is serving a request).
     */
    public synchronized void autoscale() {
        if (draining) {
            return;
        }
        long now = System.nanoTime();
        waiting.removeIf(CompletableFuture::isDone);
        int inFlight = instances.stream().mapToInt(i -> i.inFlight).sum();
        PoolSettings limits = settings;
        int desired = autoscaler.desired(now, inFlight + waiting.size(), limits.maxConcurrency(), instances.size());
        int target = Math.max(limits.minScale(), Math.min(limits.maxScale(), desired));
        while (instances.size() < target) {
            start();
        }
        if (!autoscaler.panicking(now)) {
            stopIdle(now, limits.scaleDownDelayNanos(), target);
        }
        stopIdle(now, limits.idleNanos(), limits.minScale());
    }

    /** Stops instances idle longer than {@code idleNanos}, oldest idle first, while more than {@code keep} remain. */
    private void stopIdle(long now, long idleNanos, int keep) {
        List<PooledInstance> idle = instances.stream()
                .filter(i -> i.ready && i.inFlight == 0 && now - i.idleSince > idleNanos)
                .sorted(Comparator.comparingLong(i -> i.idleSince)).toList();
        for (int i = 0; i < idle.size() && instances.size() > keep; i++) {
            remove(idle.get(i));
        }
    }

    /**
     * No new requests: those waiting move to {@code next} (null when the function is gone), idle instances stop
     * now, busy ones when their requests are done.
     */
    public synchronized void drain(InstancePool next) {
        draining = true;
        successor = next;
        for (PooledInstance instance : List.copyOf(instances)) {
            if (instance.inFlight == 0 || !instance.ready) {
                remove(instance);
            }
        }
        for (CompletableFuture<Lease> waiter : waiting) {
            if (next == null) {
                waiter.completeExceptionally(new IllegalStateException("the function was deleted"));
                continue;
            }
            next.acquire().whenComplete((lease, failure) -> {
                if (failure != null) {
                    waiter.completeExceptionally(failure);
                } else if (!waiter.complete(lease)) {
                    lease.release();
                }
            });
        }
        waiting.clear();
    }

    public synchronized PoolStats stats() {
        int ready = (int) instances.stream().filter(i -> i.ready).count();
        int inFlight = instances.stream().mapToInt(i -> i.inFlight).sum();
        return new PoolStats(instances.size(), ready, inFlight, waiting.size(), autoscaler.panicking(System.nanoTime()));
    }

    public synchronized int size() {
        return instances.size();
    }

    private void ensureMinimum() {
        while (!draining && instances.size() < settings.minScale()) {
            start();
        }
    }

    private PooledInstance leastBusyFree() {
        PooledInstance best = null;
        for (PooledInstance instance : instances) {
            if (instance.ready && instance.inFlight < settings.maxConcurrency()
                    && (best == null || instance.inFlight < best.inFlight)) {
                best = instance;
            }
        }
        return best;
    }

    private Lease lease(PooledInstance instance) {
        instance.inFlight++;
        return new Lease(this, instance, instance.served++ == 0);
    }

    /** Starts instances for waiting requests that the ones already starting cannot take. */
    private void startIfNeeded() {
        waiting.removeIf(CompletableFuture::isDone);
        long starting = instances.stream().filter(i -> !i.ready).count();
        while (!waiting.isEmpty() && instances.size() < settings.maxScale()
                && starting * settings.maxConcurrency() < waiting.size()) {
            start();
            starting++;
        }
    }

    private PooledInstance start() {
        PooledInstance pooled = new PooledInstance(starter.get());
        instances.add(pooled);
        pooled.instance.ready().whenComplete((ok, failure) -> {
            if (failure == null) {
                onReady(pooled);
            } else {
                onStartFailed(pooled, failure);
            }
        });
        pooled.instance.exited().thenAccept(reason -> onExit(pooled, reason));
        return pooled;
    }

    private synchronized void onReady(PooledInstance pooled) {
        if (!instances.contains(pooled)) {
            return; // stopped while it started
        }
        pooled.ready = true;
        pooled.idleSince = System.nanoTime();
        dispatch();
    }

    private synchronized void onStartFailed(PooledInstance pooled, Throwable failure) {
        instances.remove(pooled);
        boolean othersCanServe = instances.stream().anyMatch(i -> i.ready || !i.instance.ready().isDone());
        if (!othersCanServe) {
            Throwable cause = failure instanceof InstanceStartException ? failure
                    : new InstanceStartException(failure.getMessage(), false);
            waiting.forEach(w -> w.completeExceptionally(cause));
            waiting.clear();
        }
    }

    private synchronized void onExit(PooledInstance pooled, String reason) {
        if (instances.remove(pooled) && pooled.ready) {
            LOG.info("Instance {} of {} ended: {}", pooled.instance.id(), name, reason);
            if (!draining) {
                startIfNeeded();
                ensureMinimum();
            }
        }
    }

    private void dispatch() {
        waiting.removeIf(CompletableFuture::isDone);
        for (PooledInstance free = leastBusyFree(); free != null && !waiting.isEmpty(); free = leastBusyFree()) {
            Lease lease = lease(free);
            if (!waiting.pollFirst().complete(lease)) {
                free.inFlight--;
                free.served--;
            }
        }
    }

    private void remove(PooledInstance instance) {
        instances.remove(instance);
        instance.stop();
    }
}
