package dev.stratus.runtime.instance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Per-instance process limits ({@code pids.max}: processes and threads alike), so that a fork bomb in one
 * function exhausts its own quota, not the machine's. cgroup v1's pids hierarchy, or a cgroup v2 tree with the
 * pids controller available; without either, instances run without one (logged once).
 */
final class PidsCgroups {
    private static final Logger LOG = LoggerFactory.getLogger(PidsCgroups.class);
    private static final Path V1 = Path.of("/sys/fs/cgroup/pids");
    private static final Path V2 = Path.of("/sys/fs/cgroup");
    private final Path parent;
    private final int maxProcesses;

    private PidsCgroups(Path parent, int maxProcesses) {
        this.parent = parent;
        this.maxProcesses = maxProcesses;
    }

    /** The instances' parent group, or empty when process limits cannot be enforced here. */
    static Optional<PidsCgroups> detect(String groupName, int maxProcesses) {
        try {
            if (Files.isWritable(V1) && Files.exists(V1.resolve("cgroup.procs"))) {
                return Optional.of(new PidsCgroups(Files.createDirectories(V1.resolve(groupName)), maxProcesses));
            }
            Path controllers = V2.resolve("cgroup.subtree_control");
            if (Files.isWritable(V2) && Files.exists(controllers) && Files.readString(controllers).contains("pids")) {
                Path parent = Files.createDirectories(V2.resolve(groupName));
                Files.writeString(parent.resolve("cgroup.subtree_control"), "+pids");
                return Optional.of(new PidsCgroups(parent, maxProcesses));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Process cgroups are not usable here ({}); instances will run without a process limit",
                    e.toString());
            return Optional.empty();
        }
        LOG.warn("No writable pids cgroup on this machine; instances will run without a process limit");
        return Optional.empty();
    }

    /** Creates the instance's group with its limit; returns the file a process joins it through. */
    Path create(String instanceId) throws IOException {
        Path group = Files.createDirectories(parent.resolve(instanceId));
        Files.writeString(group.resolve("pids.max"), Integer.toString(maxProcesses));
        return group.resolve("cgroup.procs");
    }

    /** Removes the group once its processes are gone. */
    void remove(String instanceId) {
        MemoryCgroups.removeWhenEmpty(parent.resolve(instanceId));
    }
}
