package dev.stratus.trigger.delivery;

import dev.stratus.common.http.ResponseTooLargeException;
import dev.stratus.common.http.UpstreamResponse;
import dev.stratus.common.http.UpstreamTimeoutException;
import dev.stratus.common.secret.SecretCipher;
import dev.stratus.trigger.TriggerSettings;
import dev.stratus.trigger.source.Message;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    private final GatewayConnections connections;
    private final URI gateway;
    private final String invokerToken;
    private final int retries;
    private final Duration backoff;
    private final TriggerSettings settings;

    /** @param maxResponseBytes how much of the gateway's answer is read at most; past it the attempt fails */
    public Delivery(@Value("${stratus.gateway.url}") String gatewayUrl, SecretCipher cipher,
                    TriggerSettings settings,
                    @Value("${stratus.gateway.max-response-bytes:6291456}") long maxResponseBytes) {
        this.gateway = URI.create(gatewayUrl).resolve("/");
        this.invokerToken = cipher.invokerToken();
        this.retries = settings.getRetries();
        this.backoff = settings.getRetryBackoff();
        this.settings = settings;
        int port = gateway.getPort() > 0 ? gateway.getPort() : 80;
        this.connections = new GatewayConnections(new InetSocketAddress(gateway.getHost(), port),
                (int) settings.getConnectTimeout().toMillis(), maxResponseBytes);
    }

    @PreDestroy
    void close() {
        connections.close();
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
                if (giveUp.await(settings.reconnectWait(wait))) {
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

    private Duration backoff(int retry) {
        return backoff.multipliedBy(1L << Math.min(retry - 1, 20));
    }

    /** One call through the gateway. */
    private Attempt attempt(Target target, String triggerId, Message message) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(4);
        headers.add(Map.entry("Host", target.domainName()));
        headers.add(Map.entry(INVOKER_HEADER, invokerToken));
        headers.add(Map.entry(TRIGGER_HEADER, triggerId));
        if (message.contentType() != null && !message.contentType().isBlank()) {
            headers.add(Map.entry("Content-Type", message.contentType()));
        }
        long timeoutMillis = target.timeout().plus(ATTEMPT_MARGIN).toMillis();
        try {
            UpstreamResponse response = connections.post(headers, message.body(), timeoutMillis);
            int status = response.status();
            return status >= 200 && status < 300 ? Attempt.DELIVERED
                    : Attempt.failed("HTTP " + status + describeBody(response.body()));
        } catch (GatewayConnections.GatewayUnreachableException e) {
            return new Attempt("could not reach the gateway " + gateway + ": " + e.getMessage(), true);
        } catch (UpstreamTimeoutException e) {
            return Attempt.failed("no answer within " + timeoutMillis / 1000 + "s");
        } catch (ResponseTooLargeException e) {
            return Attempt.failed("the answer through " + gateway + " was larger than "
                    + ResponseTooLargeException.describe(e.limitBytes()));
        } catch (IOException e) {
            return Attempt.failed("the call through " + gateway + " failed: " + e);
        }
    }

    private static String describeBody(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, REASON_BODY_CHARS), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text;
    }
}
