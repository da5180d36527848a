package dev.stratus.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import scala.Function0;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An SQS-compatible server (ElasticMQ) on loopback, in this JVM: the local platform's stand-in for Scaleway's
 * managed SQS. Queues and messages are kept in an H2 database under {@code storeDir}, so neither is lost when the
 * platform restarts.
 */
public final class Sqs implements AutoCloseable {
    private final Function0<?> shutdown;
    private final int port;

    private Sqs(Function0<?> shutdown, int port) {
        this.shutdown = shutdown;
        this.port = port;
    }

    /** On {@code port}, or on a free one when 0; fails when the port is taken. */
    public static Sqs start(Path storeDir, int port) {
        int chosen = port == 0 ? KafkaBroker.freePort() : port;
        try {
            Files.createDirectories(storeDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Config config = ConfigFactory.parseMap(Map.of(
                "node-address.host", "127.0.0.1",
                "node-address.port", chosen,
                "rest-sqs.bind-hostname", "127.0.0.1",
                "rest-sqs.bind-port", chosen,
                "messages-storage.enabled", true,
                "messages-storage.uri", "jdbc:h2:" + storeDir.toAbsolutePath().resolve("elasticmq")))
                .withFallback(ConfigFactory.load());
        try {
            return new Sqs(new ElasticMQServer(new ElasticMQServerConfig(config)).start(), chosen);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the SQS server (ElasticMQ) did not start on port " + chosen + ": "
                    + e.getMessage(), e);
        }
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
        shutdown.apply();
    }
}
