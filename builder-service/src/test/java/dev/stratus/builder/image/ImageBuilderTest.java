package dev.stratus.builder.image;

import dev.stratus.builder.image.ImageBuilder.BuiltImage;
import dev.stratus.builder.image.OciImages.LayerFile;
import dev.stratus.builder.runtime.NodeRelease;
import dev.stratus.builder.runtime.RuntimeUnavailableException;
import dev.stratus.builder.runtime.TestRuntimes;
import dev.stratus.common.image.ImageReference;
import dev.stratus.common.image.OciLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.stratus.builder.image.OciImages.digest;
import static dev.stratus.builder.image.OciImages.json;
import static dev.stratus.builder.image.OciImages.object;
import static dev.stratus.builder.image.OciImages.objects;
import static dev.stratus.builder.image.OciImages.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds into the embedded OCI layout store, which is what a single-machine Stratus uses. */
class ImageBuilderTest {
    static final String HELLO = "exports.handle = async () => ({ statusCode: 200, body: 'hello' });\n";
    private static final String REPOSITORY = "ns-1234/hello";

    @TempDir
    Path root;

    @Test
    void theSameCodeGivesTheSameDigestWhereverAndWheneverItIsBuilt() throws Exception {
        BuiltImage first = build(builder(root.resolve("data-a")), "1", HELLO, null);
        // another copy of the code, other file times, another builder with a cold cache
        BuiltImage again = build(builder(root.resolve("data-b")), "1", HELLO,
                Instant.parse("2001-09-09T01:46:40Z"));
        BuiltImage nextRevision = build(builder(root.resolve("data-a")), "2", HELLO,
                Instant.now().plusSeconds(3600));

        assertTrue(first.digest().matches("sha256:[0-9a-f]{64}"), first.digest());
        assertEquals(first.digest(), again.digest());
        assertEquals(first.digest(), nextRevision.digest(), "the tag is not part of the image");
        assertEquals("registry.stratus.internal/" + REPOSITORY + ":2", nextRevision.reference());
    }

    @Test
    void differentCodeOrHandlerGivesAnotherDigest() throws Exception {
        ImageBuilder builder = builder(root.resolve("data"));
        BuiltImage hello = build(builder, "1", HELLO, null);
        BuiltImage changed = build(builder, "2", HELLO.replace("hello", "hullo"), null);
        BuiltImage otherHandler = build(builder, "3", "src/app.main", HELLO, null);

        assertNotEquals(hello.digest(), changed.digest());
        assertNotEquals(hello.digest(), otherHandler.digest());
    }

    @Test
    void theLayoutTagsTheRevisionAndHoldsEveryBlob() throws Exception {
        Path data = root.resolve("data");
        BuiltImage one = build(builder(data), "1", HELLO, null);
        BuiltImage two = build(builder(data), "2", HELLO.replace("hello", "hi"), null);
        OciLayout layout = new OciLayout(data.resolve("registry"));
        Path dir = layout.repositoryDir(REPOSITORY);

        assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(dir.resolve("oci-layout")));
        assertEquals(one.digest(), layout.manifestDigest(REPOSITORY, "1").orElseThrow());
        assertEquals(two.digest(), layout.manifestDigest(REPOSITORY, "2").orElseThrow(), "earlier tags stay");
        List<Map<String, Object>> indexed = objects(json(Files.readAllBytes(dir.resolve("index.json"))), "manifests");
        assertEquals(2, indexed.size());
        assertEquals(Files.size(layout.blob(REPOSITORY, one.digest())),
                ((Number) indexed.get(0).get("size")).longValue());

