package dev.stratus.api.support;

import dev.stratus.testkit.Infrastructure;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts api-service against the real PostgreSQL and Kafka of {@link Infrastructure}, with a database of its
 * own per test class, and gives tests a plain HTTP client holding a valid key.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestSupport implements TestPropertyProvider {
    public static final String SECRET_KEY = "22222222-2222-4222-8222-222222222222";
    public static final String PROJECT_ID = "33333333-3333-4333-8333-333333333333";
    public static final String OTHER_KEY = "44444444-4444-4444-8444-444444444444";
    public static final String OTHER_PROJECT_ID = "55555555-5555-4555-8555-555555555555";
    /** The second project {@link #OTHER_KEY} is bound to. */
    public static final String THIRD_PROJECT_ID = "77777777-7777-4777-8777-777777777777";

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected JsonMapper json;
    protected ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Infrastructure infra = Infrastructure.shared();
        Map<String, String> props = new HashMap<>(infra.micronautProperties());
        props.put("datasources.default.url", infra.newDatabase("api_" + UUID.randomUUID().toString().replace("-", "")));
        props.put("micronaut.server.port", "-1");
        props.put("stratus.secret-key", SECRET_KEY);
        props.put("stratus.project-id", PROJECT_ID);
        props.put("stratus.extra-keys", OTHER_KEY + ":" + OTHER_PROJECT_ID + ";" + THIRD_PROJECT_ID);
        props.put("stratus.outbox.poll-interval", "50ms");
        try {
            props.put("stratus.data-dir", Files.createTempDirectory("stratus-api-test").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    @BeforeAll
    void connectClient() {
        api = new ApiClient("http://127.0.0.1:" + server.getPort(), SECRET_KEY, json);
    }

    protected String bootstrapServers() {
        return Infrastructure.shared().kafka().bootstrapServers();
    }

    /** Creates a namespace with a unique name and returns its id. */
    protected String createNamespace() {
        var response = api.post(ApiClient.fn("/namespaces"), "{\"name\":\"ns-" + shortId() + "\"}");
        if (response.status() != 200) {
            throw new AssertionError("namespace creation failed: " + response);
        }
        return response.string("id");
    }

    /** Creates a node22 function in the namespace and returns its id. */
    protected String createFunction(String namespaceId, String name) {
        var response = api.post(ApiClient.fn("/functions"), "{\"name\":\"" + name + "\",\"namespace_id\":\""
                + namespaceId + "\",\"runtime\":\"node22\"}");
        if (response.status() != 200) {
            throw new AssertionError("function creation failed: " + response);
        }
        return response.string("id");
    }

    protected static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
