package dev.stratus.bench;

import dev.stratus.common.http.HttpConnection;
import dev.stratus.runtime.instance.Instance;
import dev.stratus.runtime.instance.InstanceSpec;
import dev.stratus.runtime.instance.ProcessBackend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start through the gateway against its floor (the same wrapper and handler started by hand in the same
 * sandbox, timed to its first response), and warm calls through the gateway against calls straight to the
 * instance's socket.
 */
final class LatencyBench {
    /* Steady state is what "warm" means: enough calls first for the JIT to compile both paths, gateway and client. */
    private static final int WARM_UP_CALLS = 2000;
    private final BenchContext context;

    LatencyBench(BenchContext context) {
        this.context = context;
    }

    void run(Report report) throws Exception {
        String namespace = context.namespace();
        ProcessBackend backend = new ProcessBackend(context.sandbox().dirs(), 65534);
        for (String runtime : new String[] {"node22", "python311"}) {
            Deployed atZero = context.deploy(namespace, runtime, "");
            Samples cold = cold(atZero);
            Samples floor = floor(backend, atZero);
            report.add("cold start " + runtime + ", request → response", cold.toString(),
                    String.format("floor %s; p50 ratio %.2f", floor, cold.p50() / floor.p50()));

            Deployed warm = context.deploy(namespace, runtime, "\"min_scale\": 1");
            Samples[] warmCalls = warm(warm);
            report.add("warm call " + runtime + " through the gateway", warmCalls[0].toString(),
                    String.format("direct to the socket %s; overhead p50 %+.2f ms, p99 %+.2f ms", warmCalls[1],
                            warmCalls[0].p50() - warmCalls[1].p50(), warmCalls[0].p99() - warmCalls[1].p99()));
        }
    }

    private Samples cold(Deployed function) throws Exception {
        Samples samples = new Samples();
        for (int i = 0; i < context.rounds(); i++) {
            awaitInstances(function, 0);
            try (HttpConnection gateway = context.gateway()) {
                long start = System.nanoTime();
                check(BenchContext.get(gateway, function.domain()));
                samples.addNanos(System.nanoTime() - start);
            }
        }
        return samples;
    }

    private Samples floor(ProcessBackend backend, Deployed function) throws Exception {
        InstanceSpec spec = floorSpec(context, function);
        Samples samples = new Samples();
        for (int i = 0; i < context.rounds(); i++) {
            samples.addNanos(coldStart(backend, spec));
        }
        return samples;
    }

    /** The function as the floor runs it, by hand: its revision's files, the wrapper's own environment. */
    static InstanceSpec floorSpec(BenchContext context, Deployed function) {
        var env = Map.of("FN_HANDLER", "handler.handle", "FN_CODE_DIR", "/fn", "TZ", "UTC", "FN_NAME", "floor");
        return new InstanceSpec(function.id(), 0, context.sandbox().revision(function), function.command(), "/fn",
                env, 256);
    }

    /** Nanoseconds from asking {@code backend} for an instance to its first response; the instance then stops. */
    static long coldStart(ProcessBackend backend, InstanceSpec spec) throws Exception {
        long start = System.nanoTime();
        Instance instance = backend.start(spec);
        try {
            instance.ready().get(30, TimeUnit.SECONDS);
            try (HttpConnection connection = HttpConnection.open(instance.socket())) {
                check(BenchContext.get(connection, "floor"));
            }
            return System.nanoTime() - start;
        } finally {
            instance.stop();
            instance.exited().get(10, TimeUnit.SECONDS);
        }
    }

    /** Interleaved, so both paths see the same machine state: [through the gateway, straight to the socket]. */
    private Samples[] warm(Deployed function) throws Exception {
        Path socket = awaitInstances(function, 1).getFirst();
        Samples viaGateway = new Samples();
        Samples direct = new Samples();
        try (HttpConnection gateway = context.gateway(); HttpConnection instance = HttpConnection.open(socket)) {
            int calls = Math.max(300, context.rounds() * 15);
            for (int i = 0; i < calls + WARM_UP_CALLS; i++) {
                long start = System.nanoTime();
                check(BenchContext.get(gateway, function.domain()));
                long middle = System.nanoTime();
                check(BenchContext.get(instance, function.domain()));
                long end = System.nanoTime();
                if (i >= WARM_UP_CALLS) {
                    viaGateway.addNanos(middle - start);
                    direct.addNanos(end - middle);
                }
            }
        }
        return new Samples[] {viaGateway, direct};
    }

    private List<Path> awaitInstances(Deployed function, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Path> sockets = context.sandbox().sockets(function);
        while (count == 0 ? !sockets.isEmpty() : sockets.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(function + " never got to " + count + " instances: " + sockets);
            }
            pause();
            sockets = context.sandbox().sockets(function);
        }
        return sockets;
    }

    static void check(int status) {
        if (status != 200) {
            throw new IllegalStateException("a benchmark call answered " + status);
        }
    }

    static void pause() {
        try {
            Thread.sleep(20); // pacing between polls of a condition with a deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
