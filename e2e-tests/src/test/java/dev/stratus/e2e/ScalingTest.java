package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.testkit.Poll;
import dev.stratus.testkit.client.FunctionZips;
import dev.stratus.testkit.client.FunctionsApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instances as users feel them: cold bursts, limits, warm minimums, scale to zero, timeouts, drains. */
class ScalingTest {
    /** Answers "<instance>:<GREETING>" after sleeping ?sleep= milliseconds. */
    private static final String SLEEPER = """
            const instance = Math.random().toString(36).slice(2);
            module.exports.handle = async (event) => {
              const ms = Number((event.queryStringParameters || {}).sleep || 0);
              if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
              return { statusCode: 200, body: instance + ":" + process.env.GREETING };
            };
            """;
    private static final Duration DEPLOY = Duration.ofSeconds(90);
    private static final Duration SCALE = Duration.ofSeconds(40);
    private static FunctionsApi api;
    private static String namespace;
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void start() {
        api = Platform.api();
        namespace = api.createNamespace("\"environment_variables\": {\"GREETING\": \"v1\"}");
    }

    @Test
    void burstAtZeroIsServedWithoutErrorsAndNeverPastMaxScale() throws Exception {
        JsonNode function = deploy("burst", "\"max_scale\": 3");
        awaitInstances(function, n -> n == 0);
        AtomicInteger mostSeen = new AtomicInteger();
        AtomicBoolean bursting = new AtomicBoolean(true);
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            while (bursting.get()) {
                mostSeen.accumulateAndGet(instances(function), Math::max);
            }
        }, clients);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> call(function, "/?sleep=300"), clients));
        }
        for (var call : calls) {
            assertEquals(200, call.get().statusCode(), call.get().body());
        }
        bursting.set(false);
        sampler.get();
        assertTrue(mostSeen.get() <= 3, "max_scale 3 exceeded: " + mostSeen.get());
        assertTrue(mostSeen.get() >= 2, "the burst should have scaled out, saw " + mostSeen.get());
    }

    @Test
    void minScaleInstancesRunBeforeAnyCall() {
        JsonNode function = deploy("warm", "\"min_scale\": 2, \"max_scale\": 3");
        awaitInstances(function, n -> n == 2);
    }

    @Test
    void idleFunctionGoesBackToZero() {
        JsonNode function = deploy("idle", "");
        assertEquals(200, call(function, "/").statusCode());
        awaitInstances(function, n -> n == 0);
    }

    @Test
    void requestPastItsTimeoutGets504AndItsInstanceIsReplaced() {
        JsonNode function = deploy("slow", "\"timeout\": \"10s\", \"max_scale\": 1");
        String before = call(function, "/").body();
        long start = System.nanoTime();
        HttpResponse<String> late = call(function, "/?sleep=20000");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(504, late.statusCode(), late.body());
        assertTrue(tookMillis >= 9000 && tookMillis < 15000, "answered after " + tookMillis + " ms");
        HttpResponse<String> after = call(function, "/");
        assertEquals(200, after.statusCode(), after.body());
        assertNotEquals(instanceOf(before), instanceOf(after.body()), "the timed-out instance must be replaced");
    }

    @Test
    void longRequestSurvivesAScaleDown() throws Exception {
        JsonNode function = deploy("drain", "\"max_scale\": 2");
        var longCall = CompletableFuture.supplyAsync(() -> call(function, "/?sleep=12000"), clients);
        var shortCall = CompletableFuture.supplyAsync(() -> call(function, "/?sleep=200"), clients);
        assertEquals(200, shortCall.get().statusCode());
        awaitInstances(function, n -> n == 2);
        awaitInstances(function, n -> n == 1);
        assertTrue(!longCall.isDone(), "the scale-down should happen while the long request runs");
        assertEquals(200, longCall.get().statusCode(), longCall.get().body());
    }

    @Test
    void redeployUnderLoadFailsNoRequest() throws Exception {
        JsonNode function = deploy("rolling", "\"max_scale\": 2");
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        List<String> lastBodies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> load = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            load.add(CompletableFuture.runAsync(() -> {
                while (loading.get()) {
                    HttpResponse<String> response = call(function, "/?sleep=20");
                    (response.statusCode() == 200 ? served : failures).incrementAndGet();
                    lastBodies.add(response.statusCode() + " " + response.body());
                }
            }, clients));
        }
        String id = function.get("id").asText();
        awaitServed(served, 30); // the old revision is under load before the redeploy starts
        api.patch("/functions/" + id, "{\"environment_variables\": {\"GREETING\": \"v2\"}, \"redeploy\": true}");
        api.awaitFunction(id, f -> f.get("status").asText().equals("ready"), DEPLOY);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until && !lastBodies.getLast().endsWith(":v2")) {
            FunctionsApi.pause();
        }
        awaitServed(served, served.get() + 30); // and the new one after it
        loading.set(false);
        for (var client : load) {
            client.get();
        }
        assertEquals(0, failures.get(), "failed during the redeploy: " + lastBodies.stream()
                .filter(b -> !b.startsWith("200")).limit(5).toList());
        assertTrue(lastBodies.getLast().endsWith(":v2"), "traffic should reach the new revision");
    }

    private static void awaitServed(AtomicInteger served, int atLeast) {
        Poll.until(atLeast + " calls served", () -> served.get() >= atLeast, () -> "only " + served.get(), SCALE);
    }

    private JsonNode deploy(String name, String settings) {
        JsonNode function = api.createFunction(namespace, name, "node22", "public");
        String id = function.get("id").asText();
        if (!settings.isBlank()) {
            api.patch("/functions/" + id, "{" + settings + ", \"redeploy\": false}");
        }
        JsonNode ready = api.uploadAndDeploy(id, FunctionZips.of(Map.of("handler.js", SLEEPER)), DEPLOY);
        assertEquals("ready", ready.get("status").asText(), ready.toString());
        return ready;
    }

    private HttpResponse<String> call(JsonNode function, String path) {
        return api.invoke(function.get("domain_name").asText(), "GET", path, null, null);
    }

    private static String instanceOf(String body) {
        return body.substring(0, body.indexOf(':'));
    }

    private static int instances(JsonNode function) {
        try {
            JsonNode entry = FunctionsApi.JSON.readTree(Platform.instances()).get(function.get("id").asText());
            return entry == null ? 0 : entry.get("pool").get("instances").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitInstances(JsonNode function, IntPredicate done) {
        long deadline = System.nanoTime() + SCALE.toNanos();
        int seen = instances(function);
        while (!done.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instances stayed at " + seen + ": " + Platform.instances());
            }
            FunctionsApi.pause();
            seen = instances(function);
        }
    }
}
