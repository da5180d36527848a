package dev.stratus.runtime.image;

import dev.stratus.runtime.instance.SandboxDirectories;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Image layers unpacked once each, in a folder named by the layer's digest, and shared by every revision that
 * has them: a revision's root is assembled from hard links to these files. A node runtime's 100+ MB interpreter
 * is thus unpacked once per machine, not once per deploy, and stored once. Layers are unpacked in a scratch
 * folder, checked against their digest and renamed into place, so a half-unpacked or corrupt one is never used.
 */
final class LayerCache {
    private final Path dir;
    private final Map<String, ReentrantLock> unpacking = new ConcurrentHashMap<>();

    LayerCache(Path dir) {
        this.dir = dir;
    }

    /** Opens a layer blob for reading. */
    interface Blob {
        InputStream open() throws IOException;
    }

    /** The layer's files, unpacked first if no revision had this layer yet. */
    Path unpacked(String digest, boolean gzipped, Blob blob) throws IOException {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IOException("unsupported layer digest " + digest);
        }
        Path target = dir.resolve(digest.substring("sha256:".length()));
        if (Files.isDirectory(target)) {
            return target;
        }
        // one unpacking per layer in this process; another process sharing the folder at worst unpacks it twice
        ReentrantLock lock = unpacking.computeIfAbsent(digest, d -> new ReentrantLock());
        lock.lock();
        try {
            if (!Files.isDirectory(target)) {
                unpack(digest, gzipped, blob, target);
            }
            return target;
        } finally {
            lock.unlock();
        }
    }

    private void unpack(String digest, boolean gzipped, Blob blob, Path target) throws IOException {
        Path scratch = Files.createTempDirectory(dir, "unpack");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(blob.open(), sha256)) {
                LayerUnpacker.unpack(in, gzipped, scratch);
            }
            String actual = "sha256:" + HexFormat.of().formatHex(sha256.digest());
            if (!actual.equals(digest)) {
                throw new IOException("layer " + digest + " arrived with digest " + actual);
            }
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            SandboxDirectories.deleteTree(scratch);
            if (!Files.isDirectory(target)) {
                throw e;
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds a layer's files to a revision root being assembled: folders are created, files hard-linked (the same
     * read-only inodes), and a file of a later layer replaces that of an earlier one, as layers stack in OCI.
     */
    static void linkInto(Path layer, Path root) throws IOException {
        Files.walkFileTree(layer, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) throws IOException {
                Path target = root.resolve(layer.relativize(folder).toString());
                if (!Files.isDirectory(target)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path target = root.resolve(layer.relativize(file).toString());
                Files.deleteIfExists(target);
                try {
                    Files.createLink(target, file);
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (FileSystemException | UnsupportedOperationException e) {
                    // a file system without hard links: a copy reads the same
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
