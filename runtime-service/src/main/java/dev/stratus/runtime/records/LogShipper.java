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
 * the line and queues it (bounded: when full the oldest line is dropped), so an output pump never waits; one
 * thread sends what has gathered every 200 ms, or sooner once 500 lines are waiting.
 */
@Singleton
public class LogShipper implements InstanceOutput {
    static final int MAX_BUFFERED = 10_000;
    static final int BATCH_LINES = 500;
    static final long FLUSH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /* How often a gathering batch is checked for having filled up. */
    private static final long SLEEP_STEP_MILLIS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);

    private final RecordsProducer producer;
    private final BlockingQueue<Pending> buffer = new ArrayBlockingQueue<>(MAX_BUFFERED);
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
        var pending = new Pending(functionId, instanceId,
                new FunctionLogLines.Line(Instant.now(), stream, LogLines.cap(message)));
        while (!buffer.offer(pending)) {
            if (buffer.poll() != null) {
                drops.count("buffer of " + MAX_BUFFERED + " lines full");
            }
        }
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

    private record Pending(String functionId, @Nullable String instanceId, FunctionLogLines.Line line) {
    }
}
