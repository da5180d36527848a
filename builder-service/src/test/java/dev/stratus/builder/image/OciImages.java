package dev.stratus.builder.image;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads what the builder produced: OCI JSON documents, digests and the files inside layers. */
final class OciImages {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    /** One file of a layer: its content and its unix mode bits. */
    record LayerFile(byte[] content, int mode) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private OciImages() {
    }

    static Map<String, Object> json(byte[] document) {
        try {
            return ObjectMapper.getDefault().readValue(document, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> json, String key) {
        return (Map<String, Object>) json.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Map<String, Object> json, String key) {
        return (List<Map<String, Object>>) json.get(key);
    }

    static String digest(Map<String, Object> descriptor) {
        return (String) descriptor.get("digest");
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    /** The regular files of a gzipped layer tarball, by path. */
    static Map<String, LayerFile> layerFiles(byte[] layer) throws IOException {
        Map<String, LayerFile> files = new LinkedHashMap<>();
        try (var tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(layer)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    files.put(entry.getName(), new LayerFile(tar.readAllBytes(), entry.getMode() & 07777));
                }
            }
        }
        return files;
    }

    /** A node function's code folder, as the archive extractor leaves it; returns the file list. */
    static List<String> writeNodeCode(Path codeDir, String handlerBody) throws IOException {
        Files.createDirectories(codeDir.resolve("lib"));
        Files.writeString(codeDir.resolve("handler.js"), handlerBody);
        Files.writeString(codeDir.resolve("lib/greeting.js"), "module.exports = 'hello';\n");
        return List.of("handler.js", "lib/greeting.js");
    }
}
