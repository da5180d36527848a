package dev.stratus.trigger.delivery;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.common.http.HttpConnection;
import dev.stratus.common.secret.SecretCipher;
import dev.stratus.testkit.Poll;
import dev.stratus.trigger.TriggerSettings;
import dev.stratus.trigger.source.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A gateway that cannot be reached is the platform being down: no attempt is used up, nothing dead-lettered. */
@Timeout(60)
class DeliveryTest {
    private static final Target TARGET = new Target("f", "fn.functions.localhost", Duration.ofSeconds(5), 10);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Message MESSAGE = new Message("1", "hello".getBytes(StandardCharsets.UTF_8), null, null);

    @Test
    void waitsForTheGatewayWithoutUsingUpAttempts() throws Exception {
        int port = freePort();
        Delivery delivery = delivery(port);
        StopSignal stop = new StopSignal();
        AtomicInteger progressReports = new AtomicInteger();
        var outcome = CompletableFuture.supplyAsync(() -> delivery.deliver(TARGET, "t", MESSAGE, stop,
                progressReports::incrementAndGet));
        // longer than every retry's backoff together (0.05 + 0.1 + 0.2 s): counted attempts would have run out
        Poll.until("the delivery keeps trying while the gateway is down", () -> progressReports.get() >= 8, WAIT);
        assertFalse(outcome.isDone(), "nothing is given up while the gateway is down: " + outcome.getNow(null));
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 10);
        AtomicInteger calls = new AtomicInteger();
        gateway.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        gateway.start();
        try {
            Outcome result = outcome.get(20, TimeUnit.SECONDS);
            assertEquals(new Outcome.Delivered(1), result, "the first attempt that reached the function counts");
            assertEquals(1, calls.get());
        } finally {
            gateway.stop(0);
        }
    }

    @Test
    void aStopWhileTheGatewayIsDownHandsTheMessageBack() throws Exception {
        Delivery delivery = delivery(freePort());
        StopSignal stop = new StopSignal();
        AtomicInteger progressReports = new AtomicInteger();
        var outcome = CompletableFuture.supplyAsync(() -> delivery.deliver(TARGET, "t", MESSAGE, stop,
                progressReports::incrementAndGet));
        Poll.until("the delivery waits for the gateway", () -> progressReports.get() >= 2, WAIT);
        stop.set();
        assertInstanceOf(Outcome.Abandoned.class, outcome.get(20, TimeUnit.SECONDS));
    }

    private static Delivery delivery(int port) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        TriggerSettings settings = new TriggerSettings();
        settings.setRetries(3);
        settings.setRetryBackoff(Duration.ofMillis(50));
        settings.setReconnectBackoff(Duration.ofMillis(20));
        settings.setReconnectBackoffMax(Duration.ofMillis(100));
        SecretCipher cipher = new SecretCipher(Base64.getEncoder().encodeToString(key), "/nonexistent");
        return new Delivery("http://127.0.0.1:" + port, cipher, settings, HttpConnection.DEFAULT_MAX_BODY_BYTES);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
