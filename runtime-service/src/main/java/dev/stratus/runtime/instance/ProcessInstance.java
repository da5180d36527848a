package dev.stratus.runtime.instance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One sandboxed process. The wrapper prints {@code STRATUS_READY} once it listens, or
 * {@code STRATUS_HANDLER_ERROR: <reason>} and exits when the user's handler does not load.
 * <p>
 * A stem cell is a process whose wrapper listens before it has any code: its {@code STRATUS_READY} only means it
 * can be specialised, and the instance it becomes is ready once the wrapper has loaded the function it was given.
 * Specialising renames it after that function, so from then on it looks like any other instance of it.
 */
final class ProcessInstance implements Instance {
    static final String READY_LINE = "STRATUS_READY";
    static final String HANDLER_ERROR = "STRATUS_HANDLER_ERROR: ";
    private static final int KEPT_LINES = 200;
    /* A pump reads lines and hands them on: a small stack does. */
    private static final long PUMP_STACK_BYTES = 256 * 1024;
    private final String processName;
    private final Process process;
    private final boolean stemCell;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private final CompletableFuture<Void> ready;
    private final CompletableFuture<String> exited = new CompletableFuture<>();
    private final Deque<String> output = new ArrayDeque<>();
    private final InstanceOutput sink;
    private final SocketGuard guard;
    private volatile String functionId;
    private volatile String id;
    private volatile Path socketDir;
    private volatile int memoryLimitMb;
    private volatile String handlerError;
    private volatile boolean stopped;
    private volatile boolean outOfMemory;

    /**
     * @param functionId whose instance this is; null for a stem cell, whose lines go nowhere until it has one
     * @param sink       where the lines of the function's instance go
     * @param guard      takes the socket's folder from the sandbox once the wrapper listens
     * @param cleanUp    called once the process has exited, before its futures complete
     */
    ProcessInstance(String id, String functionId, Process process, Path socketDir, int memoryLimitMb,
                    InstanceOutput sink, SocketGuard guard, Consumer<ProcessInstance> cleanUp) {
        this.processName = id;
        this.functionId = functionId;
        this.sink = sink;
        this.guard = guard;
        boolean stemCell = functionId == null;
        this.id = id;
        this.process = process;
        this.socketDir = socketDir;
        this.memoryLimitMb = memoryLimitMb;
        this.stemCell = stemCell;
        this.ready = stemCell ? new CompletableFuture<>() : listening;
        /*
         * Platform threads: a read from a process pipe blocks its carrier, and a handful of idle instances' pumps
         * on virtual threads would take every carrier and stall all other virtual threads of the runtime.
         */
        Thread out = pumpThread("out-" + id).start(() -> pump(process.getInputStream(), false));
        Thread err = pumpThread("err-" + id).start(() -> pump(process.getErrorStream(), true));
        process.onExit().thenRunAsync(() -> {
            // the last lines (a handler error among them) may still be in the pipes when the exit is seen
            awaitEndOfOutput(out, err);
            cleanUp.accept(this);
            String reason = exitReason();
            InstanceStartException failure = new InstanceStartException(reason, handlerError != null);
            listening.completeExceptionally(failure);
            ready.completeExceptionally(failure);
            exited.complete(reason);
        }, Thread.ofVirtual().name("exit-" + id)::start);
    }

    private static Thread.Builder pumpThread(String name) {
        return Thread.ofPlatform().daemon().stackSize(PUMP_STACK_BYTES).name(name);
    }

    private static void awaitEndOfOutput(Thread... pumps) {
        try {
            for (Thread pump : pumps) {
                pump.join(java.time.Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(InputStream stream, boolean stderr) {
        // lines are cut at 8 KiB as they are read: an endless line must not become an endless string
        try (stream) {
            OutputLines reader = new OutputLines(stream);
            for (String line = reader.next(); line != null; line = reader.next()) {
                if (!stderr && !listening.isDone() && line.equals(READY_LINE)) {
                    onListening();
                    continue;
                }
                if (stderr && line.startsWith(HANDLER_ERROR)) {
                    handlerError = line.substring(HANDLER_ERROR.length());
                }
                keep(line);
                String owner = functionId;
                if (owner != null) {
                    sink.line(owner, id, stderr, line);
                }
            }
        } catch (IOException ignored) {
            // the process is gone; onExit reports why
        }
    }

    /** Nothing connects to the socket before the runtime holds its folder and has checked it. */
    private void onListening() {
        try {
            guard.lock(socket());
            listening.complete(null);
        } catch (IOException | RuntimeException e) {
            listening.completeExceptionally(new InstanceStartException(e.getMessage(), false));
            stop();
        }
    }

    private synchronized void keep(String line) {
        if (output.size() == KEPT_LINES) {
            output.removeFirst();
        }
        output.addLast(line);
    }

    /** The name its cgroup and cell folders were created under; unlike {@link #id()}, it never changes. */
    String processName() {
        return processName;
    }

    boolean stemCell() {
        return stemCell;
    }

    /** For a stem cell: completes once it can be specialised. */
    CompletableFuture<Void> listening() {
        return listening;
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Takes the identity of the instance a stem cell becomes: its id, its socket folder renamed to match (the
     * sandbox keeps its bind of the folder across the rename), and its memory limit for exit reasons.
     */
    synchronized void becomeInstance(String newFunctionId, String newId, Path newSocketDir, int newMemoryLimitMb)
            throws IOException {
        if (!process.isAlive()) {
            throw new IOException("the stem cell " + processName + " has ended");
        }
        Files.move(socketDir, newSocketDir);
        socketDir = newSocketDir;
        id = newId;
        memoryLimitMb = newMemoryLimitMb;
        functionId = newFunctionId;
    }

    /** A stem cell has loaded its function's handler. */
    void specialised() {
        ready.complete(null);
    }

    /** The current socket folder, read under the same lock as a rename so clean-up never misses it. */
    synchronized Path socketDir() {
        return socketDir;
    }

    void markOutOfMemory() {
        outOfMemory = true;
    }

    boolean handlerFailed() {
        return handlerError != null;
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
