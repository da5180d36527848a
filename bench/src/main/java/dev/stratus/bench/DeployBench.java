package dev.stratus.bench;

/** Deploy time: from the code upload to the function's {@code ready}, through builder and runtime. */
final class DeployBench {
    private final BenchContext context;

    DeployBench(BenchContext context) {
        this.context = context;
    }

    void run(Report report) {
        String namespace = context.namespace();
        for (String runtime : new String[] {"node22", "python311"}) {
            Samples deploys = new Samples();
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                context.deploy(namespace, runtime, "");
                deploys.addNanos(System.nanoTime() - start);
            }
            report.add("deploy " + runtime + " (upload → ready)", deploys.toString(), "status polled every 100 ms");
        }
    }
}
