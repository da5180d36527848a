package dev.stratus.testkit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** The Functions API as a client sees it, plus calls through the gateway by Host header. */
public final class FunctionsApi {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiUrl;
    private final String gatewayUrl;
    private final String secretKey;

    public FunctionsApi(String apiUrl, String gatewayUrl, String secretKey) {
        this.apiUrl = apiUrl;
        this.gatewayUrl = gatewayUrl;
        this.secretKey = secretKey;
    }

    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    public JsonNode post(String path, String json) {
        return call("POST", path, json);
    }

    public JsonNode patch(String path, String json) {
        return call("PATCH", path, json);
    }

    public JsonNode delete(String path) {
        return call("DELETE", path, null);
    }

    private JsonNode call(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/functions/v1beta1/regions/fr-par" + path))
                .header("X-Auth-Token", secretKey).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads a zip through the signed URL the API hands out, as the SDKs and the Serverless plugin do. */
    public void upload(String functionId, byte[] zip) {
        JsonNode url = get("/functions/" + functionId + "/upload-url?content_length=" + zip.length);
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(url.get("url").asText()))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zip)).build());
        if (put.statusCode() != 200) {
            throw new AssertionError("upload answered " + put.statusCode() + ": " + put.body());
        }
    }

    /** A namespace with a random name; {@code extraFields} are more JSON fields of the request, or blank. */
    public String createNamespace(String extraFields) {
        String name = "ns-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"name\": \"" + name + "\"" + (extraFields.isBlank() ? "" : "," + extraFields) + "}";
        return post("/namespaces", body).get("id").asText();
    }

    public JsonNode createFunction(String namespaceId, String name, String runtime, String privacy) {
        return post("/functions", "{\"namespace_id\": \"" + namespaceId + "\", \"name\": \"" + name
                + "\", \"runtime\": \"" + runtime + "\", \"privacy\": \"" + privacy + "\"}");
    }

    /** Uploads the code, deploys, and returns the function once it is no longer {@code pending}. */
    public JsonNode uploadAndDeploy(String functionId, byte[] zip, Duration timeout) {
        upload(functionId, zip);
        String status = post("/functions/" + functionId + "/deploy", "{}").get("status").asText();
        if (!status.equals("pending")) {
            throw new AssertionError("deploy answered " + status + ", not pending");
        }
        return awaitFunction(functionId, f -> !f.get("status").asText().equals("pending"), timeout);
    }

    /** Polls the function until {@code done} holds (status changes come back through Kafka). */
    public JsonNode awaitFunction(String functionId, Predicate<JsonNode> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode function = get("/functions/" + functionId);
        while (!done.test(function)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("function did not get there within " + timeout + ": " + function);
            }
            pause();
            function = get("/functions/" + functionId);
        }
        return function;
    }

    /** A call through the gateway, addressed to the function's domain as a browser would. */
    public HttpResponse<String> invoke(String domain, String method, String pathAndQuery, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + pathAndQuery))
                .header("Host", domain).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        return send(request.build());
    }

    public static void pause() {
        try {
            Thread.sleep(100); // pacing between polls; callers loop on a condition with a deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
