package dev.stratus.runtime.instance;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs instances as sandboxed local processes (see {@link SandboxCommand}), made from a ready stem cell of the
 * revision's kind when there is one (see {@link StemCells}), else started from scratch.
 */
@Singleton
public class ProcessBackend implements InstanceBackend {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessBackend.class);
    /* A cell runs no user code until it is specialised and given the function's own limit; this only bounds it. */
    private static final int STEM_CELL_MEMORY_MB = 256;
    /** Processes and threads per instance: node's own threads are about a dozen. */
    public static final int DEFAULT_MAX_PROCESSES = 256;
    private final Path instancesDir;
    private final Path cellsDir;
    private final int hostUid;
    private final Optional<MemoryCgroups> cgroups;
    private final Optional<PidsCgroups> pids;
    private final Set<ProcessInstance> running = ConcurrentHashMap.newKeySet();
    private final StemCells stemCells;
    private final SocketGuard socketGuard;
    private final InstanceOutput output;
    private volatile boolean closed;
    /*
     * bwrap --die-with-parent ties an instance to the thread that forked it; a pooled thread that retires would
     * take its instances along. One long-lived thread forks them all.
     */
    private final ExecutorService spawner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "instance-spawner");
        thread.setDaemon(true);
        return thread;
    });

    /** Without stem cells: every instance starts from scratch. */
    public ProcessBackend(SandboxDirectories dirs, int sandboxUid) {
        this(dirs, sandboxUid, 0, DEFAULT_MAX_PROCESSES, InstanceOutput.NONE);
    }

    /**
     * @param stemCellsPerKind how many started cells to keep per kind of wrapper; 0 disables them
     * @param output           where instances' stdout and stderr lines go
     */
    @Inject
    public ProcessBackend(SandboxDirectories dirs, @Value("${stratus.runtime.sandbox-host-uid:65534}") int sandboxUid,
                          @Value("${stratus.runtime.stem-cells:2}") int stemCellsPerKind,
                          @Value("${stratus.runtime.max-processes:256}") int maxProcesses, InstanceOutput output) {
        this.output = output;
        this.instancesDir = dirs.instances();
        this.cellsDir = dirs.cells();
        boolean root = "root".equals(System.getProperty("user.name"));
        this.hostUid = root ? sandboxUid : -1;
        this.socketGuard = new SocketGuard(hostUid);
        this.cgroups = MemoryCgroups.detect("stratus");
        this.pids = PidsCgroups.detect("stratus", maxProcesses);
        this.stemCells = new StemCells(stemCellsPerKind, this::launchStemCell);
    }

    @Override
    public Instance start(InstanceSpec spec) {
        Optional<StemCell> cell = stemCells.take(spec);
        if (cell.isPresent()) {
            ProcessInstance instance = specialise(cell.get(), spec);
            if (instance != null) {
                return instance;
            }
        }
        String id = instanceId(spec);
        try {
            Path socketDir = socketDir(id);
            List<Path> procs = joinGroups(id, spec.memoryLimitMb());
            return fork(id, spec.functionId(), SandboxCommand.build(spec, socketDir, procs, hostUid), socketDir,
                    spec.memoryLimitMb(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare instance " + id, e);
        }
    }

    /** How many stem cells that could become an instance of {@code spec} are started and listening. */
    public int readyStemCells(InstanceSpec spec) {
        return stemCells.listening(spec);
    }

    /** The cell becomes the instance, or is let go (and null returned) when the platform cannot prepare it. */
    private ProcessInstance specialise(StemCell cell, InstanceSpec spec) {
        String id = instanceId(spec);
        ProcessInstance instance = cell.process();
        try {
            Specialisation.prepare(cell, spec, id, instancesDir.resolve(id), cgroups);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot make an instance of {} from {}: {}; starting one from scratch", spec.functionId(), cell,
                    e.toString());
            instance.stop();
            stemCells.refill(cell.kind());
            return null;
        }
        Specialisation.send(instance, spec);
        instance.ready().whenComplete((ok, failure) -> stemCells.refill(cell.kind()));
        return instance;
    }

    private StemCell launchStemCell(StemCellKind kind, InstanceSpec template) throws IOException {
        String name = "stem-" + Long.toHexString(System.nanoTime() & 0xffffffffffL);
        Path socketDir = socketDir(name);
        Path codeDir = Files.createDirectory(cellsDir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            List<Path> procs = joinGroups(name, STEM_CELL_MEMORY_MB);
            var command = SandboxCommand.buildStemCell(template, codeDir, socketDir, procs, hostUid);
            return new StemCell(kind, fork(name, null, command, socketDir, STEM_CELL_MEMORY_MB, codeDir), codeDir);
        } catch (IOException | RuntimeException e) {
            removeGroups(name);
            SandboxDirectories.deleteTree(socketDir);
            SandboxDirectories.deleteTree(codeDir);
            throw e;
        }
    }

    private static String instanceId(InstanceSpec spec) {
        return spec.functionId().substring(0, 8) + "-" + spec.revision() + "-"
                + Long.toHexString(System.nanoTime() & 0xffffffffL);
    }

    private Path socketDir(String id) throws IOException {
        Path socketDir = Files.createDirectory(instancesDir.resolve(id),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (hostUid >= 0) {
            Files.setAttribute(socketDir, "unix:uid", hostUid);
            Files.setAttribute(socketDir, "unix:gid", hostUid);
        }
        return socketDir;
    }

    /** @param functionId null for a stem cell */
    private ProcessInstance fork(String id, String functionId, SandboxCommand.Launch launch, Path socketDir,
                                 int memoryLimitMb, Path codeDir) {
        if (closed) {
            throw new IllegalStateException("cannot start instance " + id + ": the runtime is stopping");
        }
        try {
            Future<Process> forked = spawner.submit(() -> start(new ProcessBuilder(launch.command()),
                    launch.stdin()));
            ProcessInstance instance = new ProcessInstance(id, functionId, forked.get(), socketDir, memoryLimitMb,
                    output, socketGuard, done -> cleanUp(done, codeDir));
            running.add(instance);
            if (closed) {
                instance.stop(); // forked while stopAll went by: its parent-death signal may never fire
            }
            return instance;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start instance " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts one sandbox as instances are started (same user, namespaces and binds) and waits for its answer, so
     * that a machine where sandboxes cannot start says so before any function is deployed.
     *
     * @throws IllegalStateException with bubblewrap's own words when the sandbox does not start or answer
     */
    public void proveSandbox(java.time.Duration timeout) throws IOException, InterruptedException {
        Path socketDir = socketDir("probe-" + Long.toHexString(System.nanoTime() & 0xffffffffL));
        try {
            SandboxCommand.Launch launch = SandboxCommand.buildProbe(List.of("/bin/sh", "-c", "echo sandbox-ok"),
                    socketDir, hostUid);
            Process probe = start(new ProcessBuilder(launch.command()).redirectErrorStream(true), launch.stdin());
            if (!probe.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                probe.destroyForcibly();
                throw new IllegalStateException("a sandbox did not answer within " + timeout);
            }
            String output = new String(probe.getInputStream().readNBytes(4096)).strip();
            if (probe.exitValue() != 0 || !output.equals("sandbox-ok")) {
                throw new IllegalStateException("a sandbox did not start (exit " + probe.exitValue() + "): " + output);
            }
        } finally {
            SandboxDirectories.deleteTree(socketDir);
        }
    }

    /** Whether memory limits are enforced here (a writable memory cgroup). */
    public boolean enforcesMemoryLimits() {
        return cgroups.isPresent();
    }

    /** Starts bwrap and hands it the environment on its stdin, which it reads to the end before it starts. */
    private static Process start(ProcessBuilder sandbox, byte[] stdin) throws IOException {
        Process process = sandbox.start();
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException gone) {
            // bwrap ended before it read its arguments: its exit reason, or what it printed, says why
        }
        return process;
    }

    /** The cgroups (memory, processes) an instance joins as it starts; on cgroup v2 they are one group. */
    private List<Path> joinGroups(String name, int memoryLimitMb) throws IOException {
        java.util.LinkedHashSet<Path> procs = new java.util.LinkedHashSet<>();
        if (cgroups.isPresent()) {
            procs.add(cgroups.get().create(name, memoryLimitMb));
        }
        if (pids.isPresent()) {
            procs.add(pids.get().create(name));
        }
        return List.copyOf(procs);
    }

    private void removeGroups(String name) {
        cgroups.ifPresent(c -> c.remove(name));
        pids.ifPresent(p -> p.remove(name));
    }

    /** Whether the kernel killed the instance for exceeding its memory limit. */
    boolean outOfMemory(String processName) {
        return cgroups.map(c -> c.oomKilled(processName)).orElse(false);
    }

    private void cleanUp(ProcessInstance instance, Path codeDir) {
        running.remove(instance);
        String name = instance.processName();
        if (outOfMemory(name)) {
            instance.markOutOfMemory();
        }
        removeGroups(name);
        instance.socketDir().toFile().setWritable(true, true); // taken from the sandbox read-only (SocketGuard)
        SandboxDirectories.deleteTree(instance.socketDir());
        if (codeDir != null) {
            SandboxDirectories.deleteTree(codeDir);
        }
    }

    /**
     * Stops every instance and stem cell it started, and starts no more: pools replace the instances stopped here,
     * and one forked as the spawner thread ends could miss the signal that ties it to the runtime.
     */
    @PreDestroy
    public void stopAll() {
        closed = true;
        stemCells.close();
        running.forEach(ProcessInstance::stop);
        spawner.shutdownNow();
    }
}
