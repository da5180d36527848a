package dev.stratus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real OCI registry: Debian's {@code docker-registry} (the CNCF distribution registry), serving plain HTTP on a
 * free loopback port with filesystem storage in a throw-away work directory ({@code config.yml}, {@code data/},
 * {@code registry.log}).
 * <p>
 * The registry binary does not watch its stdin, so a small shell sits between it and this JVM: it waits for EOF on
 * the pipe from this JVM, which closes however the JVM dies (kill -9 included), then stops the registry.
 */
public final class Registry implements AutoCloseable {
    static final String TEMP_PREFIX = "stratus-registry";
    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** $1 is the binary, $2 the config; the registry gets SIGTERM, its graceful stop, once stdin closes. */
    private static final String SUPERVISOR = "\"$1\" serve \"$2\" </dev/null & registry=$!\n"
            + "while read -r _; do :; done\n"
            + "kill -TERM \"$registry\" 2>/dev/null; wait \"$registry\"";

    private final Path workDir;
    private final int port;
    private final Thread shutdownHook = new Thread(this::close, "registry-stop");
    private ChildProcess process;

    private Registry(Path workDir, int port) {
        this.workDir = workDir;
        this.port = port;
    }

    /** A registry in a throw-away directory under java.io.tmpdir, deleted by {@link #close()}. */
    public static Registry start() {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package docker-registry");
        }
        Registry registry = new Registry(WorkDirs.createTemp(TEMP_PREFIX), KafkaBroker.freePort());
        try {
            registry.writeConfig();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(registry.shutdownHook);
        try {
            registry.launch();
        } catch (RuntimeException e) {
            // keep the directory for its registry.log; the sweep deletes it once this JVM is gone
            registry.removeShutdownHook();
            throw e;
        }
        return registry;
    }

    /** {@code 127.0.0.1:port}, as image references and Jib's registry name want it. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path workDir() {
        return workDir;
    }

    /** Where the registry keeps repositories and blobs. */
    public Path storageDir() {
        return workDir.resolve("data");
    }

    /** The registry's own pid (not the supervising shell's), e.g. to check that it is gone after its parent died. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("the registry is stopped");
        }
        return registryProcess().map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("the registry exited; see " + log()));
    }

    /** Stops the registry and deletes its work directory. */
    @Override
    public synchronized void close() {
        if (process != null) {
            Optional<ProcessHandle> registry = registryProcess();
            process.stop(STOP_GRACE);
            // the shell is gone; should it have been killed before it could stop the registry, do that here
            registry.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
            registry.ifPresent(handle -> handle.onExit().orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(timeout -> handle).join());
            process = null;
        }
        WorkDirs.deleteTree(workDir);
        removeShutdownHook();
    }

    private Optional<ProcessHandle> registryProcess() {
        return ProcessHandle.of(process.pid()).flatMap(shell -> shell.children().findFirst());
    }

    private void launch() {
        List<String> command = List.of("sh", "-c", SUPERVISOR, "registry-supervisor", BINARY.toString(),
                workDir.resolve("config.yml").toString());
        process = ChildProcess.start(command, log(), "listening on", START_TIMEOUT);
        try {
            awaitApi();
        } catch (RuntimeException e) {
            process.stop(STOP_GRACE);
            process = null;
            throw e;
        }
    }

    /** The log line comes right after the listener opens; the API answering is what clients need. */
    private void awaitApi() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + hostPort() + "/v2/"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
            pause();
        }
        throw new IllegalStateException("GET /v2/ on " + hostPort() + " did not answer 200 within " + START_TIMEOUT
                + " (last: " + last + "); " + log() + " ends with:\n" + process.tail());
    }

    /** Between two polls of a deadline loop, so as not to hammer a registry that is still starting. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the registry", e);
        }
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(storageDir());
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        Files.writeString(workDir.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log:",
                // info: the readiness line ("listening on") is logged at that level
                "  level: info",
                "  formatter: text",
                "  accesslog:",
                "    disabled: true",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + quoted(storageDir()),
                "  delete:",
                "    enabled: true",
                "  maintenance:",
                // a throw-away registry never lives long enough for stale uploads to matter
                "    uploadpurging:",
                "      enabled: false",
                "http:",
                "  addr: " + quoted(hostPort()),
                // without one, the registry makes up a secret and warns about it on every start
                "  secret: " + quoted(HexFormat.of().formatHex(secret)),
                ""));
    }

    private static String quoted(Object value) {
        return "'" + value.toString().replace("'", "''") + "'";
    }

    private Path log() {
        return workDir.resolve("registry.log");
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // we are the hook, or the JVM is exiting anyway
        }
    }
}
