package dev.stratus.trigger.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stands in for the platform's gateway in front of one function: checks what a trigger delivery must carry (the
 * function's domain as Host, the invoker token, the trigger id, the content type) and answers by the message:
 * <ul>
 *   <li>{@code m:<n>} with n % 100 == 42: a poison message, always 500;</li>
 *   <li>{@code m:<n>} with n % 10 == 3: 500 on its first call, 200 after (a flaky function);</li>
 *   <li>anything else: 200.</li>
 * </ul>
 * Every message but {@code fast:} ones takes a few milliseconds, as a function would, so that deliveries overlap;
 * {@code fast:} ones are answered at once, to measure throughput.
 */
public final class TestGateway implements AutoCloseable {
    private final HttpServer server;
    private final String domain;
    private final String invokerToken;
    private final String triggerId;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
    private final Set<String> wrongHeaders = ConcurrentHashMap.newKeySet();
    private final LongAdder totalSuccesses = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong firstFastNanos = new AtomicLong();
    private final AtomicLong lastFastNanos = new AtomicLong();

    private TestGateway(HttpServer server, String domain, String invokerToken, String triggerId) {
        this.server = server;
        this.domain = domain;
        this.invokerToken = invokerToken;
        this.triggerId = triggerId;
    }

    public static TestGateway start(String domain, String invokerToken, String triggerId) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        TestGateway gateway = new TestGateway(server, domain, invokerToken, triggerId);
        server.createContext("/", gateway::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return gateway;
    }

    public static boolean isPoison(int n) {
        return n % 100 == 42;
    }

    public static boolean isFlaky(int n) {
        return n % 10 == 3;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        int status;
        String text;
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String problem = checkHeaders(exchange);
            if (problem != null) {
                wrongHeaders.add(body + ": " + problem);
                status = 403;
                text = problem;
            } else {
                status = take(body);
                text = status == 200 ? "" : "failed on purpose: " + body;
            }
        } finally {
            // before the answer goes out: the caller may start its next delivery the moment it has it
            inFlight.decrementAndGet();
        }
        try (exchange) {
            respond(exchange, status, text);
        }
    }

    /** The function's answer to one call with this body, counted. */
    private int take(String body) {
        int call = calls.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
        int status = statusFor(body, call);
        if (status == 200) {
            successes.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
            totalSuccesses.increment();
            if (body.startsWith("fast:")) {
                long now = System.nanoTime();
                firstFastNanos.compareAndSet(0, now);
                lastFastNanos.accumulateAndGet(now, Math::max);
            }
        }
        return status;
    }

    private String checkHeaders(HttpExchange exchange) {
        var headers = exchange.getRequestHeaders();
        if (!domain.equals(headers.getFirst("Host"))) {
            return "Host " + headers.getFirst("Host");
        }
        if (!invokerToken.equals(headers.getFirst("X-Stratus-Invoker"))) {
            return "invoker token " + headers.getFirst("X-Stratus-Invoker");
        }
        if (!triggerId.equals(headers.getFirst("X-Stratus-Trigger"))) {
            return "trigger " + headers.getFirst("X-Stratus-Trigger");
        }
        if (!"text/plain".equals(headers.getFirst("Content-Type"))) {
            return "content type " + headers.getFirst("Content-Type");
        }
        return "POST".equals(exchange.getRequestMethod()) ? null : "method " + exchange.getRequestMethod();
    }

    private static int statusFor(String body, int call) {
        if (body.startsWith("fast:")) {
            return 200;
        }
        try {
            Thread.sleep(3); // the function's own work, so that deliveries overlap; not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!body.startsWith("m:")) {
            return 200;
        }
        int n = Integer.parseInt(body.substring(2));
        return isPoison(n) || (isFlaky(n) && call == 1) ? 500 : 200;
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** How many times the function took this message (answered 200). */
    public int successes(String body) {
        AtomicInteger count = successes.get(body);
        return count == null ? 0 : count.get();
    }

    public int calls(String body) {
        AtomicInteger count = calls.get(body);
        return count == null ? 0 : count.get();
    }

    public long totalSuccesses() {
        return totalSuccesses.sum();
    }

    /** Deliveries per second of {@code fast:} messages, from the first one taken to the last. */
    public double fastRate(int count) {
        long nanos = lastFastNanos.get() - firstFastNanos.get();
        return nanos <= 0 ? 0 : (count - 1) * 1e9 / nanos;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public Set<String> wrongHeaders() {
        return Set.copyOf(wrongHeaders);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
