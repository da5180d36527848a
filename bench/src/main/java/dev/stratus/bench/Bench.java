package dev.stratus.bench;

import dev.stratus.testkit.LocalPlatform;
import dev.stratus.testkit.LocalPlatformOptions;
import dev.stratus.testkit.client.FunctionsApi;

import java.util.Locale;

/**
 * {@code bin/stratus bench}: starts a platform of its own (free ports, throw-away data dir), deploys hello-world
 * functions and prints the figures the README's Performance section reports, with their ratios to the floor.
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        // functions are addressed by Host header, which the JDK client only sends when allowed
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.out.println("Starting a platform for the benchmark...");
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatformOptions()
                // a short idle timeout lets cold starts be measured back to back
                .env(LocalPlatform.Service.RUNTIME, "STRATUS_IDLE_TIMEOUT", "1s")
                // scale-down within the benchmark's time rather than after Knative's 60 s stable window
                .env(LocalPlatform.Service.RUNTIME, "STRATUS_STABLE_WINDOW", "6s")
                .env(LocalPlatform.Service.RUNTIME, "STRATUS_SCALE_DOWN_DELAY", "2s"))) {
            FunctionsApi api = new FunctionsApi(platform.apiUrl(), platform.gatewayUrl(), platform.secretKey());
            var context = new BenchContext(platform, api, new Sandbox(platform.dataDir()), rounds);
            Report report = new Report();
            new DeployBench(context).run(report);
            new LatencyBench(context).run(report);
            new ThroughputBench(context).run(report);
            new ScaleBench(context).run(report);
            report.print();
        }
    }
}
