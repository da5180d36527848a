package dev.stratus.runtime.instance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
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
    /*
     * Revisions hard-link their files to the layers they share, so a node interpreter (100+ MB) is one inode in
     * every revision on its runtime: hashed once by identity, not once per deploy (about 0.3 s each).
     */
    private final Map<FileIdentity, byte[]> contents = new ConcurrentHashMap<>();

    /** A file by inode, size and modification time: the same identity means the same, unchanged content. */
    private record FileIdentity(Object fileKey, long size, FileTime modified) {
    }

    /** The kind of cell that can become an instance of {@code spec}, if one can. */
    Optional<StemCellKind> of(InstanceSpec spec) {
        if (!startsAlike(spec.environment())) {
            return Optional.empty();
        }
        return digests.computeIfAbsent(spec.root(), this::imageDigest)
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
    private Optional<String> imageDigest(Path root) {
        Path code = root.resolve(SandboxCommand.CODE_DIR);
        try {
            if (!Files.isDirectory(code) || CodeLinks.count(code, MAX_CODE_ENTRIES) > MAX_CODE_ENTRIES) {
                return Optional.empty();
            }
            MessageDigest digest = sha256();
            for (var dir : SandboxCommand.imageDirectories(root).entrySet()) {
                if (dir.getKey().equals(SandboxCommand.CODE_DIR)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(dir.getValue())) {
                    for (Path file : files.sorted().toList()) {
                        // names and sizes delimit the contents, so no two different trees hash alike
                        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                        boolean regular = attributes.isRegularFile();
                        digest.update((root.relativize(file) + "\0" + (regular ? attributes.size() : -1) + "\0")
                                .getBytes(StandardCharsets.UTF_8));
                        if (regular) {
                            digest.update(contentDigest(file, attributes));
                        }
                    }
                }
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private byte[] contentDigest(Path file, BasicFileAttributes attributes) throws IOException {
        FileIdentity identity = attributes.fileKey() == null ? null
                : new FileIdentity(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
        byte[] known = identity == null ? null : contents.get(identity);
        if (known != null) {
            return known;
        }
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            byte[] content = in.getMessageDigest().digest();
            if (identity != null) {
                contents.put(identity, content);
            }
            return content;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
