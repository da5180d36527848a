package dev.stratus.builder.build;

import dev.stratus.testkit.Registry;
import org.junit.jupiter.api.AfterAll;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With {@code stratus.registry.url} set: images are pushed to a real OCI registry. */
class BuilderServiceRegistryTest extends BuildFlowContract {
    private Registry registry;

    /** Asked for by getProperties, before any @BeforeAll runs: the registry starts then. */
    @Override
    String registryUrl() {
        if (registry == null) {
            registry = Registry.start();
        }
        return registry.hostPort();
    }

    @AfterAll
    void stopRegistry() {
        registry.close();
    }

    @Override
    String storedDigest(String repository, String tag) throws Exception {
        URI manifest = URI.create("http://" + registry.hostPort() + "/v2/" + repository + "/manifests/" + tag);
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(manifest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.oci.image.manifest.v1+json").build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, response.statusCode(), "HEAD " + manifest);
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }
}
