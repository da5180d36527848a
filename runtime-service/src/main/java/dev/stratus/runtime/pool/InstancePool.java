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
 * fails it. Waiting requests are handed slots as instances become ready or free.
 */
public final class InstancePool {
    private static final Logger LOG = LoggerFactory.getLogger(InstancePool.class);
    private final String name;
    private final Supplier<Instance> starter;
    private final List<PooledInstance> instances = new ArrayList<>();
    private final Deque<CompletableFuture<Lease>> waiting = new ArrayDeque<>();
    private volatile PoolSettings settings;
    private boolean draining;

    public InstancePool(String name, PoolSettings settings, Supplier<Instance> starter) {
        this.name = name;
        this.settings = settings;
        this.starter = starter;
    }

    public void update(PoolSettings newSettings) {
        this.settings = newSettings;
        ensureMinimum();
    }

    /** A slot, now or once an instance can take the request. Cancel the future to give up waiting. */
    public synchronized CompletableFuture<Lease> acquire() {
        if (draining) {
            return CompletableFuture.failedFuture(new IllegalStateException("revision " + name + " is retired"));
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

    public void release(Lease lease) {
        lease.instance.giveBack(lease.returnedConnection());
        synchronized (this) {
            PooledInstance instance = lease.instance;
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
    }

    /** Replaces an instance that failed mid-request (timeout, crash): it is stopped and not used again. */
    public void discard(Lease lease) {
        synchronized (this) {
            lease.instance.inFlight--;
            remove(lease.instance);
            startIfNeeded();
        }
    }

    /** Starts one instance and reports whether it serves; used to check a new revision before switching to it. */
    public CompletableFuture<Void> warmUp() {
        synchronized (this) {
            return start().instance.ready();
        }
    }

    /** Stops idle instances above min_scale that have been idle longer than {@code idleNanos}. */
    public synchronized void reapIdle(long idleNanos) {
        long now = System.nanoTime();
        int keep = settings.minScale();
        List<PooledInstance> idle = instances.stream()
                .filter(i -> i.ready && i.inFlight == 0 && now - i.idleSince > idleNanos)
                .sorted(Comparator.comparingLong(i -> i.idleSince)).toList();
        int removable = Math.min(idle.size(), instances.size() - keep);
        for (int i = 0; i < removable; i++) {
            remove(idle.get(i));
        }
    }

    /** No new requests; idle instances stop now, busy ones when their requests are done. */
    public synchronized void drain() {
        draining = true;
        for (PooledInstance instance : List.copyOf(instances)) {
            if (instance.inFlight == 0) {
                remove(instance);
            }
        }
        waiting.forEach(w -> w.completeExceptionally(new IllegalStateException("revision " + name + " is retired")));
        waiting.clear();
    }

    public synchronized int size() {
        return instances.size();
    }

    public synchronized List<String> recentOutput() {
        List<String> lines = new ArrayList<>();
        instances.forEach(i -> lines.addAll(i.instance.recentOutput()));
        return lines;
    }

    private void ensureMinimum() {
        synchronized (this) {
            while (!draining && instances.size() < settings.minScale()) {
                start();
            }
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
        return new Lease(instance, instance.served++ == 0);
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
