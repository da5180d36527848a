package dev.stratus.bench;

import dev.stratus.testkit.LocalPlatform;
import dev.stratus.testkit.LocalPlatformOptions;
import dev.stratus.testkit.client.FunctionsApi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/stratus bench}: starts a platform of its own (free ports, throw-away data dir), deploys hello-world
 * functions and prints the figures the README's Performance section reports, with their ratios to the floor.
 */
public final class Bench {
    /** Every scenario, in the order a full run takes them; {@code bin/stratus bench <rounds> <name>...} picks some. */
    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("deploy", (context, report) -> new DeployBench(context).run(report));
        SCENARIOS.put("latency", (context, report) -> new LatencyBench(context).run(report));
        SCENARIOS.put("stem-cells", (context, report) -> new StemCellBench(context).run(report));
        SCENARIOS.put("throughput", (context, report) -> new ThroughputBench(context).run(report));
        SCENARIOS.put("scale", (context, report) -> new ScaleBench(context).run(report));
        SCENARIOS.put("triggers", (context, report) -> new TriggerBench(context).run(report));
        SCENARIOS.put("crons", (context, report) -> new CronBench(context).run(report));
    }

    private interface Scenario {
        void run(BenchContext context, Report report) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        // functions are addressed by Host header, which the JDK client only sends when allowed
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> scenarios = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.copyOf(SCENARIOS.keySet());
        for (String name : scenarios) {
            if (!SCENARIOS.containsKey(name)) {
                throw new IllegalArgumentException("no scenario " + name + "; there are " + SCENARIOS.keySet());
            }
        }
        // the platform's runtime inherits this environment: STRATUS_STEM_CELLS=0 measures cold starts without cells
        System.out.println("Starting a platform for the benchmark (stem cells per kind: "
                + System.getenv().getOrDefault("STRATUS_STEM_CELLS", "the runtime's default") + ")...");
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatformOptions()
                // a short idle timeout lets cold starts be measured back to back
                .env(LocalPlatform.Service.RUNTIME, "STRATUS_IDLE_TIMEOUT", "1s")
                // scale-down within the benchmark's time rather than after Knative's 60 s stable window
                .env(LocalPlatform.Service.RUNTIME, "STRATUS_STABLE_WINDOW", "6s")
                .env(LocalPlatform.Service.RUNTIME, "STRATUS_SCALE_DOWN_DELAY", "2s")
                // the cron benchmark ticks every second, with the seconds field only schedulers started so accept
                .env(LocalPlatform.Service.SCHEDULER, "STRATUS_CRON_ALLOW_SECONDS", "true"))) {
            FunctionsApi api = new FunctionsApi(platform.apiUrl(), platform.gatewayUrl(), platform.secretKey());
            var context = new BenchContext(platform, api, new Sandbox(platform.dataDir()), rounds);
            Report report = new Report();
            for (String name : scenarios) {
                SCENARIOS.get(name).run(context, report);
            }
            report.print();
        }
    }
}
