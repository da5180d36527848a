package dev.stratus.runtime.instance;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Where revisions are unpacked and instance sockets live. The sandbox's unprivileged uid must be able to reach
 * these folders to bind them, and the data dir may sit under a private home folder, so they live under the system
 * temp dir in a folder others can traverse but not list (one per data dir, so platforms do not share it).
 */
@Singleton
public class SandboxDirectories {
    private final Path revisions;
    private final Path layers;
    private final Path instances;
    private final Path cells;

    public SandboxDirectories(@Value("${stratus.data-dir}") String dataDir,
                              @Value("${stratus.runtime.sandbox-dir:}") String configured) {
        Path root = configured.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "stratus-sandbox-"
                + shortHash(Path.of(dataDir).toAbsolutePath().normalize().toString())) : Path.of(configured);
        try {
            this.revisions = traversable(root.resolve("revisions"));
            this.layers = traversable(root.resolve("layers"));
            this.instances = traversable(root.resolve("instances"));
            this.cells = traversable(root.resolve("cells"));
            traversable(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox folder " + root, e);
        }
    }

    public Path revisions() {
        return revisions;
    }

    /** Image layers unpacked once each; beside the revisions, so revisions hard-link their files. */
    public Path layers() {
        return layers;
    }

    public Path instances() {
        return instances;
    }

    /** Stem cells' code folders; beside the revisions, so code is hard-linked rather than copied. */
    public Path cells() {
        return cells;
    }

    private static Path traversable(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        return dir;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a folder and what it holds; best effort, for scratch folders. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover scratch folder is harmless; the next start of the same id cannot collide
        }
    }
}
