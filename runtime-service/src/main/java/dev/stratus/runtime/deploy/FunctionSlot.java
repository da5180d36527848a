package dev.stratus.runtime.deploy;

import dev.stratus.common.event.FunctionDesired;
import dev.stratus.runtime.pool.InstancePool;

import java.util.concurrent.CompletableFuture;

/**
 * One function on this runtime: its latest desired state, the pool of the revision that serves it, and the chain
 * of activations (one at a time, in the order deploys arrive).
 */
final class FunctionSlot {
    volatile FunctionDesired desired;
    volatile long servingRevision;
    String requestedImage;
    CompletableFuture<Void> activations = CompletableFuture.completedFuture(null);
    private InstancePool serving;
    private CompletableFuture<InstancePool> firstServing = new CompletableFuture<>();

    /** The pool to send a request to; before the first revision serves, a future that completes when it does. */
    synchronized CompletableFuture<InstancePool> pool() {
        return serving != null ? CompletableFuture.completedFuture(serving) : firstServing;
    }

    synchronized InstancePool serving() {
        return serving;
    }

    /** Traffic moves to {@code next}; the previous revision drains. */
    synchronized void switchTo(InstancePool next) {
        InstancePool previous = serving;
        serving = next;
        firstServing.complete(next);
        if (previous != null) {
            previous.drain(next);
        }
    }

    /** A first revision that cannot serve: requests waiting for it get the reason, later ones wait for the next. */
    synchronized void firstRevisionFailed(RuntimeException reason) {
        if (serving == null) {
            firstServing.completeExceptionally(reason);
            firstServing = new CompletableFuture<>();
        }
    }

    synchronized void retire() {
        if (serving != null) {
            serving.drain(null);
        }
        firstServing.completeExceptionally(new IllegalStateException("the function was deleted"));
    }
}
