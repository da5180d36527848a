package dev.stratus.runtime.image;

import dev.stratus.common.image.OciLayout;
import dev.stratus.runtime.instance.SandboxDirectories;
import io.micronaut.serde.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Revisions from images in the embedded OCI layout store, as the builder writes them. */
class RevisionStoreTest {
    private static final String REPOSITORY = "ns-1/fn";
    private static final String HOST = "registry.stratus.internal/";

    @TempDir
    Path dataDir;
    private SandboxDirectories dirs;
    private RevisionStore store;
    private OciLayout layout;

    @BeforeEach
    void setUp() {
        dirs = new SandboxDirectories(dataDir.toString(), dataDir.resolve("sandbox").toString());
        store = new RevisionStore("", dataDir.toString(), dirs, ObjectMapper.getDefault());
        layout = new OciLayout(dataDir.resolve("registry"));
    }

    @Test
    void revisionsShareTheLayersTheyHaveInCommonUnpackedOnce() throws Exception {
        String runtime = layer(Map.of("runtime/bin/node", "pretend this is 100 MB of node"), 0555);
        String wrapper = layer(Map.of("stratus/wrapper.js", "original wrapper"), 0444);
        image("1", runtime, wrapper, layer(Map.of("fn/handler.js", "one"), 0444));
        image("2", runtime, wrapper, layer(Map.of("fn/handler.js", "two"), 0444),
                layer(Map.of("stratus/wrapper.js", "patched wrapper"), 0444));

        RevisionFiles one = store.materialise(HOST + REPOSITORY + ":1");
        RevisionFiles two = store.materialise(HOST + REPOSITORY + ":2");

        assertNotEquals(one.root(), two.root());
        assertEquals(List.of("/runtime/bin/node", "/stratus/wrapper.js"), one.entrypoint());
        assertEquals("one", Files.readString(one.root().resolve("fn/handler.js")));
        assertEquals("two", Files.readString(two.root().resolve("fn/handler.js")));
        Path node = dirs.layers().resolve(runtime.substring("sha256:".length())).resolve("runtime/bin/node");
        assertEquals(fileKey(node), fileKey(one.root().resolve("runtime/bin/node")), "a link, not a copy");
        assertEquals(fileKey(node), fileKey(two.root().resolve("runtime/bin/node")));
        assertEquals("r-xr-xr-x", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(two.root().resolve("runtime/bin/node"))));
        assertEquals("original wrapper", Files.readString(one.root().resolve("stratus/wrapper.js")));
        assertEquals("patched wrapper", Files.readString(two.root().resolve("stratus/wrapper.js")),
                "a later layer's file replaces an earlier one's");
        assertEquals(5, list(dirs.layers()).size(), "each distinct layer once, no scratch folder left");
    }

    @Test
    void aLayerThatDoesNotMatchItsDigestIsNeverUsed() throws Exception {
        byte[] real = tarball(Map.of("fn/handler.js", "real"), 0444);
        byte[] other = tarball(Map.of("fn/handler.js", "swapped"), 0444);
        String digest = sha256(real);
        layout.putBlob(REPOSITORY, digest, new ByteArrayInputStream(other));
        image("1", digest);

        var refused = assertThrows(IOException.class, () -> store.materialise(HOST + REPOSITORY + ":1"));

        assertTrue(refused.getMessage().startsWith("layer " + digest + " arrived with digest sha256:"),
                refused.getMessage());
        assertEquals(List.of(), list(dirs.layers()));
        assertEquals(List.of(), list(dirs.revisions()));
    }

    private void image(String tag, String... layers) throws Exception {
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":"
                + "[\"/runtime/bin/node\",\"/stratus/wrapper.js\"],\"WorkingDir\":\"/fn\"},\"rootfs\":"
                + "{\"type\":\"layers\",\"diff_ids\":[]}}";
        String configDigest = blob(config.getBytes(StandardCharsets.UTF_8));
        StringBuilder descriptors = new StringBuilder();
        for (String layer : layers) {
            descriptors.append(descriptors.isEmpty() ? "" : ",")
                    .append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
                    .append(layer).append("\",\"size\":").append(Files.size(layout.blob(REPOSITORY, layer)))
                    .append('}');
        }
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + configDigest + "\",\"size\":" + config.length() + "},\"layers\":[" + descriptors + "]}")
                .getBytes(StandardCharsets.UTF_8);
        layout.tag(REPOSITORY, tag, blob(manifest), manifest.length);
    }

    private String layer(Map<String, String> files, int mode) throws Exception {
        return blob(tarball(files, mode));
    }

    private String blob(byte[] content) throws Exception {
        String digest = sha256(content);
        layout.putBlob(REPOSITORY, digest, new ByteArrayInputStream(content));
        return digest;
    }

    private static byte[] tarball(Map<String, String> files, int mode) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (var file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                entry.setMode(mode);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    private static List<String> list(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
