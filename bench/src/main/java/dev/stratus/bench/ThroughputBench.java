package dev.stratus.bench;

import dev.stratus.common.http.HttpConnection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Requests per second at max_scale 2 through the gateway, against the same two instances called directly. */
final class ThroughputBench {
    private static final long RUN_NANOS = 5_000_000_000L;
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private final BenchContext context;

    ThroughputBench(BenchContext context) {
        this.context = context;
    }

    void run(Report report) throws Exception {
        Deployed function = context.deploy(context.namespace(), "node22", "\"min_scale\": 2, \"max_scale\": 2");
        List<Path> sockets = awaitTwo(function);
        perSecond(4, i -> context.gateway(), function, WARM_UP_NANOS); // the JIT compiles both paths first
        perSecond(2, i -> HttpConnection.open(sockets.get(i % sockets.size())), function, WARM_UP_NANOS);
        double direct = perSecond(sockets.size(), i -> HttpConnection.open(sockets.get(i % sockets.size())),
                function, RUN_NANOS);
        double gateway = perSecond(4, i -> context.gateway(), function, RUN_NANOS);
        report.add("throughput node22, max_scale 2 (4 clients)", String.format("%.0f req/s", gateway),
                String.format("direct to the 2 sockets %.0f req/s; ratio %.2f", direct, gateway / direct));
    }

    private interface Connector {
        HttpConnection open(int client) throws Exception;
    }

    private double perSecond(int clients, Connector connector, Deployed function, long runNanos) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            long end = start + runNanos;
            List<Future<Integer>> counts = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                Callable<Integer> loop = () -> {
                    int done = 0;
                    try (HttpConnection connection = connector.open(client)) {
                        while (System.nanoTime() < end) {
                            LatencyBench.check(BenchContext.get(connection, function.domain()));
                            done++;
                        }
                    }
                    return done;
                };
                counts.add(threads.submit(loop));
            }
            long total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    private List<Path> awaitTwo(Deployed function) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<Path> sockets = context.sandbox().sockets(function);
        while (sockets.size() < 2 && System.nanoTime() < deadline) {
            LatencyBench.pause();
            sockets = context.sandbox().sockets(function);
        }
        if (sockets.size() < 2) {
            throw new IllegalStateException("min_scale 2 did not give two instances: " + sockets);
        }
        return sockets;
    }
}
