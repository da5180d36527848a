package dev.stratus.bench;

import dev.stratus.runtime.instance.InstanceOutput;
import dev.stratus.runtime.instance.InstanceSpec;
import dev.stratus.runtime.instance.ProcessBackend;

import java.time.Duration;

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
        ProcessBackend withCells = new ProcessBackend(context.sandbox().dirs(), 65534, 1,
                ProcessBackend.DEFAULT_MAX_PROCESSES, InstanceOutput.NONE);
        try {
            for (String runtime : new String[] {"node22", "python311"}) {
                InstanceSpec spec = LatencyBench.floorSpec(context, context.deploy(namespace, runtime, ""));
                // the first start teaches the backend the wrapper's kind; all of them warm the JIT on both paths
                for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                    LatencyBench.coldStart(withCells, spec);
                    LatencyBench.coldStart(fromScratch, spec);
                }
                Samples scratch = new Samples();
                Samples cells = new Samples();
                for (int i = 0; i < context.rounds(); i++) {
                    awaitCell(withCells, spec);
                    scratch.addNanos(LatencyBench.coldStart(fromScratch, spec));
                    awaitCell(withCells, spec);
                    cells.addNanos(LatencyBench.coldStart(withCells, spec));
                }
                report.add("cold start " + runtime + " from a stem cell (no gateway)", cells.toString(),
                        String.format("from scratch %s; p50 %.2f ms less", scratch, scratch.p50() - cells.p50()));
            }
        } finally {
            withCells.stopAll();
            fromScratch.stopAll();
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
