package dev.stratus.testkit;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real NATS server with JetStream: Debian's {@code nats-server -js} on loopback, a free client port (or a given
 * one) and a free monitoring port, storing streams under a throw-away work directory ({@code store/},
 * {@code nats.log}). {@link #stop()} keeps ports and data, so {@link #restart()} brings the same server back, as
 * after an outage.
 * <p>
 * nats-server does not watch its stdin, so a small shell sits between it and this JVM: it waits for EOF on the
 * pipe from this JVM, which closes however the JVM dies (kill -9 included), then stops the server.
 */
public final class Nats implements AutoCloseable {
    static final String TEMP_PREFIX = "stratus-nats";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String READY_LINE = "Server is ready";
    /** $1 is the binary, the rest its arguments; the server gets SIGTERM, its graceful stop, once stdin closes. */
    private static final String SUPERVISOR = "\"$@\" </dev/null & server=$!\n"
            + "while read -r _; do :; done\n"
            + "kill -TERM \"$server\" 2>/dev/null; wait \"$server\"";

    private final Path workDir;
    private final boolean ownsWorkDir;
    private final int port;
    private final int monitorPort;
    private final Thread shutdownHook = new Thread(this::close, "nats-stop");
    private ChildProcess process;

    private Nats(Path workDir, boolean ownsWorkDir, int port, int monitorPort) {
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.port = port;
        this.monitorPort = monitorPort;
    }

    /** A server on a free port in a throw-away directory under java.io.tmpdir, deleted by {@link #close()}. */
    public static Nats start() {
        return start(0);
    }

    /** As {@link #start()}, on a given client port (0 picks a free one), e.g. one a client already tries. */
    public static Nats start(int port) {
        return start(new Nats(WorkDirs.createTemp(TEMP_PREFIX), true, port == 0 ? KafkaBroker.freePort() : port,
                KafkaBroker.freePort()));
    }

    /**
     * A server that keeps its streams in {@code workDir} across runs (the local platform's managed NATS);
     * {@link #close()} leaves the folder.
     */
    public static Nats startIn(Path workDir, int port) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return start(new Nats(workDir, false, port == 0 ? KafkaBroker.freePort() : port, KafkaBroker.freePort()));
    }

    private static Nats start(Nats nats) {
        Path binary = binary();
        Runtime.getRuntime().addShutdownHook(nats.shutdownHook);
        try {
            nats.launch(binary);
        } catch (RuntimeException e) {
            // keep the directory for its nats.log; the sweep deletes it once this JVM is gone
            nats.removeShutdownHook();
            throw e;
        }
        return nats;
    }

    /** Debian installs it in /usr/sbin, which is not on every PATH. */
    static Path binary() {
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/sbin/nats-server")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "nats-server")));
        return candidates.filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                "nats-server is missing: install the Debian package nats-server"));
    }

    /** The client URL, as jnats wants it. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int monitorPort() {
        return monitorPort;
    }

    public Path workDir() {
        return workDir;
    }

    /** Where JetStream keeps streams and consumers. */
    public Path storeDir() {
        return workDir.resolve("store");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The server's own pid (not the supervising shell's), e.g. to check that it is gone after its parent died. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("the NATS server is stopped");
        }
        return serverProcess().map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("the NATS server exited; see " + log()));
    }

    /** A graceful stop; ports and stored streams are kept for {@link #restart()}. */
    public synchronized void stop() {
        if (process != null) {
            Optional<ProcessHandle> server = serverProcess();
            process.stop(STOP_GRACE);
            // the shell is gone; should it have been killed before it could stop the server, do that here
            server.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
            server.ifPresent(handle -> handle.onExit().orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(timeout -> handle).join());
            process = null;
        }
    }

    /** Starts the server again on the same ports and data; clients reconnect by themselves. */
    public synchronized void restart() {
        stop();
        launch(binary());
    }

    /** Stops the server and deletes its work directory, unless it was given one to keep. */
    @Override
    public synchronized void close() {
        stop();
        if (ownsWorkDir) {
            WorkDirs.deleteTree(workDir);
        }
        removeShutdownHook();
    }

    private Optional<ProcessHandle> serverProcess() {
        return ProcessHandle.of(process.pid()).flatMap(shell -> shell.children().findFirst());
    }

    private synchronized void launch(Path binary) {
        List<String> command = List.of("sh", "-c", SUPERVISOR, "nats-supervisor", binary.toString(),
                "-js", "-a", "127.0.0.1", "-p", Integer.toString(port), "-m", Integer.toString(monitorPort),
                "-sd", storeDir().toString());
        process = ChildProcess.start(command, log(), READY_LINE, START_TIMEOUT);
        try {
            awaitHealthy();
        } catch (RuntimeException e) {
            process.stop(STOP_GRACE);
            process = null;
            throw e;
        }
    }

    /** With JetStream on, /healthz answers 200 once JetStream is usable too. */
    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + "/healthz"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for NATS", e);
            }
            pause();
        }
        throw new IllegalStateException("/healthz of NATS on port " + monitorPort + " did not answer 200 within "
                + START_TIMEOUT + " (last: " + last + "); " + log() + " ends with:\n" + process.tail());
    }

    /** Between two polls of a deadline loop, so as not to hammer a server that is still starting. */
    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for NATS", e);
        }
    }

    private Path log() {
        return workDir.resolve("nats.log");
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // we are the hook, or the JVM is exiting anyway
        }
    }
}
