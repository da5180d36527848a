package dev.stratus.builder.image;

import dev.stratus.builder.image.ImageBuilder.BuiltImage;
import dev.stratus.builder.runtime.TestRuntimes;
import dev.stratus.testkit.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.stratus.builder.image.OciImages.digest;
import static dev.stratus.builder.image.OciImages.json;
import static dev.stratus.builder.image.OciImages.object;
import static dev.stratus.builder.image.OciImages.objects;
import static dev.stratus.builder.image.OciImages.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pushes to a real distribution registry and pulls back over its HTTP API, as a container runtime would. */
class RegistryTargetTest {
    private static final String REPOSITORY = "ns-1234/hello";
    private static Registry registry;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path root;

    @BeforeAll
    static void startRegistry() {
        registry = Registry.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void pushesAnImageThatPullsBackWithTheReportedDigest() throws Exception {
        BuiltImage image = build(pushing("data"), "7");

        assertEquals(registry.hostPort() + "/" + REPOSITORY + ":7", image.reference(),
                "the configured registry replaces the namespace's registry host");
        HttpResponse<byte[]> pulled = get("/manifests/7", OciImages.OCI_MANIFEST);
        assertEquals(200, pulled.statusCode());
        assertEquals(OciImages.OCI_MANIFEST, pulled.headers().firstValue("Content-Type").orElse(null));
        assertEquals(image.digest(), pulled.headers().firstValue("Docker-Content-Digest").orElse(null));
        assertEquals(image.digest(), sha256(pulled.body()));

        Map<String, Object> manifest = json(pulled.body());
        List<Map<String, Object>> blobs = new ArrayList<>(objects(manifest, "layers"));
        assertEquals(3, blobs.size(), "the runtime, wrapper and code layers");
        blobs.add(object(manifest, "config"));
        for (Map<String, Object> blob : blobs) {
            HttpResponse<byte[]> fetched = get("/blobs/" + digest(blob), "*/*");
            assertEquals(200, fetched.statusCode(), digest(blob));
            assertEquals(digest(blob), sha256(fetched.body()));
        }
        Map<String, Object> config = object(json(get("/blobs/" + digest(object(manifest, "config")), "*/*").body()),
                "config");
        assertEquals("node22", object(config, "Labels").get(ImageBuilder.LABEL_RUNTIME));
        assertEquals(List.of("/runtime/bin/node", "/stratus/wrapper.js"), config.get("Entrypoint"));
    }

    @Test
    void theRegistryAndTheEmbeddedStoreGetTheSameImage() throws Exception {
        BuiltImage pushed = build(pushing("pushed"), "8");
        BuiltImage local = build(ImageBuilderTest.builder(root.resolve("local")), "8");
        // pushing the same code again skips the blobs the registry has and tags the same manifest
        BuiltImage repushed = build(pushing("pushed"), "9");

        assertEquals(local.digest(), pushed.digest());
        assertEquals(pushed.digest(), repushed.digest());
        assertEquals(pushed.digest(), get("/manifests/8", OciImages.OCI_MANIFEST).headers()
                .firstValue("Docker-Content-Digest").orElse(null));
        assertEquals(pushed.digest(), get("/manifests/9", OciImages.OCI_MANIFEST).headers()
                .firstValue("Docker-Content-Digest").orElse(null));
        String tags = new String(get("/tags/list", "application/json").body());
        assertTrue(tags.contains("\"8\"") && tags.contains("\"9\""), tags);
    }

    private ImageBuilder pushing(String dataDir) {
        return new ImageBuilder(registry.hostPort(), root.resolve(dataDir).toString(), TestRuntimes.interpreters());
    }

    private BuiltImage build(ImageBuilder builder, String revision) throws Exception {
        Path scratch = Files.createTempDirectory(root, "scratch");
        Path code = scratch.resolve("code");
        List<String> files = OciImages.writeNodeCode(code, ImageBuilderTest.HELLO);
        return builder.build(ImageBuilderTest.reference(revision), "node22", "handler.handle", code, files, scratch);
    }

    private HttpResponse<byte[]> get(String path, String accept) throws Exception {
        URI uri = URI.create("http://" + registry.hostPort() + "/v2/" + REPOSITORY + path);
        return http.send(HttpRequest.newBuilder(uri).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
