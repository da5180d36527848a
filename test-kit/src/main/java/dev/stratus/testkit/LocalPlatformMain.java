package dev.stratus.testkit;

import dev.stratus.testkit.LocalPlatform.Service;
import sun.misc.Signal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/stratus up}: the platform configured from the environment, in the foreground until Ctrl-C or SIGTERM.
 * Ports: {@code STRATUS_API_PORT} (8080), {@code STRATUS_GATEWAY_PORT} (8081), each service's own variable
 * ({@code STRATUS_BUILDER_PORT}...), {@code STRATUS_POSTGRES_PORT} and {@code STRATUS_KAFKA_PORT} (free ones).
 * Also {@code STRATUS_DATA_DIR} ({@code .stratus} in the checkout), {@code STRATUS_SECRET_KEY} (kept in the data
 * dir when unset) and {@code STRATUS_FUNCTIONS_DOMAIN} (functions.localhost).
 */
public final class LocalPlatformMain {
    public static final String READY = "Stratus is ready";

    public static void main(String[] args) throws InterruptedException {
        LocalPlatformOptions options;
        try {
            options = options(System.getenv());
            checkPortsFree(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        LocalPlatform platform;
        try {
            platform = LocalPlatform.start(options);
        } catch (RuntimeException e) {
            System.err.println("Stratus did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stop = onSignals();
        printSummary(platform, Duration.ofNanos(System.nanoTime() - started));
        stop.await();
        System.out.println("Stopping Stratus");
        platform.close();
        System.out.println("Stratus stopped");
        System.exit(0);
    }

    static LocalPlatformOptions options(Map<String, String> env) {
        Path home = LocalPlatformFiles.home();
        LocalPlatformOptions options = new LocalPlatformOptions()
                .home(home)
                .dataDir(Path.of(env.getOrDefault("STRATUS_DATA_DIR", home.resolve(".stratus").toString())))
                .gatewayPort(port(env, "STRATUS_GATEWAY_PORT", 8081))
                .postgresPort(port(env, "STRATUS_POSTGRES_PORT", 0))
                .kafkaPort(port(env, "STRATUS_KAFKA_PORT", 0))
                .natsPort(port(env, "STRATUS_NATS_PORT", 4222))
                .sqsPort(port(env, "STRATUS_SQS_PORT", 9324))
                .secretKey(env.get("STRATUS_SECRET_KEY"))
                .functionsDomain(env.getOrDefault("STRATUS_FUNCTIONS_DOMAIN", "functions.localhost"));
        for (Service service : Service.values()) {
            options.port(service, port(env, service.portVariable(), service.defaultPort()));
        }
        return options;
    }

    /**
     * Each fixed port must be free before anything starts: a service that cannot bind would otherwise fail long
     * after PostgreSQL and Kafka started, and say so at the end of a stack trace.
     */
    static void checkPortsFree(Map<String, String> env) {
        Map<String, Integer> fixed = new java.util.LinkedHashMap<>();
        fixed.put("STRATUS_API_PORT", port(env, "STRATUS_API_PORT", Service.API.defaultPort()));
        fixed.put("STRATUS_GATEWAY_PORT", port(env, "STRATUS_GATEWAY_PORT", 8081));
        for (Service service : Service.values()) {
            fixed.putIfAbsent(service.portVariable(), port(env, service.portVariable(), service.defaultPort()));
        }
        if (env.getOrDefault(ManagedQueues.NATS_URL, "").isBlank()) {
            fixed.put("STRATUS_NATS_PORT", port(env, "STRATUS_NATS_PORT", 4222));
        }
        if (env.getOrDefault(ManagedQueues.SQS_ENDPOINT, "").isBlank()) {
            fixed.put("STRATUS_SQS_PORT", port(env, "STRATUS_SQS_PORT", 9324));
        }
        fixed.put("STRATUS_POSTGRES_PORT", port(env, "STRATUS_POSTGRES_PORT", 0));
        fixed.put("STRATUS_KAFKA_PORT", port(env, "STRATUS_KAFKA_PORT", 0));
        fixed.forEach((variable, port) -> {
            if (port != 0 && !isFree(port)) {
                throw new IllegalArgumentException("Port " + port + " is already in use (another Stratus?): stop "
                        + "what holds it or set " + variable + " to another port");
            }
        });
    }

    private static boolean isFree(int port) {
        try (var socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number (0 picks a free one), got '" + value + "'");
    }

    /**
     * Replaces the JVM's own handlers, which would run every shutdown hook at once: Kafka and PostgreSQL would
     * stop under services still shutting down. A second signal ends at once; the children see their pipes
     * close and stop by themselves.
     */
    private static CountDownLatch onSignals() {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[]{"INT", "TERM", "HUP"}) {
            Signal.handle(new Signal(name), signal -> {
                if (stop.getCount() == 0) {
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                }
                stop.countDown();
            });
        }
        return stop;
    }

    private static void printSummary(LocalPlatform platform, Duration took) {
        String gateway = platform.gatewayUrl();
        System.out.printf("%-16s %s   (X-Auth-Token: %s)%n", "Stratus API", platform.apiUrl(), platform.secretKey());
        System.out.printf("%-16s %s   functions at http://<namespace><random>-<function>.%s:%d%n", "Gateway", gateway,
                platform.functionsDomain(), platform.gatewayPort());
        System.out.printf("%-16s %s   PostgreSQL %s (user postgres)%n", "Kafka", platform.kafkaBootstrapServers(),
                platform.postgres().jdbcUrl(LocalPlatform.API_DATABASE).replaceFirst("\\?.*", ""));
        platform.natsUrl().ifPresent(url -> System.out.printf("%-16s %s   (JetStream, for scw_nats_config triggers)%n",
                "NATS", url));
        platform.sqsEndpoint().ifPresent(url -> System.out.printf(
                "%-16s %s   (SQS API, any credentials, for scw_sqs_config triggers)%n", "SQS", url));
        System.out.printf("%-16s %s   logs in %s%n", "Data", platform.dataDir(), platform.logDir());
        System.out.printf("Started in %.1f s%n", took.toMillis() / 1000.0);
        System.out.println(READY);
        System.out.flush();
    }

    private LocalPlatformMain() {
    }
}
