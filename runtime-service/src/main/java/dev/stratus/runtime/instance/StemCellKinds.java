package dev.stratus.runtime.instance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Which instances a stem cell can become. A revision qualifies when its code is in {@code /fn} and small enough
 * to link in an instant; a function qualifies when its environment sets nothing an interpreter reads only as it
 * starts (a cell started long before, with the base environment, could not honour it).
 */
final class StemCellKinds {
    /** Linking takes about 10 µs a file; past this, a cell would gain little on a start that loads that much. */
    static final long MAX_CODE_ENTRIES = 2_000;
    private static final List<String> READ_AT_START = List.of("HOME", "LANG", "LANGUAGE", "TMPDIR");
    private static final List<String> READ_AT_START_PREFIXES = List.of("PYTHON", "NODE_", "UV_", "LD_", "LC_",
            "MALLOC_", "GLIBC_", "OPENSSL_", "SSL_");
    /* Revision roots are named after their image's digest and never change, so what they hold is read once. */
    private final Map<Path, Optional<String>> digests = new ConcurrentHashMap<>();

    /** The kind of cell that can become an instance of {@code spec}, if one can. */
    Optional<StemCellKind> of(InstanceSpec spec) {
        if (!startsAlike(spec.environment())) {
            return Optional.empty();
        }
        return digests.computeIfAbsent(spec.root(), StemCellKinds::imageDigest)
                .map(digest -> new StemCellKind(spec.command(), spec.workingDir(), digest));
    }

    static boolean startsAlike(Map<String, String> environment) {
        Map<String, String> base = SandboxCommand.baseEnvironment();
        for (var variable : environment.entrySet()) {
            String name = variable.getKey();
            boolean readAtStart = READ_AT_START.contains(name)
                    || READ_AT_START_PREFIXES.stream().anyMatch(name::startsWith);
            if (readAtStart && !variable.getValue().equals(base.get(name))) {
                return false;
            }
        }
        return true;
    }

    /** sha-256 of every file outside {@code /fn}, by path and content; empty when the revision cannot use cells. */
    private static Optional<String> imageDigest(Path root) {
        Path code = root.resolve(SandboxCommand.CODE_DIR);
        try {
            if (!Files.isDirectory(code) || CodeLinks.count(code, MAX_CODE_ENTRIES) > MAX_CODE_ENTRIES) {
                return Optional.empty();
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (var dir : SandboxCommand.imageDirectories(root).entrySet()) {
                if (dir.getKey().equals(SandboxCommand.CODE_DIR)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(dir.getValue())) {
                    for (Path file : files.sorted().toList()) {
                        // names and sizes delimit the contents, so no two different trees hash alike
                        boolean regular = Files.isRegularFile(file);
                        digest.update((root.relativize(file) + "\0" + (regular ? Files.size(file) : -1) + "\0")
                                .getBytes(StandardCharsets.UTF_8));
                        if (regular) {
                            addContent(digest, file);
                        }
                    }
                }
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addContent(MessageDigest digest, Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
