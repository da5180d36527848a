package dev.stratus.runtime.instance;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A running copy of a function revision that serves HTTP/1.1 on a unix socket. */
public interface Instance {

    String id();

    /** Completes when the instance accepts requests; fails with {@link InstanceStartException} if it cannot. */
    CompletableFuture<Void> ready();

    /** Completes with a description of why the instance ended (exit code, out of memory, stopped). */
    CompletableFuture<String> exited();

    Path socket();

    /** Its recent output, oldest first (bounded). */
    List<String> recentOutput();

    /** Stops it at once; what it was doing is lost. Idempotent. */
    void stop();
}
