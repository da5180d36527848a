package dev.stratus.api.domain;

import dev.stratus.api.support.ApiClient;
import dev.stratus.api.support.ApiTestSupport;
import dev.stratus.api.support.TopicPublisher;
import dev.stratus.common.event.DomainStatusChanged;
import dev.stratus.common.event.Topics;
import dev.stratus.testkit.Poll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A hostname routes to one function only: custom domains and functions' own domain names never collide. */
class DomainApiTest extends ApiTestSupport {

    @Test
    void aHostnameHeldByAnotherFunctionsDomainAnswers409AlreadyExists() {
        String first = createFunction(createNamespace(), "site");
        String host = "shop-" + shortId() + ".example.com";
        assertEquals(200, create(api, first, host).status());

        var other = api.withKey(OTHER_KEY);
        String otherProjects = createFunction(other, "elsewhere");
        var taken = create(other, otherProjects, host.toUpperCase());
        assertAlreadyExists(taken, host);
    }

    @Test
    void namesUnderThePlatformsFunctionsDomainAreRefused() {
        String ns = createNamespace();
        String target = createFunction(ns, "target");
        String owner = createFunction(ns, "owner");
        String ownersDomainName = api.get(fn("/functions/" + owner)).string("domain_name");
        // taken in advance, such a name would block a function another tenant creates later
        String domain = ownersDomainName.substring(ownersDomainName.indexOf('.') + 1);
        for (String hostname : List.of(ownersDomainName, "later-function." + domain, domain)) {
            var refused = create(api, target, hostname);
            assertEquals(400, refused.status(), hostname + ": " + refused);
            assertEquals("invalid_arguments", refused.string("type"), refused.toString());
            assertTrue(refused.body().contains("are the platform's own"), refused.toString());
        }
    }

    @Test
    void concurrentRequestsForOneHostnameLeaveExactlyOneDomain() throws Exception {
        String ns = createNamespace();
        List<String> functions = IntStream.range(0, 6).mapToObj(i -> createFunction(ns, "racer-" + i)).toList();
        String host = "race-" + shortId() + ".example.com";
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ApiClient.Response>> answers = functions.stream()
                .map(function -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return create(api, function, host);
                })).toList();
        start.countDown();

        List<ApiClient.Response> all = answers.stream().map(CompletableFuture::join).toList();
        assertEquals(1, all.stream().filter(r -> r.status() == 200).count(), all.toString());
        all.stream().filter(r -> r.status() != 200).forEach(r -> assertAlreadyExists(r, host));
    }

    @Test
    void aDeletedDomainsHostnameCanBeTakenAgain() {
        String ns = createNamespace();
        String first = createFunction(ns, "before");
        String second = createFunction(ns, "after");
        String host = "moved-" + shortId() + ".example.com";
        var created = create(api, first, host);
        assertEquals("deleting", api.delete(fn("/domains/" + created.string("id"))).string("status"));
        assertEquals(200, create(api, second, host).status());
    }

    @Test
    void aDomainIsPendingUntilTheRuntimeReportsItRoutedThenReadyWithItsUrl() {
        String function = createFunction(createNamespace(), "routed");
        String host = "www-" + shortId() + ".example.com";
        var created = create(api, function, host);
        assertEquals("pending", created.string("status"));
        assertEquals("", created.string("url"));
        String id = created.string("id");

        try (var kafka = new TopicPublisher(bootstrapServers(), json)) {
            kafka.send(Topics.DOMAIN_STATUS, id, new DomainStatusChanged(UUID.randomUUID().toString(), id,
                    DomainStatusChanged.READY, null, Instant.now()));
        }
        var ready = Poll.until(() -> api.get(fn("/domains/" + id)), r -> "ready".equals(r.string("status")),
                Duration.ofSeconds(30));
        assertEquals("https://" + host, ready.string("url"));
        assertNull(ready.string("error_message"));
    }

    @Test
    void anInvalidHostnameAnswers400InvalidArguments() {
        String function = createFunction(createNamespace(), "strict");
        for (String bad : List.of("not a host", "localhost", "-lead.example.com", "a..b.example.com")) {
            var refused = create(api, function, bad);
            assertEquals(400, refused.status(), bad + ": " + refused);
            assertEquals("invalid_arguments", refused.string("type"), refused.toString());
        }
    }

    private static ApiClient.Response create(ApiClient client, String functionId, String hostname) {
        return client.post(fn("/domains"), "{\"function_id\":\"" + functionId + "\",\"hostname\":\"" + hostname + "\"}");
    }

    private static String createFunction(ApiClient client, String name) {
        String ns = client.post(fn("/namespaces"), "{\"name\":\"ns-" + shortId() + "\"}").string("id");
        return client.post(fn("/functions"), "{\"name\":\"" + name + "\",\"namespace_id\":\"" + ns
                + "\",\"runtime\":\"node22\"}").string("id");
    }

    private static void assertAlreadyExists(ApiClient.Response response, String hostname) {
        assertEquals(409, response.status(), response.toString());
        assertEquals("already_exists", response.string("type"), response.toString());
        assertEquals("domain", response.string("resource"));
        assertEquals(hostname.toLowerCase(), response.string("resource_id"));
        assertTrue(response.string("message").contains("already in use"), response.toString());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
