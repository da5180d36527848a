package dev.stratus.testkit;

import java.io.File;
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
import java.util.Base64;
import java.util.List;

/**
 * A real Apache Kafka 4.x broker (KRaft, broker and controller in one node) in its own JVM, on loopback ports.
 * Its classpath is the one Maven resolved for test-kit, kept apart from the services' kafka-clients.
 * <p>
 * The work directory holds {@code server.properties}, {@code cluster.id}, the partitions in {@code data/} and the
 * broker's output in {@code broker.log}. {@link #stop()} keeps data and ports, so {@link #restart()} brings the same
 * broker back, as after an outage. {@link #close()} deletes the work directory only when test-kit created it.
 */
public final class KafkaBroker implements AutoCloseable {
    static final String TEMP_PREFIX = "stratus-kafka";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String READY_LINE = "Kafka Server started";

    private final Path workDir;
    private final boolean ownsWorkDir;
    private final int port;
    private final String clusterId;
    private final Thread shutdownHook = new Thread(this::close, "kafka-broker-stop");
    private ChildProcess process;

    private KafkaBroker(Path workDir, boolean ownsWorkDir, int port, String clusterId) {
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.port = port;
        this.clusterId = clusterId;
    }

    /** A broker in a throw-away directory under java.io.tmpdir, deleted by {@link #close()}. */
    public static KafkaBroker start() {
        return start(WorkDirs.createTemp(TEMP_PREFIX), true, 0);
    }

    /** A broker on free ports keeping its data in {@code workDir} (reused if it holds one); never deleted. */
    public static KafkaBroker start(Path workDir) {
        return start(workDir, false, 0);
    }

    /** As {@link #start(Path)}, on a fixed client port (e.g. 9092 for a local platform); 0 picks a free one. */
    public static KafkaBroker start(Path workDir, int port) {
        return start(workDir, false, port);
    }

    private static KafkaBroker start(Path workDir, boolean owns, int port) {
        try {
            Files.createDirectories(workDir);
            KafkaBroker broker = new KafkaBroker(workDir, owns, port == 0 ? freePort() : port, clusterId(workDir));
            broker.writeConfig(freePort());
            Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
            try {
                broker.launch();
            } catch (RuntimeException e) {
                // keep the directory for its broker.log; the sweep deletes a temp one once this JVM is gone
                Runtime.getRuntime().removeShutdownHook(broker.shutdownHook);
                throw e;
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kafka needs a cluster id to format storage; a reused directory keeps its own. */
    private static String clusterId(Path workDir) throws IOException {
        Path idFile = workDir.resolve("cluster.id");
        if (!Files.exists(idFile)) {
            Files.writeString(idFile, newClusterId());
        }
        return Files.readString(idFile).trim();
    }

    /** Like Kafka's Uuid.randomUuid(): base64url of 16 random bytes, never starting with '-' (an option to CLIs). */
    private static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path workDir() {
        return workDir;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The broker JVM's pid, e.g. to check that it is gone after its parent died. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("the broker is stopped");
        }
        return process.pid();
    }

    /** A clean shutdown (the broker sees its stdin close); data and ports are kept for {@link #restart()}. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    /** Starts the broker again on the same ports and data; clients reconnect by themselves. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Stops the broker and deletes the work directory if {@link #start()} created it. */
    @Override
    public synchronized void close() {
        stop();
        if (ownsWorkDir) {
            WorkDirs.deleteTree(workDir);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // we are the hook, or the JVM is exiting anyway
        }
    }

    private synchronized void launch() {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // >= 256 MB heap: 192 MB fails in LogManager. SerialGC and C1 only start faster on small machines.
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED",
                "-Dlog4j2.configurationFile=" + workDir.resolve("log4j2.properties"),
                "-cp", classpath(), BrokerMain.class.getName(),
                workDir.resolve("server.properties").toString(), clusterId, workDir.resolve("data").toString());
        process = ChildProcess.start(command, workDir.resolve("broker.log"), READY_LINE, START_TIMEOUT);
    }

    private void writeConfig(int controllerPort) throws IOException {
        Files.writeString(workDir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                // a static quorum: formatting needs no --standalone, and the controller port may change between runs
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "log.dirs=" + workDir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                ""));
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
            return self + File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
