package dev.stratus.bench;

import dev.stratus.common.http.HttpConnection;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop clients through the gateway whose number can change while they run. Every answer is counted, and
 * the instance that gave it (the handler answers its instance id) is remembered with when it first answered.
 */
final class LoadClients implements AutoCloseable {
    private final BenchContext context;
    private final Deployed function;
    private final String path;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger wanted = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final Map<String, Long> firstAnswerNanos = new ConcurrentHashMap<>();
    final Set<String> bodies = ConcurrentHashMap.newKeySet();

    LoadClients(BenchContext context, Deployed function, String path) {
        this.context = context;
        this.function = function;
        this.path = path;
    }

    /** Adds clients up to {@code count}, or lets the extra ones finish their call and stop. */
    void setClients(int count) {
        wanted.set(count);
        while (running.get() < count) {
            int id = running.incrementAndGet();
            threads.submit(() -> loop(id));
        }
    }

    private void loop(int id) {
        try (HttpConnection gateway = context.gateway()) {
            while (id <= wanted.get()) {
                var response = gateway.exchange("GET", path, List.of(Map.entry("Host", function.domain())),
                        new byte[0], 60_000);
                if (response.status() == 200) {
                    ok.incrementAndGet();
                    String body = new String(response.body(), StandardCharsets.UTF_8);
                    bodies.add(body);
                    firstAnswerNanos.putIfAbsent(body.split(":")[0], System.nanoTime());
                } else {
                    failed.incrementAndGet();
                }
            }
        } catch (Exception e) {
            failed.incrementAndGet();
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public void close() throws InterruptedException {
        wanted.set(0);
        threads.shutdown();
        threads.awaitTermination(90, java.util.concurrent.TimeUnit.SECONDS);
    }
}
