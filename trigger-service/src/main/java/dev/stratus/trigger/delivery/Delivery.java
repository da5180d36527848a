package dev.stratus.trigger.delivery;

import dev.stratus.common.secret.SecretCipher;
import dev.stratus.trigger.TriggerSettings;
import dev.stratus.trigger.source.Message;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs a message's body to its function through the gateway, as Scaleway does: any status of 300 or more, a
 * connection error or a timeout is a failure, retried {@code retries} times with exponential backoff.
 * <p>
 * The platform's own invoker token (derived from the master key) lets the call through for private functions too.
 */
@Singleton
public class Delivery {
    public static final String INVOKER_HEADER = "X-Stratus-Invoker";
    public static final String TRIGGER_HEADER = "X-Stratus-Trigger";
    /** Past the function's timeout, so that the gateway's own 504 normally arrives first. */
    private static final Duration ATTEMPT_MARGIN = Duration.ofSeconds(2);
    private static final int REASON_BODY_CHARS = 200;

    private final HttpClient http;
    private final URI gateway;
    private final String invokerToken;
    private final int retries;
    private final Duration backoff;
    private final Duration gatewayBackoff;
    private final Duration gatewayBackoffMax;

    public Delivery(@Value("${stratus.gateway.url}") String gatewayUrl, SecretCipher cipher,
                    TriggerSettings settings) {
        allowHostHeader();
        this.gateway = URI.create(gatewayUrl).resolve("/");
        this.invokerToken = cipher.invokerToken();
        this.retries = settings.getRetries();
        this.backoff = settings.getRetryBackoff();
        this.gatewayBackoff = settings.getReconnectBackoff();
        this.gatewayBackoffMax = settings.getReconnectBackoffMax();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.getConnectTimeout()).build();
    }

    /** main() allows it; should java.net.http have been used before in this JVM, say so instead of failing later. */
    private static void allowHostHeader() {
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        }
        try {
            HttpRequest.newBuilder().header("Host", "probe");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("java.net.http refuses the Host header: start the JVM with "
                    + "-Djdk.httpclient.allowRestrictedHeaders=host", e);
        }
    }

    /** How long one attempt can take at most, with the backoff before the next one. */
    public Duration attemptWorstCase(Target target) {
        return target.timeout().plus(ATTEMPT_MARGIN).plus(backoff(Math.max(1, retries)));
    }

    /** How long one message can take at most, every attempt and backoff included. */
    public Duration worstCase(Target target) {
        Duration total = target.timeout().plus(ATTEMPT_MARGIN).multipliedBy(retries + 1L);
        for (int retry = 1; retry <= retries; retry++) {
            total = total.plus(backoff(retry));
        }
        return total;
    }

    /**
     * Attempts until one succeeds or all failed; gives up between attempts once {@code giveUp} is set, and runs
     * {@code beforeRetry} before each retry (to tell the broker the message is still being worked on). While the
     * gateway itself cannot be reached the platform is down, not the function: the call is tried again, with a
     * backoff up to the reconnect maximum, without using up an attempt, so an outage dead-letters nothing.
     */
    public Outcome deliver(Target target, String triggerId, Message message, StopSignal giveUp,
                           Runnable beforeRetry) {
        String lastFailure = null;
        for (int attempt = 1; attempt <= retries + 1; attempt++) {
            if (attempt > 1) {
                if (giveUp.await(backoff(attempt - 1))) {
                    return new Outcome.Abandoned(attempt - 1);
                }
                beforeRetry.run();
            }
            Attempt result = attempt(target, triggerId, message);
            for (int wait = 1; result.gatewayDown(); wait++) {
                if (giveUp.await(gatewayBackoff(wait))) {
                    return new Outcome.Abandoned(attempt - 1);
                }
                beforeRetry.run();
                result = attempt(target, triggerId, message);
            }
            if (result.failure() == null) {
                return new Outcome.Delivered(attempt);
            }
            lastFailure = result.failure();
        }
        return new Outcome.Failed(lastFailure, retries + 1);
    }

    /** How one call went: null failure when the function took the message. */
    private record Attempt(String failure, boolean gatewayDown) {
        static final Attempt DELIVERED = new Attempt(null, false);

        static Attempt failed(String failure) {
            return new Attempt(failure, false);
        }
    }

    private Duration gatewayBackoff(int wait) {
        Duration next = gatewayBackoff.multipliedBy(1L << Math.min(wait - 1, 20));
        return next.compareTo(gatewayBackoffMax) > 0 ? gatewayBackoffMax : next;
    }

    private Duration backoff(int retry) {
        return backoff.multipliedBy(1L << Math.min(retry - 1, 20));
    }

    /** One call through the gateway. */
    private Attempt attempt(Target target, String triggerId, Message message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway)
                .timeout(target.timeout().plus(ATTEMPT_MARGIN))
                .header("Host", target.domainName())
                .header(INVOKER_HEADER, invokerToken)
                .header(TRIGGER_HEADER, triggerId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        if (message.contentType() != null && !message.contentType().isBlank()) {
            request.header("Content-Type", message.contentType());
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                Attempt result = status >= 200 && status < 300 ? Attempt.DELIVERED
                        : Attempt.failed("HTTP " + status + describeBody(body.readNBytes(REASON_BODY_CHARS)));
                body.transferTo(OutputStream.nullOutputStream()); // read to the end: the connection is reused
                return result;
            }
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return new Attempt("could not reach the gateway " + gateway + ": " + e, true);
        } catch (HttpTimeoutException e) {
            return Attempt.failed("no answer within " + target.timeout().plus(ATTEMPT_MARGIN).toSeconds() + "s");
        } catch (IOException e) {
            return Attempt.failed("the call through " + gateway + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed("interrupted");
        }
    }

    private static String describeBody(byte[] start) {
        String text = new String(start, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text;
    }
}
