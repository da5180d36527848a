package dev.stratus.runtime.image;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks image layers into a revision folder. Everything ends up owned by the runtime and world-readable but not
 * writable, since instances read it as another uid; entries that would land outside the folder are refused.
 */
final class LayerUnpacker {

    private LayerUnpacker() {
    }

    static void unpack(InputStream layer, boolean gzipped, Path root) throws IOException {
        InputStream raw = new BufferedInputStream(layer, 64 * 1024);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzipped ? new GZIPInputStream(raw) : raw)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("layer entry " + entry.getName() + " escapes the image root");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (entry.isFile()) {
                    createParents(target.getParent());
                    Files.copy(tar, target);
                    boolean executable = (entry.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            executable ? "r-xr-xr-x" : "r--r--r--"));
                }
                // links and devices are not part of function images; skipping them keeps the root self-contained
            }
            // read to the end of the blob (past the tar's end and padding), so a digest of the stream covers it all
            raw.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void createParents(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