        byte[] manifestBytes = Files.readAllBytes(layout.blob(REPOSITORY, one.digest()));
        assertEquals(one.digest(), sha256(manifestBytes), "the manifest blob is stored under its digest");
        Map<String, Object> manifest = json(manifestBytes);
        assertEquals(OciImages.OCI_MANIFEST, manifest.get("mediaType"));
        List<Map<String, Object>> blobs = new ArrayList<>(objects(manifest, "layers"));
        assertEquals(3, blobs.size(), "the runtime, wrapper and code layers");
        blobs.add(object(manifest, "config"));
        for (Map<String, Object> blob : blobs) {
            Path file = layout.blob(REPOSITORY, digest(blob));
            assertTrue(Files.isRegularFile(file), "blob " + digest(blob));
            assertEquals(digest(blob), sha256(file));
            assertEquals(((Number) blob.get("size")).longValue(), Files.size(file));
        }
    }

    @Test
    void theImageRunsTheWrapperOnTheCodeWithLabels() throws Exception {
        Path data = root.resolve("data");
        BuiltImage image = build(builder(data), "1", HELLO, null);
        OciLayout layout = new OciLayout(data.resolve("registry"));
        Map<String, Object> manifest = json(Files.readAllBytes(layout.blob(REPOSITORY, image.digest())));
        Map<String, Object> config = object(json(Files.readAllBytes(
                layout.blob(REPOSITORY, digest(object(manifest, "config"))))), "config");

        assertEquals(Map.of(ImageBuilder.LABEL_RUNTIME, "node22", ImageBuilder.LABEL_HANDLER, "handler.handle"),
                config.get("Labels"));
        assertEquals(List.of("/runtime/bin/node", "/stratus/wrapper.js"), config.get("Entrypoint"));
        assertEquals("/fn", config.get("WorkingDir"));
        assertEquals("65534:65534", config.get("User"));
        @SuppressWarnings("unchecked")
        List<String> env = (List<String>) config.get("Env");
        assertTrue(env.containsAll(List.of("FN_HANDLER=handler.handle", "FN_CODE_DIR=/fn", "TZ=UTC")), env.toString());

        List<Map<String, Object>> layers = objects(manifest, "layers");
        Map<String, LayerFile> runtime = OciImages.layerFiles(Files.readAllBytes(layout.blob(REPOSITORY,
                digest(layers.get(0)))));
        Map<String, LayerFile> wrapper = OciImages.layerFiles(Files.readAllBytes(layout.blob(REPOSITORY,
                digest(layers.get(1)))));
        Map<String, LayerFile> code = OciImages.layerFiles(Files.readAllBytes(layout.blob(REPOSITORY,
                digest(layers.get(2)))));
        assertEquals(List.of("runtime/bin/node"), List.copyOf(runtime.keySet()));
        assertEquals(0555, runtime.get("runtime/bin/node").mode());
        assertTrue(Arrays.equals(Files.readAllBytes(TestRuntimes.nodeReleases().binary(
                NodeRelease.of("node22").orElseThrow())), runtime.get("runtime/bin/node").content()),
                "node22's pinned Node.js release");
        assertEquals(List.of("stratus/wrapper.js"), List.copyOf(wrapper.keySet()));
        assertArrayEquals(resource(RuntimeFamily.NODE.wrapperResource()), wrapper.get("stratus/wrapper.js").content());
        assertEquals(List.of("fn/handler.js", "fn/lib/greeting.js"), List.copyOf(code.keySet()));
        assertEquals(HELLO, code.get("fn/handler.js").text());
        assertEquals(0444, code.get("fn/handler.js").mode(), "the function cannot rewrite its own code");
    }

    @Test
    void pythonFunctionsGetThePythonWrapperOnTheHostInterpreterOfTheirVersion() throws Exception {
        Path data = root.resolve("data");
        Path scratch = Files.createDirectories(root.resolve("py"));
        Path code = Files.createDirectories(scratch.resolve("code"));
        Files.writeString(code.resolve("handler.py"), "def handle(event, context):\n    return 'hi'\n");
        BuiltImage image = builder(data).build(reference("1"), "python311", "handler.handle",
                code, List.of("handler.py"), scratch);
        OciLayout layout = new OciLayout(data.resolve("registry"));
        Map<String, Object> manifest = json(Files.readAllBytes(layout.blob(REPOSITORY, image.digest())));
        Map<String, Object> config = object(json(Files.readAllBytes(
                layout.blob(REPOSITORY, digest(object(manifest, "config"))))), "config");

        assertEquals(List.of("/usr/bin/python3.11", "/stratus/wrapper.py"), config.get("Entrypoint"));
        assertEquals(2, objects(manifest, "layers").size(), "no runtime layer: the interpreter is the host's");
        Map<String, LayerFile> wrapper = OciImages.layerFiles(Files.readAllBytes(layout.blob(REPOSITORY,
                digest(objects(manifest, "layers").get(0)))));
        assertArrayEquals(resource(RuntimeFamily.PYTHON.wrapperResource()),
                wrapper.get("stratus/wrapper.py").content());
    }

    @Test
    void nodeRuntimesEachCarryTheirOwnNodeAndARuntimeNotOnThisMachineFailsTheBuild() throws Exception {
        ImageBuilder builder = builder(root.resolve("data"));
        BuiltImage node22 = build(builder, "1", HELLO, null);
        Path scratch = Files.createTempDirectory(root, "scratch");
        List<String> files = OciImages.writeNodeCode(scratch.resolve("code"), HELLO);
        BuiltImage node20 = builder.build(reference("2"), "node20", "handler.handle", scratch.resolve("code"), files,
                scratch);
        Path python = Files.createTempDirectory(root, "scratch");
        Files.createDirectories(python.resolve("code"));
        Files.writeString(python.resolve("code/handler.py"), "def handle(event, context):\n    return 'hi'\n");

        assertNotEquals(node22.digest(), node20.digest());
        var missing = assertThrows(RuntimeUnavailableException.class, () -> builder.build(reference("3"),
                "python399", "handler.handle", python.resolve("code"), List.of("handler.py"), python));
        assertEquals("runtime python399 is not available on this platform (/usr/bin/python3.99 is not installed)",
                missing.getMessage());
    }

    /** A builder into the embedded store under {@code data}, with the real pinned Node.js releases. */
    static ImageBuilder builder(Path data) {
        return new ImageBuilder("", data.toString(), TestRuntimes.interpreters());
    }

    static ImageReference reference(String revision) {
        return new ImageReference("registry.stratus.internal", REPOSITORY, revision);
    }

    private BuiltImage build(ImageBuilder builder, String revision, String body, Instant fileTimes) throws Exception {
        return build(builder, revision, "handler.handle", body, fileTimes);
    }

    /** Like BuildService: a fresh scratch folder per build, with the extracted code in it. */
    private BuiltImage build(ImageBuilder builder, String revision, String handler, String body, Instant fileTimes)
            throws Exception {
        Path scratch = Files.createTempDirectory(root, "scratch");
        Path code = scratch.resolve("code");
        List<String> files = OciImages.writeNodeCode(code, body);
        if (fileTimes != null) {
            for (String file : files) {
                Files.setLastModifiedTime(code.resolve(file), FileTime.from(fileTimes));
            }
        }
        return builder.build(reference(revision), "node22", handler, code, files, scratch);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImageBuilder.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
