package dev.stratus.builder.wrapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A runtime wrapper started as a real process, the way the platform starts it: clean environment,
 * working directory = code dir. Collects stdout/stderr on background threads so readiness is
 * detected from the {@code STRATUS_READY} line, never by sleeping.
 */
final class WrapperProcess implements AutoCloseable {

    static final String READY = "STRATUS_READY";

    private final Process process;
    private final long startNanos;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final CountDownLatch readyOrEof = new CountDownLatch(1);
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private volatile long readyNanos = -1;

    private WrapperProcess(Process process, long startNanos) {
        this.process = process;
        this.startNanos = startNanos;
        this.stdoutReader = Thread.ofPlatform().daemon().name("wrapper-stdout").start(this::readStdout);
        this.stderrReader = Thread.ofPlatform().daemon().name("wrapper-stderr").start(this::readStderr);
    }

    static WrapperProcess start(List<String> command, Path workDir, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        long start = System.nanoTime();
        return new WrapperProcess(pb.start(), start);
    }

    private void readStdout() {
        try (BufferedReader r = reader(process.getInputStream())) {
            String line;
            while ((line = r.readLine()) != null) {
                stdout.add(line);
                if (readyNanos < 0 && line.equals(READY)) {
                    readyNanos = System.nanoTime();
                    readyOrEof.countDown();
                }
            }
        } catch (IOException ignored) {
            // stream closed on kill
        } finally {
            readyOrEof.countDown();
        }
    }

    private void readStderr() {
        try (BufferedReader r = reader(process.getErrorStream())) {
            String line;
            while ((line = r.readLine()) != null) {
                stderr.append(line).append('\n');
            }
        } catch (IOException ignored) {
            // stream closed on kill
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Waits for the STRATUS_READY line; returns the time from process start to that line. */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        if (!readyOrEof.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("wrapper not ready after " + timeout + "; stdout=" + stdout + " stderr=" + stderr);
        }
        if (readyNanos < 0) {
            process.waitFor(2, TimeUnit.SECONDS);
            stderrReader.join(2000);
            throw new AssertionError("wrapper exited before " + READY + " (exit "
                    + (process.isAlive() ? "?" : process.exitValue()) + "); stdout=" + stdout + " stderr=" + stderr);
        }
        return Duration.ofNanos(readyNanos - startNanos);
    }

    /** Waits for the process to exit and for its output to be fully read; returns the exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("wrapper still running after " + timeout + "; stdout=" + stdout + " stderr=" + stderr);
        }
        stdoutReader.join(2000);
        stderrReader.join(2000);
        return process.exitValue();
    }

    /** Waits until stderr contains {@code text} (output is read asynchronously). */
    String awaitStderr(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stderr.toString().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stderr does not contain '" + text + "' after " + timeout + ": " + stderr);
            }
            Thread.sleep(10);
        }
        return stderr.toString();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stderr() {
        return stderr.toString();
    }

    List<String> stdout() {
        return List.copyOf(stdout);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
