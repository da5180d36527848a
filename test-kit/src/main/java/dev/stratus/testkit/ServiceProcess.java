package dev.stratus.testkit;

import dev.stratus.testkit.LocalPlatform.Service;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service of the platform as its own JVM, started from its module's {@code target/classes} and the
 * {@code target/classpath.txt} Maven wrote, ready once {@code GET /health} answers 200. Its output goes to
 * {@code <service>.log} (the previous run's is kept as {@code <service>.log.1}).
 */
final class ServiceProcess {
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final int port;
    private final Path home;
    private final Map<String, String> env;
    private final Path workDir;
    private final Path log;
    private ChildProcess process;
    private Thread starting;

    ServiceProcess(Service service, int port, Path home, Map<String, String> env, Path workDir, Path logDir) {
        this.service = service;
        this.port = port;
        this.home = home;
        this.env = Map.copyOf(env);
        command(service, home); // fails now, before anything starts, if the module is not built
        this.workDir = workDir;
        this.log = logDir.resolve(service.module() + ".log");
    }

    /** Read at each start, so that a restart after a rebuild runs what was rebuilt. */
    private static List<String> command(Service service, Path home) {
        Path module = home.resolve(service.module());
        Path classpathFile = module.resolve("target/classpath.txt");
        if (!Files.isDirectory(module.resolve("target/classes")) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(service.module() + " is not built (no target/classes or "
                    + "target/classpath.txt under " + module + "): run ./mvnw install -DskipTests");
        }
        String classpath;
        try {
            classpath = Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED"));
        if (service == Service.API || service == Service.SCHEDULER) {
            // halves the start of five JVMs on a small machine; the runtime and trigger-service carry every
            // call and message, and the builder hashes every image layer it writes: they need C2 (its SHA-256
            // intrinsics hash a 38 MB Node.js layer several times faster than C1's code)
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        } else if (service != Service.RUNTIME) {
            command.add("-XX:+UseSerialGC");
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, module.resolve("target/classes").toString(),
                classpath, ownLocation().toString()), ServiceMain.class.getName(), service.mainClass()));
        return List.copyOf(command);
    }

    /** test-kit's classes or jar, for {@link ServiceMain}; last on the path so it can shadow nothing. */
    private static Path ownLocation() {
        try {
            return Path.of(ServiceMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Service service() {
        return service;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(service.module() + " is stopped");
        }
        return process.pid();
    }

    /**
     * Starts the JVM and waits for its health check; on failure stops it and fails with its log's last lines.
     * The waiting holds no lock, so that {@link #stop()} (a shutdown during the start) can cut it short.
     */
    void start(Duration timeout) {
        synchronized (this) {
            if (isRunning()) {
                return;
            }
            if (starting != null) {
                throw new IllegalStateException(service.module() + " is already starting");
            }
            starting = Thread.currentThread();
        }
        ChildProcess child = null;
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            child = launch(timeout);
            awaitHealthy(child, deadline, timeout);
            synchronized (this) {
                starting = null;
                if (!Thread.currentThread().isInterrupted()) {
                    process = child; // only now can stop() see it: until here, stopping meant an interrupt
                    return;
                }
            }
            throw new IllegalStateException(service.module() + " was stopped while starting");
        } catch (RuntimeException e) {
            if (child != null) {
                abandon(child);
            }
            throw e;
        } finally {
            synchronized (this) {
                starting = null;
            }
        }
    }

    private ChildProcess launch(Duration timeout) {
        rotateLog();
        ProcessBuilder builder = new ProcessBuilder(command(service, home)).directory(workDir.toFile());
        builder.environment().putAll(env);
        try {
            return ChildProcess.start(builder, log, ServiceMain.STARTED, timeout);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(ChildProcess.firstError(log)
                    .map(cause -> service.module() + " did not start: " + cause + " (log: " + log + ")")
                    .orElse(service.module() + " did not start. " + e.getMessage()), e);
        }
    }

    private void awaitHealthy(ChildProcess child, long deadline, Duration timeout) {
        while (!Thread.currentThread().isInterrupted() && !healthy()) {
            String why = !child.isAlive() ? "exited"
                    : System.nanoTime() > deadline ? "did not answer GET /health with 200 within " + timeout : null;
            if (why != null) {
                throw new IllegalStateException(ChildProcess.firstError(log)
                        .map(cause -> service.module() + " " + why + ": " + cause + " (log: " + log + ")")
                        .orElse(service.module() + " " + why + "; " + log + " ends with:\n" + child.tail()));
            }
            try {
                Thread.sleep(POLL_INTERVAL); // polling under a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // ends the loop
            }
        }
    }

    /** Stops a child that never became this service's process; a pending interrupt would skip the clean part. */
    private static void abandon(ChildProcess child) {
        boolean interrupted = Thread.interrupted();
        child.stop(Duration.ofSeconds(5));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean healthy() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A clean stop (the service sees its stdin close), escalating to signals if it lingers. */
    void stop() {
        ChildProcess child;
        synchronized (this) {
            if (starting != null) {
                starting.interrupt(); // the starting thread stops what it started
            }
            child = process;
            process = null;
        }
        if (child != null) {
            child.stop(STOP_GRACE);
        }
    }

    private void rotateLog() {
        try {
            Files.createDirectories(log.getParent());
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
