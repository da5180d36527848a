package dev.stratus.runtime.image;

import dev.stratus.common.image.ImageReference;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Pulls over the OCI distribution API (plain HTTP on a trusted network, as the builder pushes). */
final class RegistryBlobSource implements BlobSource {
    private static final String ACCEPT = "application/vnd.oci.image.manifest.v1+json,"
            + "application/vnd.docker.distribution.manifest.v2+json";
    private final String registry;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();

    RegistryBlobSource(String registryHostPort) {
        this.registry = registryHostPort;
    }

    @Override
    public byte[] manifest(ImageReference reference) throws IOException {
        var response = get("/v2/" + reference.repository() + "/manifests/" + reference.tag(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.body();
    }

    @Override
    public InputStream blob(ImageReference reference, String digest) throws IOException {
        return get("/v2/" + reference.repository() + "/blobs/" + digest, HttpResponse.BodyHandlers.ofInputStream())
                .body();
    }

    private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + registry + path)).header("Accept", ACCEPT)
                .timeout(Duration.ofMinutes(2)).GET().build();
        try {
            HttpResponse<T> response = http.send(request, handler);
            if (response.statusCode() != 200) {
                if (response.body() instanceof InputStream stream) {
                    stream.close();
                }
                throw new IOException("registry " + registry + " answered " + response.statusCode() + " for " + path);
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pulling " + path, e);
        }
    }
}
