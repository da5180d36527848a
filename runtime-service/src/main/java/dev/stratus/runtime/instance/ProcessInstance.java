package dev.stratus.runtime.instance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One sandboxed process. The wrapper prints {@code STRATUS_READY} once it listens, or
 * {@code STRATUS_HANDLER_ERROR: <reason>} and exits when the user's handler does not load.
 */
final class ProcessInstance implements Instance {
    static final String READY_LINE = "STRATUS_READY";
    static final String HANDLER_ERROR = "STRATUS_HANDLER_ERROR: ";
    private static final int KEPT_LINES = 200;
    private final String id;
    private final Process process;
    private final Path socketDir;
    private final int memoryLimitMb;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<String> exited = new CompletableFuture<>();
    private final Deque<String> output = new ArrayDeque<>();
    private volatile String handlerError;
    private volatile boolean stopped;
    private volatile boolean outOfMemory;

    ProcessInstance(String id, Process process, Path socketDir, int memoryLimitMb,
                    java.util.function.Consumer<ProcessInstance> cleanUp) {
        this.id = id;
        this.process = process;
        this.socketDir = socketDir;
        this.memoryLimitMb = memoryLimitMb;
        Thread.ofVirtual().name("out-" + id).start(() -> pump(process.getInputStream(), false));
        Thread.ofVirtual().name("err-" + id).start(() -> pump(process.getErrorStream(), true));
        process.onExit().thenRun(() -> {
            cleanUp.accept(this);
            String reason = exitReason();
            ready.completeExceptionally(new InstanceStartException(reason, handlerError != null));
            exited.complete(reason);
        });
    }

    private void pump(InputStream stream, boolean stderr) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!stderr && !ready.isDone() && line.equals(READY_LINE)) {
                    ready.complete(null);
                    continue;
                }
                if (stderr && line.startsWith(HANDLER_ERROR)) {
                    handlerError = line.substring(HANDLER_ERROR.length());
                }
                keep(line);
            }
        } catch (IOException ignored) {
            // the process is gone; onExit reports why
        }
    }

    private synchronized void keep(String line) {
        if (output.size() == KEPT_LINES) {
            output.removeFirst();
        }
        output.addLast(line);
    }

    void markOutOfMemory() {
        outOfMemory = true;
    }

    private String exitReason() {
        if (handlerError != null) {
            return handlerError;
        }
        if (outOfMemory) {
            return "the instance was killed: it used more than its memory limit of " + memoryLimitMb + " MB";
        }
        if (stopped) {
            return "the instance was stopped";
        }
        List<String> tail = recentOutput();
        String last = tail.isEmpty() ? "" : ": " + String.join(" | ", tail.subList(Math.max(0, tail.size() - 3),
                tail.size()));
        return "the instance exited with code " + process.exitValue() + last;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public CompletableFuture<String> exited() {
        return exited;
    }

    @Override
    public Path socket() {
        return socketDir.resolve("http.sock");
    }

    @Override
    public synchronized List<String> recentOutput() {
        return List.copyOf(output);
    }

    @Override
    public void stop() {
        stopped = true;
        // bwrap is the process we started; killing it takes the sandbox's PID namespace, and every process in it
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
