package dev.stratus.runtime.instance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Per-instance memory cgroups, where this machine lets us write them: cgroup v1's memory hierarchy, or a cgroup v2
 * tree with the memory controller delegated. Without either, instances run without a memory limit (logged once).
 */
final class MemoryCgroups {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryCgroups.class);
    private static final Path V1 = Path.of("/sys/fs/cgroup/memory");
    private static final Path V2 = Path.of("/sys/fs/cgroup");
    private final Path parent;
    private final boolean v1;

    private MemoryCgroups(Path parent, boolean v1) {
        this.parent = parent;
        this.v1 = v1;
    }

    /** The instances' parent group, or empty when memory limits cannot be enforced here. */
    static Optional<MemoryCgroups> detect(String groupName) {
        try {
            if (Files.isWritable(V1) && Files.exists(V1.resolve("memory.limit_in_bytes"))) {
                return Optional.of(new MemoryCgroups(Files.createDirectories(V1.resolve(groupName)), true));
            }
            if (Files.isWritable(V2) && Files.readString(V2.resolve("cgroup.subtree_control")).contains("memory")) {
                Path parent = Files.createDirectories(V2.resolve(groupName));
                Files.writeString(parent.resolve("cgroup.subtree_control"), "+memory");
                return Optional.of(new MemoryCgroups(parent, false));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Memory cgroups are not usable here ({}); instances will run without a memory limit", e.toString());
            return Optional.empty();
        }
        LOG.warn("No writable memory cgroup on this machine; instances will run without a memory limit");
        return Optional.empty();
    }

    /** Creates the instance's group with its limit; returns the file a process joins it through. */
    Path create(String instanceId, int limitMb) throws IOException {
        Path group = Files.createDirectories(parent.resolve(instanceId));
        setLimit(instanceId, limitMb);
        if (!v1) {
            Files.writeString(group.resolve("memory.swap.max"), "0");
        }
        return group.resolve("cgroup.procs");
    }

    /**
     * Sets the group's limit (memory and swap alike, so nothing is swapped out instead of killed). Fails when the
     * kernel cannot bring the group's current use under a lower limit.
     */
    void setLimit(String instanceId, int limitMb) throws IOException {
        Path group = parent.resolve(instanceId);
        String bytes = Long.toString(limitMb * 1024L * 1024L);
        if (!v1) {
            Files.writeString(group.resolve("memory.max"), bytes);
            return;
        }
        Path memory = group.resolve("memory.limit_in_bytes");
        Path swap = group.resolve("memory.memsw.limit_in_bytes");
        if (!Files.exists(swap)) {
            Files.writeString(memory, bytes);
            return;
        }
        // v1 requires memory <= memory+swap at every step: raise the outer limit first, lower it last
        boolean raising = Long.parseLong(Files.readString(memory).trim()) < Long.parseLong(bytes);
        Files.writeString(raising ? swap : memory, bytes);
        Files.writeString(raising ? memory : swap, bytes);
    }

    /** Whether the kernel killed something in the group for using too much memory. */
    boolean oomKilled(String instanceId) {
        Path file = parent.resolve(instanceId).resolve(v1 ? "memory.oom_control" : "memory.events");
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("oom_kill ") && !line.endsWith(" 0")) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Removes the group once its processes are gone. */
    void remove(String instanceId) {
        removeWhenEmpty(parent.resolve(instanceId));
    }

    /**
     * Removes a cgroup folder (memory or pids) once its processes are gone; the kernel refuses while any remain
     * and empties a group asynchronously after the last exit, so retry briefly.
     */
    static void removeWhenEmpty(Path group) {
        for (int attempt = 0; attempt < 50 && Files.exists(group); attempt++) {
            try {
                Files.delete(group);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20); // polling the kernel's asynchronous clean-up, bounded above
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
