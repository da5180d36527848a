package dev.stratus.runtime.deploy;

import dev.stratus.common.event.FunctionDesired;
import dev.stratus.runtime.pool.InstancePool;

import java.util.Objects;
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
    /** Why the requested image cannot serve, while no revision serves; null while it is starting. */
    private String failure;

    /** The pool to send a request to; without one, a failure that says why no revision serves. */
    synchronized CompletableFuture<InstancePool> pool() {
        if (serving != null) {
            return CompletableFuture.completedFuture(serving);
        }
        return CompletableFuture.failedFuture(new NoReadyRevisionException(status()));
    }

    private String status() {
        long revision = desired == null ? 0 : desired.revision();
        if (failure != null) {
            return "error: " + failure;
        }
        if (requestedImage != null) {
            return "pending: revision " + revision + " is starting";
        }
        return revision == 0 ? "not deployed: upload its code and deploy"
                : "pending: revision " + revision + " has no built image yet (see the function's status for a build error)";
    }

    synchronized InstancePool serving() {
        return serving;
    }

    /** A new image was requested: it starts, so an earlier failure no longer describes the function. */
    synchronized void requested(String image) {
        requestedImage = image;
        failure = null;
    }

    /** Traffic moves to {@code next}; the previous revision drains. */
    synchronized void switchTo(InstancePool next) {
        InstancePool previous = serving;
        serving = next;
        failure = null;
        if (previous != null) {
            previous.drain(next);
        }
    }

    /** The activation of {@code image} failed; it matters only while nothing serves and no newer image starts. */
    synchronized void failed(String image, String reason) {
        if (serving == null && Objects.equals(image, requestedImage)) {
            failure = reason;
        }
    }

    synchronized void retire() {
        if (serving != null) {
            serving.drain(null);
        }
    }
}
