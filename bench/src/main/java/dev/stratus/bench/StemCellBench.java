package dev.stratus.bench;

import dev.stratus.common.http.HttpConnection;
import dev.stratus.runtime.instance.Instance;
import dev.stratus.runtime.instance.InstanceOutput;
import dev.stratus.runtime.instance.InstanceSpec;
import dev.stratus.runtime.instance.ProcessBackend;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start with and without stem cells, through the runtime's own backend: from asking for an instance to its
 * first response (the floor of {@link LatencyBench}, the gateway left out). Rounds alternate between the two, each
 * started once the cell taken before has been replaced, so neither pays for the other's refill.
 */
final class StemCellBench {
    private static final int WARM_UP_ROUNDS = 3;
    private final BenchContext context;

    StemCellBench(BenchContext context) {
        this.context = context;
    }

    void run(Report report) throws Exception {
        String namespace = context.namespace();
        ProcessBackend fromScratch = new ProcessBackend(context.sandbox().dirs(), 65534);
        ProcessBackend withCells = new ProcessBackend(context.sandbox().dirs(), 65534, 1, InstanceOutput.NONE);
        try {
            for (String runtime : new String[] {"node22", "python311"}) {
                InstanceSpec spec = spec(context.deploy(namespace, runtime, ""));
                // the first start teaches the backend the wrapper's kind; all of them warm the JIT on both paths
                for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                    coldStart(withCells, spec);
                    coldStart(fromScratch, spec);
                }
                Samples scratch = new Samples();
                Samples cells = new Samples();
                for (int i = 0; i < context.rounds(); i++) {
                    awaitCell(withCells, spec);
                    scratch.addNanos(coldStart(fromScratch, spec));
                    awaitCell(withCells, spec);
                    cells.addNanos(coldStart(withCells, spec));
                }
                report.add("cold start " + runtime + " from a stem cell (no gateway)", cells.toString(),
                        String.format("from scratch %s; p50 %.2f ms less", scratch, scratch.p50() - cells.p50()));
            }
        } finally {
            withCells.stopAll();
            fromScratch.stopAll();
        }
    }

    private InstanceSpec spec(Deployed function) {
        var env = Map.of("FN_HANDLER", "handler.handle", "FN_CODE_DIR", "/fn", "TZ", "UTC", "FN_NAME", "floor");
        return new InstanceSpec(function.id(), 0, context.sandbox().revision(function), function.command(), "/fn",
                env, 256);
    }

    /** Nanoseconds from asking for an instance to its first response. */
    private static long coldStart(ProcessBackend backend, InstanceSpec spec) throws Exception {
        long start = System.nanoTime();
        Instance instance = backend.start(spec);
        try {
            instance.ready().get(30, TimeUnit.SECONDS);
            try (HttpConnection connection = HttpConnection.open(instance.socket())) {
                LatencyBench.check(BenchContext.get(connection, "floor"));
            }
            return System.nanoTime() - start;
        } finally {
            instance.stop();
            instance.exited().get(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitCell(ProcessBackend backend, InstanceSpec spec) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (backend.readyStemCells(spec) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no stem cell became ready for " + spec.command());
            }
            LatencyBench.pause();
        }
    }
}
