package dev.stratus.common.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded image store: one OCI image layout directory per repository under a root folder
 * ({@code <root>/<repository>/oci-layout, index.json, blobs/sha256/…}). The builder adds images, the runtime
 * reads them back. index.json keeps one manifest per tag, named by the standard ref.name annotation.
 */
public final class OciLayout {
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final Pattern MANIFEST_ENTRY = Pattern.compile(
            "\\{[^{}]*\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"[^{}]*\"annotations\"\\s*:\\s*\\{[^{}]*\""
                    + Pattern.quote(REF_NAME) + "\"\\s*:\\s*\"([^\"]+)\"[^{}]*}[^{}]*}");
    private final Path root;

    public OciLayout(Path root) {
        this.root = root;
    }

    public Path repositoryDir(String repository) {
        Path dir = root.resolve(repository).normalize();
        if (!dir.startsWith(root)) {
            throw new IllegalArgumentException("repository escapes the image store: " + repository);
        }
        return dir;
    }

    public Path blob(String repository, String digest) {
        return repositoryDir(repository).resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
    }

    /** The manifest digest tagged {@code tag}, if any. */
    public java.util.Optional<String> manifestDigest(String repository, String tag) throws IOException {
        Path index = repositoryDir(repository).resolve("index.json");
        if (!Files.exists(index)) {
            return java.util.Optional.empty();
        }
        Matcher m = MANIFEST_ENTRY.matcher(Files.readString(index));
        String found = null;
        while (m.find()) {
            if (m.group(2).equals(tag)) {
                found = m.group(1);
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    /** Stores a blob under its digest; blobs are immutable, so an existing one is kept. */
    public void putBlob(String repository, String digest, InputStream content) throws IOException {
        Path target = blob(repository, digest);
        if (Files.exists(target)) {
            return;
        }
        // every function is a repository of its own, and all of one runtime's share its ~50 MB interpreter
        // layer: a blob is stored once and linked into each repository that holds it
        Path stored = storedBlob(digest);
        if (!Files.exists(stored)) {
            Files.createDirectories(stored.getParent());
            Path temp = Files.createTempFile(stored.getParent(), "blob", ".part");
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, stored, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, stored);
        } catch (java.nio.file.FileAlreadyExistsException linkedConcurrently) {
            // the same blob, put by another build of this repository
        }
    }

    /** Where a blob's bytes are kept, whatever repositories link it; no repository name starts with a dot. */
    private Path storedBlob(String digest) {
        return root.resolve(".blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
    }

    /** Points {@code tag} at a manifest, replacing the tag's previous manifest; other tags stay. */
    public synchronized void tag(String repository, String tag, String manifestDigest, long manifestSize)
            throws IOException {
        Path dir = repositoryDir(repository);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        StringBuilder manifests = new StringBuilder();
        Path index = dir.resolve("index.json");
        if (Files.exists(index)) {
            Matcher m = MANIFEST_ENTRY.matcher(Files.readString(index));
            while (m.find()) {
                if (!m.group(2).equals(tag)) {
                    manifests.append(m.group(0)).append(',');
                }
            }
        }
        manifests.append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"")
                .append(manifestDigest).append("\",\"size\":").append(manifestSize)
                .append(",\"annotations\":{\"").append(REF_NAME).append("\":\"").append(tag).append("\"}}");
        Path temp = Files.createTempFile(dir, "index", ".part");
        Files.writeString(temp, "{\"schemaVersion\":2,\"manifests\":[" + manifests + "]}", StandardCharsets.UTF_8);
        Files.move(temp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
