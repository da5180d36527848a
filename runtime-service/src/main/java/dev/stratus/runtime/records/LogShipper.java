package dev.stratus.runtime.records;

import dev.stratus.common.Ids;
import dev.stratus.common.event.FunctionLogLines;
import dev.stratus.runtime.instance.InstanceOutput;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Ships the output lines of function instances to Kafka as {@link FunctionLogLines}. {@link #line} only stamps
 * the line and queues it, so an output pump never waits; one thread sends what has gathered every 200 ms, or sooner
 * once 500 lines are waiting.
 * <p>
 * The queue is bounded in lines and in bytes, and each function gets a share of it: past its share a function's
 * new lines are dropped, so that one noisy function (Kafka behind, or a function printing megabytes a second)
 * cannot push the other functions' lines out. Only when the whole buffer is full do the oldest lines go.
 */
@Singleton
public class LogShipper implements InstanceOutput {
    static final int MAX_BUFFERED = 10_000;
    static final long MAX_BUFFERED_BYTES = 16L * 1024 * 1024;
    /* A quarter each: it takes four functions at their share to fill the buffer. */
    static final int MAX_LINES_PER_FUNCTION = MAX_BUFFERED / 4;
    static final long MAX_BYTES_PER_FUNCTION = MAX_BUFFERED_BYTES / 4;
    static final int BATCH_LINES = 500;
    static final long FLUSH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /* How often a gathering batch is checked for having filled up. */
    private static final long SLEEP_STEP_MILLIS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);

    private final RecordsProducer producer;
    private final BlockingQueue<Pending> buffer = new ArrayBlockingQueue<>(MAX_BUFFERED);
    private final LineBudget budget = new LineBudget(MAX_LINES_PER_FUNCTION, MAX_BYTES_PER_FUNCTION,
            MAX_BUFFERED_BYTES);
    private final ThrottledWarning drops = new ThrottledWarning(LOG, "Function log lines dropped, Kafka is behind");
    private final ThrottledWarning sendFailures = new ThrottledWarning(LOG, "Function log batches not sent to Kafka");
    private final Thread shipper;
    private volatile boolean running = true;

    LogShipper(RecordsProducer producer) {
        this.producer = producer;
        this.shipper = Thread.ofPlatform().daemon().name("log-shipper").start(this::shipUntilClosed);
    }

    /**
     * Queues one line an instance wrote on {@code stream} ({@link FunctionLogLines#STDOUT} or
     * {@link FunctionLogLines#STDERR}), without its line break. Lines over 8 KiB are cut. Never blocks.
     */
    public void line(String functionId, @Nullable String instanceId, String stream, String message) {
        String capped = LogLines.cap(message);
        long size = LineBudget.size(capped);
        if (!budget.admit(functionId, size)) {
            drops.count("function " + functionId + " has its share of the buffer waiting");
            return;
        }
        var pending = new Pending(functionId, instanceId, new FunctionLogLines.Line(Instant.now(), stream, capped),
                size);
        while (!buffer.offer(pending)) {
            dropOldest();
        }
        while (budget.overTotal() && dropOldest()) {
            // the oldest lines make room, whoever wrote them
        }
    }

    private boolean dropOldest() {
        Pending oldest = buffer.poll();
        if (oldest == null) {
            return false;
        }
        budget.release(oldest.functionId(), oldest.size());
        drops.count("buffer of " + MAX_BUFFERED + " lines or " + MAX_BUFFERED_BYTES / (1024 * 1024) + " MiB full");
        return true;
    }

    /** Bytes of lines waiting to be sent, by the estimate the buffer's bounds use. */
    long bufferedBytes(String functionId) {
        return budget.bytes(functionId);
    }

    long bufferedBytes() {
        return budget.bytes();
    }

    @Override
    public void line(String functionId, String instanceId, boolean stderr, String line) {
        line(functionId, instanceId, stderr ? FunctionLogLines.STDERR : FunctionLogLines.STDOUT, line);
    }

    /** Lines lost to a full buffer since start. */
    public long dropped() {
        return drops.total();
    }

    private void shipUntilClosed() {
        List<Pending> batch = new ArrayList<>(BATCH_LINES);
        while (running || !buffer.isEmpty()) {
            try {
                gather(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ship(batch);
            batch.clear();
        }
    }

    /**
     * Waits for a first line, then 200 ms more (less once 500 lines wait) and takes what has gathered. It sleeps
     * rather than waits on the queue meanwhile, so that lines written in a burst do not wake it one by one.
     */
    private void gather(List<Pending> batch) throws InterruptedException {
        // a bounded wait, so that a close is noticed while the buffer stays empty
        Pending first = buffer.poll(FLUSH_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + FLUSH_INTERVAL_NANOS;
        while (running && buffer.size() < BATCH_LINES - 1) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, SLEEP_STEP_MILLIS));
        }
        buffer.drainTo(batch, BATCH_LINES - batch.size());
        for (Pending taken : batch) {
            budget.release(taken.functionId(), taken.size());
        }
    }

    private void ship(List<Pending> batch) {
        Map<Source, List<FunctionLogLines.Line>> bySource = new LinkedHashMap<>();
        for (Pending pending : batch) {
            bySource.computeIfAbsent(new Source(pending.functionId(), pending.instanceId()), s -> new ArrayList<>())
                    .add(pending.line());
        }
        bySource.forEach((source, lines) -> LogLines.chunks(lines).forEach(chunk -> send(
                new FunctionLogLines(Ids.newId(), source.functionId(), source.instanceId(), chunk))));
    }

    private void send(FunctionLogLines event) {
        try {
            producer.logLines(event.functionId(), event).whenComplete((sent, error) -> {
                if (error != null) {
                    sendFailures.count(error.toString());
                }
            });
        } catch (RuntimeException e) {
            sendFailures.count(e.toString());
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        // what is buffered gets a moment to leave; a stuck Kafka must not hold up the shutdown
        shipper.join(TimeUnit.SECONDS.toMillis(3));
    }

    private record Source(String functionId, @Nullable String instanceId) {
        Source {
            Objects.requireNonNull(functionId, "functionId");
        }
    }

    private record Pending(String functionId, @Nullable String instanceId, FunctionLogLines.Line line, long size) {
    }
}
