package dev.stratus.testkit;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * An SQS-compatible server (ElasticMQ) on loopback, in this JVM: the local platform's stand-in for Scaleway's
 * managed SQS. Queues and messages live in memory, so they last as long as the platform runs.
 */
public final class Sqs implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    private Sqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** On {@code port}, or on a free one when 0; fails when the port is taken. */
    public static Sqs start(int port) {
        int chosen = port == 0 ? KafkaBroker.freePort() : port;
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(chosen).start();
        try {
            server.waitUntilStarted();
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw new IllegalStateException("the SQS server (ElasticMQ) did not start on port " + chosen + ": "
                    + e.getMessage(), e);
        }
        return new Sqs(server, chosen);
    }

    /** The endpoint AWS clients are given ({@code --endpoint-url}). */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
