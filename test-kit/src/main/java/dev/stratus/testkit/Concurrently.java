package dev.stratus.testkit;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Starting and stopping processes side by side: each mostly waits on its own process. */
final class Concurrently {
    private Concurrently() {
    }

    /** Runs {@code task} in a daemon thread of its own, named for thread dumps. */
    static <T> CompletableFuture<T> inThread(String name, Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    static CompletableFuture<Void> inThread(String name, Runnable task) {
        return inThread(name, () -> {
            task.run();
            return null;
        });
    }

    /** Returns when all succeeded; fails as soon as one fails, leaving the others running. */
    static void joinUntilFailure(List<? extends CompletableFuture<?>> futures) {
        CompletableFuture<Void> failed = new CompletableFuture<>();
        futures.forEach(future -> future.whenComplete((result, e) -> {
            if (e != null) {
                failed.completeExceptionally(e);
            }
        }));
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), failed)
                    .join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Waits for all, then rethrows the first failure (the others are usually its consequences). */
    static void joinAll(List<? extends CompletableFuture<?>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
