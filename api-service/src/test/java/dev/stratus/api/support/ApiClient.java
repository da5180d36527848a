package dev.stratus.api.support;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** A plain JDK HTTP client, so tests see the exact status, headers and bytes a real client would. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String secretKey;
    private final JsonMapper json;

    public ApiClient(String baseUrl, String secretKey, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.secretKey = secretKey;
        this.json = json;
    }

    /** The same server with another key (or none, when null). */
    public ApiClient withKey(String otherKey) {
        return new ApiClient(baseUrl, otherKey, json);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, String body) {
        return send("POST", path, body);
    }

    public Response patch(String path, String body) {
        return send("PATCH", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Functions API path in fr-par. */
    public static String fn(String path) {
        return "/functions/v1beta1/regions/fr-par" + path;
    }

    public Response send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8");
        }
        if (secretKey != null) {
            request.header("X-Auth-Token", secretKey);
        }
        return exchange(request.build());
    }

    public Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer: its status, exact content type and body, with JSON accessors. */
    public record Response(int status, String contentType, String body, JsonMapper json) {

        public Map<String, Object> map() {
            try {
                return json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException("Not a JSON object: " + body, e);
            }
        }

        public String string(String field) {
            return (String) map().get(field);
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list(String field) {
            return (List<Map<String, Object>>) map().get(field);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
