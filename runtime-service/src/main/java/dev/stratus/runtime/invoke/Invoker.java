package dev.stratus.runtime.invoke;

import dev.stratus.common.event.FunctionDesired;
import dev.stratus.runtime.deploy.Deployments;
import dev.stratus.runtime.deploy.NoReadyRevisionException;
import dev.stratus.runtime.instance.InstanceStartException;
import dev.stratus.common.http.HttpConnection;
import dev.stratus.common.http.ResponseTooLargeException;
import dev.stratus.common.http.UpstreamResponse;
import dev.stratus.common.http.UpstreamTimeoutException;
import dev.stratus.runtime.pool.Lease;
import dev.stratus.runtime.pool.QueueFullException;
import dev.stratus.runtime.records.InvocationRecords;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls a function: finds its serving revision, waits for a free instance (starting one if needed) within the
 * function's timeout, sends the request over the instance's socket and turns every way this can fail into a clear
 * answer. A response body is read up to {@code STRATUS_MAX_RESPONSE_BYTES} (6 MiB, Scaleway's limit) and no further:
 * past it the call answers 502 and the instance, left mid-body, is replaced, so one function cannot make the runtime
 * buffer gigabytes for everyone.
 */
@Singleton
public class Invoker {
    private final Deployments deployments;
    private final InvocationRecords records;
    private final long maxResponseBytes;
    /*
     * Platform threads, reused: a blocked read on one is woken by the kernel directly, where a virtual thread
     * needs the poller and then a carrier, two more hand-offs on each call's critical path.
     */
    private final ExecutorService exchanges = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("exchange-", 0).factory());

    public Invoker(Deployments deployments, InvocationRecords records,
                   @Value("${stratus.runtime.max-response-bytes:6291456}") long maxResponseBytes) {
        this.deployments = deployments;
        this.records = records;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Calls the function; {@code source} (http, cron, trigger) goes into the invocation record. */
    public CompletableFuture<InvocationResult> invoke(FunctionDesired function, Invocation call, String source) {
        long started = System.nanoTime();
        long timeoutMillis = Math.max(1, function.timeoutSeconds()) * 1000;
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        return deployments.pool(function.functionId())
                .thenCompose(pool -> pool.acquire().orTimeout(remaining(deadline), TimeUnit.MILLISECONDS)
                        .thenApplyAsync(lease -> exchange(function, lease, call, timeoutMillis), exchanges))
                .exceptionally(failure -> failed(function, unwrap(failure), timeoutMillis))
                .whenComplete((result, ignored) -> records.completed(function.functionId(), function.revision(),
                        source, result.status(), System.nanoTime() - started, result.cold(), result.instanceId()));
    }

    private InvocationResult exchange(FunctionDesired function, Lease lease, Invocation call, long timeoutMillis) {
        try {
            HttpConnection connection = lease.connection();
            UpstreamResponse response = connection.exchange(call.method(), call.target(), call.headers(),
                    call.body(), timeoutMillis, maxResponseBytes);
            lease.release();
            return new InvocationResult(response.status(), response.headers(), response.body(), lease.cold(),
                    lease.instanceId());
        } catch (UpstreamTimeoutException e) {
            lease.discard();
            return InvocationResult.platformError(504, "timeout", e.getMessage());
        } catch (ResponseTooLargeException e) {
            // the rest of the body is still on its way: the instance is replaced as after a timeout
            lease.discard();
            return InvocationResult.platformError(502, "response_too_large", "function " + function.name()
                    + " answered more than " + ResponseTooLargeException.describe(e.limitBytes()) + " (the limit on "
                    + "a function's response body); the response was dropped and the instance replaced");
        } catch (IOException e) {
            lease.discard();
            String reason = lease.exitReason().orElse(e.getMessage());
            return InvocationResult.platformError(502, "instance_failed", "the function's instance failed while "
                    + "handling the request: " + reason);
        }
    }

    private static InvocationResult failed(FunctionDesired function, Throwable failure, long timeoutMillis) {
        if (failure instanceof QueueFullException full) {
            return InvocationResult.platformError(429, "too_many_requests", full.getMessage());
        }
        if (failure instanceof TimeoutException) {
            return InvocationResult.platformError(504, "timeout", "no instance of the function could take the "
                    + "request within its timeout of " + timeoutMillis / 1000 + " s");
        }
        if (failure instanceof NoReadyRevisionException none) {
            return InvocationResult.platformError(503, "no_ready_revision", "function " + function.name() + " ("
                    + function.functionId() + ") has no ready revision (status: " + none.status() + ")");
        }
        if (failure instanceof InstanceStartException start) {
            // the revision served, but no instance of it can start now (the pool gives up once none is starting)
            return InvocationResult.platformError(502, "instance_start_failed", "no instance of function "
                    + function.name() + " (" + function.functionId() + ") could start: " + start.getMessage());
        }
        return InvocationResult.platformError(503, "unavailable", String.valueOf(failure.getMessage()));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
