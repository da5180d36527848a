package dev.stratus.runtime.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command line that runs one instance in bubblewrap: read-only system and code, private /tmp, its own PID,
 * network, IPC and user namespaces, a non-zero uid inside, an empty environment plus the function's, and a
 * socket folder as the only writable host path. bwrap itself is started as an unprivileged host uid when the
 * runtime is root, because a sandbox entered as root can remount its read-only binds writable.
 */
final class SandboxCommand {
    static final String SOCKET_DIR = "/run/fn";
    static final String SOCKET = SOCKET_DIR + "/http.sock";
    /** The image folder that holds the function's code. */
    static final String CODE_DIR = "fn";
    static final String STEM_VARIABLE = "FN_STEM";
    private static final int SANDBOX_UID = 1000;

    private SandboxCommand() {
    }

    /**
     * A sandbox to start: the command line, and what bwrap reads from its stdin ({@code --args 0}): the
     * environment, NUL-separated {@code --setenv} arguments. Decrypted secrets on a command line would be in
     * {@code /proc/<pid>/cmdline} for any local user to read, and large ones past the argument limit.
     */
    record Launch(List<String> command, byte[] stdin) {
    }

    /**
     * @param cgroupProcs the cgroups to join before the sandbox starts (so nothing it allocates escapes the
     *                    limit), none where limits cannot be enforced
     * @param hostUid     the unprivileged host uid to start bwrap as when the runtime is root, or -1
     */
    static Launch build(InstanceSpec spec, Path socketDir, List<Path> cgroupProcs, int hostUid) {
        return build(imageDirectories(spec.root()), spec.workingDir(), environment(spec), spec.command(), socketDir,
                cgroupProcs, hostUid);
    }

    /**
     * A stem cell: the same sandbox as an instance of {@code template}'s revision, except that {@code /fn} is the
     * cell's own folder (empty until it is given a function's code) and the environment is the base one only.
     */
    static Launch buildStemCell(InstanceSpec template, Path codeDir, Path socketDir, List<Path> cgroupProcs,
                                int hostUid) {
        Map<String, Path> dirs = imageDirectories(template.root());
        dirs.put(CODE_DIR, codeDir);
        Map<String, String> env = baseEnvironment();
        env.put("FN_SOCKET", SOCKET);
        env.put(STEM_VARIABLE, "1");
        return build(dirs, template.workingDir(), env, template.command(), socketDir, cgroupProcs, hostUid);
    }

    /** The same sandbox with no image at all, running {@code program}: proves bubblewrap works on this machine. */
    static Launch buildProbe(List<String> program, Path socketDir, int hostUid) {
        return build(Map.of(), "/", baseEnvironment(), program, socketDir, List.of(), hostUid);
    }

    private static Launch build(Map<String, Path> imageDirs, String workingDir, Map<String, String> env,
                                List<String> program, Path socketDir, List<Path> cgroupProcs, int hostUid) {
        List<String> command = new ArrayList<>();
        if (!cgroupProcs.isEmpty()) {
            // joins every group (memory, pids) before anything starts, so nothing escapes a limit
            command.addAll(List.of("/bin/sh", "-c",
                    "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 1; shift; done; shift; exec \"$@\"", "sh"));
            cgroupProcs.forEach(procs -> command.add(procs.toString()));
            command.add("--");
        }
        if (hostUid >= 0) {
            command.addAll(List.of("setpriv", "--reuid=" + hostUid, "--regid=" + hostUid, "--clear-groups",
                    "--inh-caps=-all", "--"));
        }
        command.addAll(List.of("bwrap", "--die-with-parent", "--new-session",
                "--unshare-all", "--unshare-user", "--uid", Integer.toString(SANDBOX_UID),
                "--gid", Integer.toString(SANDBOX_UID), "--hostname", "fn",
                "--ro-bind", "/usr", "/usr"));
        for (String dir : List.of("lib", "lib64", "bin", "sbin")) {
            if (Files.exists(Path.of("/usr", dir))) {
                command.addAll(List.of("--symlink", "usr/" + dir, "/" + dir));
            }
        }
        for (String file : List.of("/etc/ld.so.cache", "/etc/ssl/certs", "/etc/localtime", "/etc/mime.types")) {
            if (Files.exists(Path.of(file))) {
                command.addAll(List.of("--ro-bind", file, file));
            }
        }
        command.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        imageDirs.forEach((name, dir) -> command.addAll(List.of("--ro-bind", dir.toString(), "/" + name)));
        // the root bwrap builds is a writable tmpfs: freeze it once everything is mounted, /tmp stays writable
        command.addAll(List.of("--bind", socketDir.toString(), SOCKET_DIR, "--remount-ro", "/",
                "--chdir", workingDir, "--clearenv", "--args", "0"));
        command.add("--");
        command.addAll(program);
        return new Launch(List.copyOf(command), environmentArguments(env));
    }

    private static byte[] environmentArguments(Map<String, String> env) {
        java.io.ByteArrayOutputStream args = new java.io.ByteArrayOutputStream();
        env.forEach((name, value) -> {
            for (String arg : List.of("--setenv", name, value)) {
                args.writeBytes(arg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                args.write(0);
            }
        });
        return args.toByteArray();
    }

    /** Every top-level folder of the image (e.g. /fn and /stratus) is bound read-only at its place. */
    static Map<String, Path> imageDirectories(Path root) {
        try (var entries = Files.list(root)) {
            Map<String, Path> dirs = new TreeMap<>();
            entries.filter(Files::isDirectory).forEach(dir -> dirs.put(dir.getFileName().toString(), dir));
            return dirs;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list the revision's files in " + root, e);
        }
    }

    /** What an instance of {@code spec} finds in its environment; a stem cell is given the same when specialised. */
    static Map<String, String> environment(InstanceSpec spec) {
        Map<String, String> env = baseEnvironment();
        env.putAll(spec.environment());
        // the wrapper would wait for code instead of loading the handler
        env.remove(STEM_VARIABLE);
        env.put("FN_SOCKET", SOCKET);
        env.put("FN_MEMORY_MB", Integer.toString(spec.memoryLimitMb()));
        return env;
    }

    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", "/tmp");
        env.put("TZ", "UTC");
        env.put("LANG", "C.UTF-8");
        return env;
    }
}
