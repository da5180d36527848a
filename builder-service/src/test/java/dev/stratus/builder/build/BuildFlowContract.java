package dev.stratus.builder.build;

import dev.stratus.builder.Zips;
import dev.stratus.builder.runtime.TestRuntimes;
import dev.stratus.common.Ids;
import dev.stratus.common.event.BuildFinished;
import dev.stratus.common.event.DeployRequested;
import dev.stratus.common.store.CodeArchives;
import dev.stratus.common.store.ObjectStore;
import dev.stratus.testkit.Infrastructure;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * builder-service as deployed: a real Kafka broker, the object store in a data dir of its own, and deploy requests
 * that arrive as api-service sends them. Subclasses choose where images go and how to look one up there.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BuildFlowContract implements TestPropertyProvider {
    static final String NAMESPACE_REGISTRY = "registry.stratus.localhost/funcscwbuildtest";
    private static final Duration BUILD_WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectStore store;
    @Inject
    JsonMapper json;
    Path dataDir;
    private BuildTopics topics;

    /** {@code stratus.registry.url}: empty for the embedded store. */
    abstract String registryUrl();

    /** The manifest digest tagged {@code tag} in the image store, as a runtime would find it. */
    abstract String storedDigest(String repository, String tag) throws Exception;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(Infrastructure.shared().micronautProperties());
        try {
            dataDir = Files.createTempDirectory("stratus-builder-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("stratus.data-dir", dataDir.toString());
        props.put("stratus.registry.url", registryUrl());
        props.put("stratus.runtimes.dir", TestRuntimes.DIR.toString());
        props.put("micronaut.server.port", "-1");
        return props;
    }

    @BeforeAll
    void connect() {
        topics = new BuildTopics(Infrastructure.shared().kafka().bootstrapServers(), json);
    }

    @AfterAll
    void disconnect() throws IOException {
        topics.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void anUploadedZipBecomesAnImageOnTheRegistry() throws Exception {
        DeployRequested request = deploy("hello", 3, "handler.handle", Zips.helloNode());

        BuildFinished result = topics.awaitResult(request.functionId(), BUILD_WAIT);

        assertTrue(result.succeeded(), "build failed: " + result.message());
        assertEquals(request.functionId(), result.functionId());
        assertEquals(3, result.revision());
        assertNull(result.message());
        String repository = "funcscwbuildtest/hello";
        String expectedRegistry = registryUrl().isEmpty() ? "registry.stratus.localhost" : registryUrl();
        assertEquals(expectedRegistry + "/" + repository + ":3", result.image());
        assertTrue(result.digest().matches("sha256:[0-9a-f]{64}"), result.digest());
        assertEquals(result.digest(), storedDigest(repository, "3"));
    }

    @Test
    void aBrokenZipFailsTheBuildWithAReadableMessage() throws Exception {
        byte[] noise = new byte[2048];
        new Random(3).nextBytes(noise);
        BuildFinished notAZip = topics.awaitResult(deploy("noise", 1, "handler.handle", noise).functionId(),
                BUILD_WAIT);
        byte[] zip = Zips.of(Map.of("handler.js", noise));
        BuildFinished truncated = topics.awaitResult(
                deploy("cut", 1, "handler.handle", Arrays.copyOf(zip, zip.length / 2)).functionId(), BUILD_WAIT);

        assertFailed(notAZip, "the archive is empty or not a zip file");
        assertFailed(truncated, "the archive is truncated or damaged: it ends in the middle of an entry");
    }

    @Test
    void aZipWithoutTheHandlerFileFailsNamingTheFile() throws Exception {
        byte[] zip = Zips.of("myfunction/src/app.js", Zips.HELLO_NODE);

        BuildFinished result = topics.awaitResult(deploy("nohandler", 2, "src/app.main", zip).functionId(),
                BUILD_WAIT);

        assertFailed(result, "handler file src/app.js was not found at the root of the archive (zip the function's "
                + "folder contents, not the folder)");
    }

    @Test
    void aMissingArchiveFailsAskingForAnotherUpload() throws Exception {
        DeployRequested request = request("gone", 1, "handler.handle");
        topics.requestDeploy(request);

        assertFailed(topics.awaitResult(request.functionId(), BUILD_WAIT),
                "the uploaded code is gone: upload it again and redeploy");
    }

    @Test
    void aRuntimeThisMachineDoesNotHaveFailsTheBuildNamingIt() throws Exception {
        byte[] zip = Zips.of("handler.py", "def handle(event, context):\n    return 1\n");
        DeployRequested request = deploy(request("py399", 1, "handler.handle", "python399"), zip);

        assertFailed(topics.awaitResult(request.functionId(), BUILD_WAIT),
                "runtime python399 is not available on this platform (/usr/bin/python3.99 is not installed)");
    }

    private static void assertFailed(BuildFinished result, String message) {
        assertFalse(result.succeeded());
        assertEquals(message, result.message());
        assertNull(result.image());
        assertNull(result.digest());
    }

    /** Stores the zip where api-service puts uploads, then asks for a build as api-service does. */
    private DeployRequested deploy(String name, long revision, String handler, byte[] zip) throws Exception {
        return deploy(request(name, revision, handler), zip);
    }

    private DeployRequested deploy(DeployRequested request, byte[] zip) throws Exception {
        Path upload = store.newTempFile();
        Files.write(upload, zip);
        store.put(request.archiveKey(), upload);
        topics.requestDeploy(request);
        return request;
    }

    private static DeployRequested request(String name, long revision, String handler) {
        return request(name, revision, handler, "node22");
    }

    private static DeployRequested request(String name, long revision, String handler, String runtime) {
        String functionId = Ids.newId();
        return new DeployRequested(Ids.newId(), functionId, Ids.newId(), revision, runtime, handler,
                CodeArchives.keyFor(functionId), "unused", NAMESPACE_REGISTRY + "/" + name, Instant.now());
    }
}
