package dev.stratus.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server process whose output goes to a log file and whose readiness is a line in that output. Its stdin stays
 * an open pipe from this JVM: servers started through it watch for EOF and exit when this JVM goes.
 */
final class ChildProcess {
    private static final Pattern ERROR_LINE =
            Pattern.compile("^\\S+ ERROR +\\[.*?\\] \\S+ - ");
    private final Process process;
    private final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} and waits until it prints {@code readyLine}; fails fast if it exits first. */
    static ChildProcess start(List<String> command, Path log, String readyLine, Duration timeout) {
        return start(new ProcessBuilder(command), log, readyLine, timeout);
    }

    /** As above, for a command that also needs its own environment or working directory. */
    static ChildProcess start(ProcessBuilder builder, Path log, String readyLine, Duration timeout) {
        Process process;
        try {
            process = builder.command(ignoringTerminalSignals(builder.command())).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, readyLine, ready), "log-" + log.getFileName());
        pump.setDaemon(true);
        pump.start();
        ChildProcess child = new ChildProcess(process, log);
        if (!child.awaitReady(ready, timeout)) {
            boolean exited = !process.isAlive() || ready.isDone(); // done: its output ended, it is exiting
            child.stop(Duration.ofSeconds(5));
            throw new IllegalStateException("The process" + (exited ? " exited" : " timed out after "
                    + timeout) + " before printing '" + readyLine + "'; " + log + " ends with:\n" + child.tail());
        }
        return child;
    }

    /**
     * Ctrl-C and a closing terminal signal the whole foreground process group, children included; a child that
     * stopped by itself then would pull, say, Kafka from under services still shutting down. Children ignore both
     * (an ignored signal stays ignored across exec, and the JVM keeps it so) and leave it to this parent to stop
     * them in order. SIGTERM, which targets one process, still works.
     */
    private static List<String> ignoringTerminalSignals(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "trap '' INT HUP; exec \"$0\" \"$@\""));
        wrapped.addAll(command);
        return wrapped;
    }

    private boolean awaitReady(CompletableFuture<Boolean> ready, Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS) && process.isAlive();
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Copies output to the log; completes {@code ready} with true on the ready line, false at end of output. */
    private static void pump(Process process, Path log, String readyLine, CompletableFuture<Boolean> ready) {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (line.contains(readyLine)) {
                    ready.complete(true);
                }
            }
        } catch (IOException ignored) {
            // the process is gone; whoever waits learns it below
        } finally {
            ready.complete(false);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Closes stdin (the server stops itself), then escalates if it lingers. */
    void stop(Duration grace) {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException ignored) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * The first line logged at ERROR (logback's {@code HH:mm:ss.SSS ERROR [thread] logger - message}), message only:
     * where a failed start says why (port in use, database unreachable), long before the stack traces end.
     */
    static Optional<String> firstError(Path log) {
        try (var lines = Files.exists(log) ? Files.lines(log) : Stream.<String>empty()) {
            return lines.filter(line -> ERROR_LINE.matcher(line).find()).findFirst()
                    .map(line -> line.substring(line.indexOf(" - ") + 3).strip());
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
