package dev.stratus.runtime.instance;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs instances as sandboxed local processes (see {@link SandboxCommand}). */
@Singleton
public class ProcessBackend implements InstanceBackend {
    private final Path instancesDir;
    private final int hostUid;
    private final Optional<MemoryCgroups> cgroups;
    private final Map<String, ProcessInstance> running = new ConcurrentHashMap<>();
    /*
     * bwrap --die-with-parent ties an instance to the thread that forked it; a pooled thread that retires would
     * take its instances along. One long-lived thread forks them all.
     */
    private final ExecutorService spawner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "instance-spawner");
        thread.setDaemon(true);
        return thread;
    });

    public ProcessBackend(SandboxDirectories dirs, @Value("${stratus.runtime.sandbox-host-uid:65534}") int sandboxUid) {
        this.instancesDir = dirs.instances();
        boolean root = "root".equals(System.getProperty("user.name"));
        this.hostUid = root ? sandboxUid : -1;
        this.cgroups = MemoryCgroups.detect("stratus");
    }

    @Override
    public Instance start(InstanceSpec spec) {
        String id = spec.functionId().substring(0, 8) + "-" + spec.revision() + "-"
                + Long.toHexString(System.nanoTime() & 0xffffffffL);
        try {
            Path socketDir = Files.createDirectory(instancesDir.resolve(id),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (hostUid >= 0) {
                Files.setAttribute(socketDir, "unix:uid", hostUid);
                Files.setAttribute(socketDir, "unix:gid", hostUid);
            }
            Path procs = cgroups.isPresent() ? cgroups.get().create(id, spec.memoryLimitMb()) : null;
            var command = SandboxCommand.build(spec, socketDir, procs, hostUid);
            Future<Process> forked = spawner.submit(() -> new ProcessBuilder(command).start());
            ProcessInstance instance = new ProcessInstance(id, forked.get(), socketDir, spec.memoryLimitMb(),
                    done -> cleanUp(done, socketDir));
            running.put(id, instance);
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare instance " + id, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start instance " + id + ": " + e.getMessage(), e);
        }
    }

    /** Whether the kernel killed the instance for exceeding its memory limit. */
    boolean outOfMemory(String instanceId) {
        return cgroups.map(c -> c.oomKilled(instanceId)).orElse(false);
    }

    private void cleanUp(ProcessInstance instance, Path socketDir) {
        String id = instance.id();
        running.remove(id);
        if (outOfMemory(id)) {
            instance.markOutOfMemory();
        }
        cgroups.ifPresent(c -> c.remove(id));
        SandboxDirectories.deleteTree(socketDir);
    }

    @PreDestroy
    void stopAll() {
        running.values().forEach(ProcessInstance::stop);
        spawner.shutdownNow();
    }
}
