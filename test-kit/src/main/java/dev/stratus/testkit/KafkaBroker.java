package dev.stratus.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A real Apache Kafka 4.x broker (KRaft, broker and controller in one) in its own JVM, on free loopback ports.
 * Its classpath is resolved by Maven apart from the services' kafka-clients. {@link #stop()} keeps ports and data,
 * so {@link #restart()} brings the same broker back, as after an outage.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final int port;
    private final String clusterId;
    private ChildProcess process;

    private KafkaBroker(Path workDir, boolean ownsWorkDir, int port, String clusterId) {
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.port = port;
        this.clusterId = clusterId;
    }

    /** A broker with a throw-away directory, deleted on {@link #close()}. */
    public static KafkaBroker start() {
        try {
            return start(Files.createTempDirectory("stratus-kafka"), true, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker keeping its data in {@code workDir} across runs (the local platform), on {@code port} or a free one. */
    public static KafkaBroker start(Path workDir, int port) {
        return start(workDir, false, port == 0 ? freePort() : port);
    }

    private static KafkaBroker start(Path workDir, boolean owns, int port) {
        try {
            Files.createDirectories(workDir);
            Path idFile = workDir.resolve("cluster.id");
            if (!Files.exists(idFile)) {
                byte[] id = new byte[16];
                new SecureRandom().nextBytes(id);
                Files.writeString(idFile, Base64.getUrlEncoder().withoutPadding().encodeToString(id));
            }
            KafkaBroker broker = new KafkaBroker(workDir, owns, port, Files.readString(idFile).trim());
            broker.writeConfig(freePort());
            broker.launch();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The broker JVM's pid, to check it is gone after its parent dies. */
    public synchronized long pid() {
        return process.pid();
    }

    /** A clean shutdown; data and ports are kept for {@link #restart()}. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        }
    }

    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public synchronized void close() {
        stop();
        if (ownsWorkDir) {
            deleteTree(workDir);
        }
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + workDir.resolve("log4j2.properties"),
                "-cp", classpath(), BrokerMain.class.getName(),
                workDir.resolve("server.properties").toString(), clusterId, workDir.resolve("logs").toString()));
        process = ChildProcess.start(command, workDir.resolve("broker.log"), "Kafka Server started", START_TIMEOUT);
    }

    private void writeConfig(int controllerPort) throws IOException {
        Path config = workDir.resolve("server.properties");
        if (!Files.exists(config)) {
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "log.dirs=" + workDir.resolve("logs"),
                    "num.partitions=1",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=true",
                    "log.cleaner.backoff.ms=1000",
                    ""));
        }
        Files.writeString(workDir.resolve("log4j2.properties"), String.join("\n",
                "appender.out.type=Console",
                "appender.out.name=out",
                "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=%d %p %c{1} %m%n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.out.ref=out",
                // the readiness line comes from this logger
                "logger.server.name=kafka.server.KafkaRaftServer",
                "logger.server.level=INFO",
                ""));
    }

    /** test-kit's own classes plus the broker jars Maven resolved when this module was built. */
    private static String classpath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath is missing: build test-kit with Maven");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            Path self = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self + java.io.File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is not worth failing a run for
        }
    }
}
