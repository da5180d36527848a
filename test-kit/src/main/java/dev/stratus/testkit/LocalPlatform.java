package dev.stratus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform on one machine: PostgreSQL, a Kafka broker and the five services, each its own process tied
 * to this JVM (none outlives it, even after {@code kill -9}). {@code bin/stratus up} runs it through
 * {@link LocalPlatformMain}; end-to-end tests start it with {@link #start(LocalPlatformOptions)}.
 * <p>
 * The data directory holds {@code postgres/}, {@code kafka/}, {@code logs/<service>.log}, the API key
 * ({@code secret.key}) and the master key, beside what the services keep there themselves.
 */
public final class LocalPlatform implements AutoCloseable {
    /** The five services: each its own JVM, all started together once PostgreSQL and Kafka are up. */
    public enum Service {
        API("api-service", "dev.stratus.api.Application", "STRATUS_API_PORT", 8080),
        BUILDER("builder-service", "dev.stratus.builder.Application", "STRATUS_BUILDER_PORT", 8090),
        SCHEDULER("scheduler-service", "dev.stratus.scheduler.Application", "STRATUS_SCHEDULER_PORT", 8091),
        TRIGGER("trigger-service", "dev.stratus.trigger.Application", "STRATUS_TRIGGER_PORT", 8092),
        RUNTIME("runtime-service", "dev.stratus.runtime.Application", "STRATUS_RUNTIME_PORT", 8093);

        private final String module;
        private final String mainClass;
        private final String portVariable;
        private final int defaultPort;

        Service(String module, String mainClass, String portVariable, int defaultPort) {
            this.module = module;
            this.mainClass = mainClass;
            this.portVariable = portVariable;
            this.defaultPort = defaultPort;
        }

        public String module() {
            return module;
        }

        public String mainClass() {
            return mainClass;
        }

        /** The variable the service reads its HTTP port from (health included). */
        public String portVariable() {
            return portVariable;
        }

        /** The port in the service's own configuration, which {@code bin/stratus} keeps. */
        public int defaultPort() {
            return defaultPort;
        }
    }

    static final String TEMP_PREFIX = "stratus-platform";
    /** Where throw-away platforms keep Node.js releases; downloads are verified, so sharing them is safe. */
    public static final Path SHARED_RUNTIMES = Path.of(System.getProperty("java.io.tmpdir"), "stratus-test-runtimes");
    static final String API_DATABASE = "stratus_api";
    static final String SCHEDULER_DATABASE = "stratus_scheduler";

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final String secretKey;
    private final int gatewayPort;
    private final String functionsDomain;
    private final Duration startTimeout;
    private final Thread shutdownHook = new Thread(this::close, "local-platform-stop");
    // written by the starting thread, read by close(), which a shutdown hook may run during the start
    private volatile Map<Service, ServiceProcess> services = Map.of();
    private final List<ServiceProcess> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Path home;
    private Map<Service, Map<String, String>> extraEnv = Map.of();
    private final PlatformServers servers = new PlatformServers();
    private volatile boolean closed;

    private LocalPlatform(Path dataDir, boolean ownsDataDir, String secretKey, LocalPlatformOptions options) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.secretKey = secretKey;
        this.gatewayPort = portOrFree(options.gatewayPort());
        this.functionsDomain = options.functionsDomain();
        this.startTimeout = options.startTimeout();
    }

    /** Starts everything and returns once every service answers its health check; on failure stops it all. */
    public static LocalPlatform start(LocalPlatformOptions options) {
        Path home = options.home() != null ? options.home() : LocalPlatformFiles.home();
        boolean owns = options.dataDir() == null;
        Path dataDir = owns ? WorkDirs.createTemp(TEMP_PREFIX) : options.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalPlatform platform = new LocalPlatform(dataDir, owns,
                LocalPlatformFiles.secretKey(dataDir, options.secretKey()), options);
        LocalPlatformFiles.ensureMasterKey(dataDir);
        Runtime.getRuntime().addShutdownHook(platform.shutdownHook);
        try {
            platform.servers.start(dataDir, options);
            platform.servers.postgres().newDatabase(API_DATABASE);
            platform.servers.postgres().newDatabase(SCHEDULER_DATABASE);
            platform.ensureOpen();
            platform.defineServices(home, options.env(), options.ports());
            platform.startAll();
            platform.ensureOpen();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** A shutdown hook may close the platform while it starts: then nothing more is started. */
    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the platform was stopped while starting");
        }
    }

    private void defineServices(Path home, Map<Service, Map<String, String>> extraEnv, Map<Service, Integer> ports) {
        this.home = home;
        this.extraEnv = extraEnv;
        Map<Service, ServiceProcess> defined = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            int port = portOrFree(ports.getOrDefault(service, 0));
            Map<String, String> env = new HashMap<>(environment(service, port));
            env.putAll(extraEnv.getOrDefault(service, Map.of()));
            defined.put(service, new ServiceProcess(service, port, home, env, dataDir, dataDir.resolve("logs")));
        }
        services = Collections.unmodifiableMap(defined);
    }

    private Map<String, String> environment(Service service, int port) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", servers.kafka().bootstrapServers(),
                "STRATUS_DATA_DIR", dataDir.toString(),
                "STRATUS_FUNCTIONS_DOMAIN", functionsDomain,
                service.portVariable(), Integer.toString(port)));
        switch (service) {
            case API -> {
                env.putAll(jdbc("STRATUS_API_", API_DATABASE));
                env.put("STRATUS_SECRET_KEY", secretKey);
                // upload URLs must name a host clients reach; set STRATUS_API_PUBLIC_URL for other machines
                env.put("STRATUS_API_PUBLIC_URL", System.getenv()
                        .getOrDefault("STRATUS_API_PUBLIC_URL", "http://127.0.0.1:" + port));
            }
            case SCHEDULER -> env.putAll(jdbc("STRATUS_SCHEDULER_", SCHEDULER_DATABASE));
            // throw-away platforms (tests, benchmarks) share one verified copy of the pinned Node.js releases
            // instead of downloading ~50 MB per release into each data dir
            case BUILDER -> {
                if (ownsDataDir && !System.getenv().containsKey("STRATUS_RUNTIMES_DIR")) {
                    env.put("STRATUS_RUNTIMES_DIR", SHARED_RUNTIMES.toString());
                }
            }
            case RUNTIME -> env.put("STRATUS_GATEWAY_PORT", Integer.toString(gatewayPort));
            case TRIGGER -> {
                env.put("STRATUS_GATEWAY_URL", gatewayUrl());
                env.putAll(servers.queueEnvironment());
            }
            default -> {
            }
        }
        return env;
    }

    private Map<String, String> jdbc(String prefix, String database) {
        Postgres postgres = servers.postgres();
        return Map.of(prefix + "JDBC_URL", postgres.jdbcUrl(database),
                prefix + "JDBC_USER", postgres.username(),
                prefix + "JDBC_PASSWORD", postgres.password());
    }

    /** On the first failure the caller closes the platform, which cuts the other starts short. */
    private void startAll() {
        Concurrently.joinUntilFailure(services.values().stream()
                .map(s -> Concurrently.inThread("start-" + s.service().module(), () -> s.start(startTimeout)))
                .toList());
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + port(Service.API);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    /** Functions answer at {@code <domain_name>}, a host under this domain, on the gateway port. */
    public String functionsDomain() {
        return functionsDomain;
    }

    /** The API key: send it as {@code X-Auth-Token}. */
    public String secretKey() {
        return secretKey;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public String kafkaBootstrapServers() {
        return servers.kafka().bootstrapServers();
    }

    /** The managed NATS server's URL, when this platform started one. */
    public java.util.Optional<String> natsUrl() {
        return servers.natsUrl();
    }

    /** The managed SQS endpoint, when this platform started one. */
    public java.util.Optional<String> sqsEndpoint() {
        return servers.sqsEndpoint();
    }

    public Postgres postgres() {
        return servers.postgres();
    }

    public KafkaBroker kafka() {
        return servers.kafka();
    }

    /** The HTTP port a service listens on (the runtime's management port; see {@link #gatewayPort()}). */
    public int port(Service service) {
        return services.get(service).port();
    }

    public Path log(Service service) {
        return services.get(service).log();
    }

    public boolean isRunning(Service service) {
        return services.get(service).isRunning();
    }

    public long pid(Service service) {
        return services.get(service).pid();
    }

    /** Stops one service cleanly, as in an outage; {@link #start(Service)} brings it back on the same port. */
    public void stop(Service service) {
        services.get(service).stop();
    }

    /** Starts a stopped service and waits for its health check. */
    public void start(Service service) {
        services.get(service).start(startTimeout);
    }

    public void restart(Service service) {
        stop(service);
        start(service);
    }

    /** A running copy of a service. */
    public interface Replica extends AutoCloseable {
        /** Stops it cleanly. */
        @Override
        void close();
    }

    /**
     * Starts one more process of {@code service}, configured as the first (on a free port of its own, its log
     * under {@code logs/replica-<n>/}), and waits for its health check; {@link #close()} stops it too.
     */
    public Replica startReplica(Service service) {
        ensureOpen();
        int port = portOrFree(0);
        Map<String, String> env = new HashMap<>(environment(service, port));
        env.putAll(extraEnv.getOrDefault(service, Map.of()));
        Path logDir = dataDir.resolve("logs").resolve("replica-" + (replicas.size() + 1));
        ServiceProcess replica = new ServiceProcess(service, port, home, env, dataDir, logDir);
        replicas.add(replica);
        replica.start(startTimeout);
        return replica::stop;
    }

    /** Stops the services (together), then Kafka, then PostgreSQL; deletes a data dir it created. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Concurrently.joinAll(java.util.stream.Stream.concat(services.values().stream(), replicas.stream())
                    .map(s -> Concurrently.inThread("stop-" + s.service().module(), s::stop))
                    .toList());
        } finally {
            closeServers();
        }
    }

    private void closeServers() {
        try {
            servers.close();
        } finally {
            if (ownsDataDir) {
                WorkDirs.deleteTree(dataDir);
            }
            removeShutdownHook();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // we are the hook, or the JVM is exiting anyway
        }
    }

    private static int portOrFree(int port) {
        return port == 0 ? KafkaBroker.freePort() : port;
    }
}
