package dev.stratus.trigger.consumer;

import dev.stratus.trigger.TriggerSettings;
import dev.stratus.trigger.delivery.Delivery;
import dev.stratus.trigger.delivery.Outcome;
import dev.stratus.trigger.delivery.StopSignal;
import dev.stratus.trigger.source.Message;
import dev.stratus.trigger.source.MessageSource;
import dev.stratus.trigger.source.SourceSpec;
import dev.stratus.trigger.status.StatusReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs one trigger: connects to its source (reporting {@code ready}, or {@code error} and retrying with backoff),
 * reads only as many messages as it has free delivery slots, delivers each on a virtual thread and settles it
 * with the source. Stopping lets running deliveries finish, retries included, up to the drain timeout; those
 * still waiting for a retry then give their message back. (Giving back early costs duplicates: a Kafka group
 * resumes from the oldest unsettled offset of each partition.)
 */
final class TriggerConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerConsumer.class);
    /** How long the reading thread waits for a free slot before polling the source anyway (keep-alive). */
    private static final Duration SLOT_WAIT = Duration.ofMillis(500);
    /** Slack on top of the worst case of one delivery before the broker may hand a message out again. */
    private static final Duration ACK_SLACK = Duration.ofSeconds(5);
    /** After the drain timeout, how long deliveries get to notice that they must give up. */
    private static final Duration GIVE_UP_GRACE = Duration.ofSeconds(2);

    private final TriggerPlan plan;
    private final Sources sources;
    private final Delivery delivery;
    /*
     * Platform threads, reused: a delivery blocks on its gateway connection, and a blocked read on a platform
     * thread is woken by the kernel directly (a virtual one would wait for the poller, then for a carrier).
     * Their number is bounded by the triggers' in-flight limits.
     */
    private static final ExecutorService DELIVERIES = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("trigger-delivery-", 0).factory());
    private final StatusReporter status;
    private final TriggerSettings settings;
    private final Semaphore slots;
    private final StopSignal stop = new StopSignal();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean deleted;
    private String lastReport;

    private TriggerConsumer(TriggerPlan plan, Sources sources, Delivery delivery, StatusReporter status,
                            TriggerSettings settings) {
        this.plan = plan;
        this.sources = sources;
        this.delivery = delivery;
        this.status = status;
        this.settings = settings;
        this.slots = new Semaphore(plan.target().maxInFlight());
    }

    /** Starts once {@code previous} (the consumer this one replaces) has stopped: never two at once. */
    static TriggerConsumer start(TriggerPlan plan, CompletableFuture<Void> previous, Sources sources,
                                 Delivery delivery, StatusReporter status, TriggerSettings settings) {
        TriggerConsumer consumer = new TriggerConsumer(plan, sources, delivery, status, settings);
        Thread.ofVirtual().name("trigger-" + plan.triggerId()).start(() -> consumer.run(previous));
        return consumer;
    }

    TriggerPlan plan() {
        return plan;
    }

    /** Asks it to stop; completes once its source is closed. */
    CompletableFuture<Void> stop() {
        stop.set();
        return stopped;
    }

    /** Stops it for good: the trigger was deleted, so the source also drops what it kept for it. */
    CompletableFuture<Void> delete() {
        deleted = true;
        return stop();
    }

    private void run(CompletableFuture<Void> previous) {
        try {
            previous.join();
            runUntilStopped();
        } catch (RuntimeException | Error e) {
            LOG.error("Trigger {} stopped on an unexpected error", plan.triggerId(), e);
        } finally {
            stopped.complete(null);
        }
    }

    private void runUntilStopped() {
        int attempt = 1;
        while (!stop.isSet()) {
            MessageSource source = null;
            StopSignal giveUp = new StopSignal();
            boolean opened = false;
            try {
                source = sources.create(spec());
                source.open();
                opened = true;
                report(null);
                attempt = 1;
                pump(source, giveUp);
            } catch (Exception e) {
                if (!stop.isSet()) {
                    String reason = (source == null ? "" : source.describe() + ": ") + reason(e);
                    LOG.warn("Trigger {}: {}; retrying in {}", plan.triggerId(), reason,
                            settings.reconnectWait(attempt));
                    report(reason);
                }
            } finally {
                if (source != null) {
                    drain(giveUp);
                    if (opened && deleted) {
                        forgetQuietly(source);
                    }
                    closeQuietly(source);
                }
            }
            if (stop.await(settings.reconnectWait(attempt++))) {
                return;
            }
        }
    }

    private SourceSpec spec() {
        return new SourceSpec(plan.triggerId(), plan.inputType(), plan.config(), plan.target().maxInFlight(),
                delivery.worstCase(plan.target()).plus(ACK_SLACK),
                delivery.attemptWorstCase(plan.target()).plus(ACK_SLACK));
    }

    /** Reads while it has slots, reporting outages it recovers from; returns when stopped, throws on failure. */
    private void pump(MessageSource source, StopSignal giveUp) throws Exception {
        while (!stop.isSet()) {
            report(source.problem());
            int granted = takeSlots();
            int[] handed = {0};
            try {
                source.poll(granted, message -> {
                    if (handed[0]++ < granted) {
                        dispatch(source, message, giveUp);
                    } else {
                        source.release(message); // more than asked for: never beyond the bound
                    }
                });
            } finally {
                slots.release(Math.max(0, granted - handed[0]));
            }
        }
    }

    /** At least one slot, waiting a little for it, plus every other free one; 0 if none came free. */
    private int takeSlots() throws InterruptedException {
        if (!slots.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            return 0;
        }
        return 1 + slots.drainPermits();
    }

    private void dispatch(MessageSource source, Message message, StopSignal giveUp) {
        DELIVERIES.execute(() -> {
            try {
                settle(source, message, delivery.deliver(plan.target(), plan.triggerId(), message, giveUp,
                        () -> source.stillWorking(message)));
            } finally {
                slots.release();
            }
        });
    }

    private void settle(MessageSource source, Message message, Outcome outcome) {
        try {
            switch (outcome) {
                case Outcome.Delivered delivered -> source.ack(message);
                case Outcome.Failed failed -> {
                    source.deadLetter(message, failed.reason(), failed.attempts());
                    LOG.info("Trigger {}: message {} dead-lettered after {} attempts: {}", plan.triggerId(),
                            message.id(), failed.attempts(), failed.reason());
                }
                case Outcome.Abandoned abandoned -> source.release(message);
            }
        } catch (Exception e) {
            LOG.warn("Trigger {}: could not settle message {} ({}); the broker will deliver it again",
                    plan.triggerId(), message.id(), reason(e));
            source.release(message);
        }
    }

    /** Waits for running deliveries, so that they can still settle with this source. */
    private void drain(StopSignal giveUp) {
        int all = plan.target().maxInFlight();
        try {
            boolean drained = slots.tryAcquire(all, settings.getDrainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!drained) {
                giveUp.set();
                drained = slots.tryAcquire(all, GIVE_UP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (drained) {
                slots.release(all);
            } else {
                LOG.warn("Trigger {}: {} deliveries still running after {}; their messages will come again",
                        plan.triggerId(), all - slots.availablePermits(), settings.getDrainTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forgetQuietly(MessageSource source) {
        try {
            source.forget();
        } catch (Exception e) {
            LOG.warn("Trigger {}: {} keeps state for the deleted trigger: {}", plan.triggerId(), source.describe(),
                    reason(e));
        }
    }

    private static void closeQuietly(MessageSource source) {
        try {
            source.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing {} failed", source.describe(), e);
        }
    }

    /** Reports a change only: ready (null) or the error's reason. */
    private void report(String error) {
        String key = error == null ? "ready" : "error:" + error;
        if (Objects.equals(key, lastReport)) {
            return;
        }
        lastReport = key;
        if (error == null) {
            status.ready(plan.triggerId());
        } else {
            status.error(plan.triggerId(), error);
        }
    }

    /** An exception's message, followed by its cause's where that adds to it: wrappers often say little. */
    static String reason(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        Throwable cause = t.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message;
    }
}
