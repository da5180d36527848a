package dev.stratus.bench;

import dev.stratus.testkit.client.FunctionZips;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Scaling under load through the gateway: a 10x step in concurrency (how soon new instances serve, and the errors),
 * then back down (the scale-down must cut nothing), then a redeploy under load (nothing may fail).
 */
final class ScaleBench {
    private static final String SLEEPER = """
            const instance = Math.random().toString(36).slice(2);
            module.exports.handle = async () => {
              await new Promise((resolve) => setTimeout(resolve, 50));
              return { statusCode: 200, body: instance + ":" + process.env.GREETING };
            };
            """;
    private final BenchContext context;

    ScaleBench(BenchContext context) {
        this.context = context;
    }

    void run(Report report) throws Exception {
        String namespace = context.api().createNamespace("\"environment_variables\": {\"GREETING\": \"v1\"}");
        var created = context.api().createFunction(namespace, "scaling", "node22", "public");
        String id = created.get("id").asText();
        context.api().patch("/functions/" + id, "{\"max_scale\": 10, \"redeploy\": false}");
        var ready = context.api().uploadAndDeploy(id, FunctionZips.of(Map.of("handler.js", SLEEPER)),
                BenchContext.DEPLOY_TIMEOUT);
        Deployed function = Deployed.of(ready, SLEEPER);
        try (LoadClients load = new LoadClients(context, function, "/")) {
            load.setClients(1);
            await(Duration.ofSeconds(3));
            Set<String> before = Set.copyOf(load.firstAnswerNanos.keySet());
            long failedBefore = load.failed.get();
            long step = System.nanoTime();
            load.setClients(10);
            await(Duration.ofSeconds(10));
            long firstNew = load.firstAnswerNanos.entrySet().stream().filter(e -> !before.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).min().orElse(Long.MAX_VALUE);
            long sixth = load.firstAnswerNanos.values().stream().sorted().skip(5).findFirst().orElse(Long.MAX_VALUE);
            report.add("scale-up: 1 → 10 clients (50 ms handler, max_scale 10)",
                    String.format("first new instance serves after %.0f ms; 6 instances after %.0f ms",
                            (firstNew - step) / 1e6, (sixth - step) / 1e6),
                    String.format("%d instances in all; %d failed of %d", load.firstAnswerNanos.size(),
                            load.failed.get() - failedBefore, load.ok.get() + load.failed.get()));

            long okBefore = load.ok.get();
            failedBefore = load.failed.get();
            load.setClients(2);
            await(Duration.ofSeconds(15));
            report.add("scale-down: 10 → 2 clients for 15 s", String.format("%d failed of %d",
                    load.failed.get() - failedBefore, load.ok.get() - okBefore + load.failed.get() - failedBefore),
                    "stable window 6 s, scale-down delay 2 s in this run");

            load.setClients(4);
            okBefore = load.ok.get();
            failedBefore = load.failed.get();
            long redeploy = System.nanoTime();
            context.api().patch("/functions/" + id,
                    "{\"environment_variables\": {\"GREETING\": \"v2\"}, \"redeploy\": true}");
            while (load.bodies.stream().noneMatch(b -> b.endsWith(":v2"))) {
                LatencyBench.pause();
            }
            long switched = System.nanoTime();
            await(Duration.ofSeconds(2));
            report.add("redeploy under load (4 clients)", String.format("%d failed of %d",
                    load.failed.get() - failedBefore, load.ok.get() - okBefore + load.failed.get() - failedBefore),
                    String.format("new revision served %.0f ms after the PATCH", (switched - redeploy) / 1e6));
        }
    }

    private static void await(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            LatencyBench.pause();
        }
    }
}
