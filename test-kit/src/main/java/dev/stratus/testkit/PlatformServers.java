package dev.stratus.testkit;

import dev.stratus.testkit.LocalPlatform.Service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * What the services of a {@link LocalPlatform} stand on: PostgreSQL, the Kafka broker and the managed queues,
 * under the platform's data dir. Whichever of them started is kept, so that {@link #close()} stops it whatever
 * else failed.
 */
final class PlatformServers implements AutoCloseable {
    private volatile Postgres postgres;
    private volatile KafkaBroker kafka;
    private volatile ManagedQueues queues;

    /** All at once: each takes seconds, mostly waiting on its own process. */
    void start(Path dataDir, LocalPlatformOptions options) {
        CompletableFuture<Postgres> pg = Concurrently.inThread("start-postgres",
                () -> Postgres.start(dataDir.resolve("postgres"), options.postgresPort()));
        CompletableFuture<KafkaBroker> broker = Concurrently.inThread("start-kafka",
                () -> KafkaBroker.start(dataDir.resolve("kafka"), options.kafkaPort()));
        Map<String, String> triggerEnv = options.env().getOrDefault(Service.TRIGGER, Map.of());
        boolean nats = options.managedQueues() && !userConfigured(triggerEnv, ManagedQueues.NATS_URL);
        boolean sqs = options.managedQueues() && !userConfigured(triggerEnv, ManagedQueues.SQS_ENDPOINT);
        CompletableFuture<ManagedQueues> managed = Concurrently.inThread("start-queues", () -> ManagedQueues.start(
                dataDir, options.natsPort(), nats, options.sqsPort(), sqs));
        try {
            Concurrently.joinAll(List.of(pg, broker, managed));
        } finally {
            postgres = pg.state() == Future.State.SUCCESS ? pg.resultNow() : null;
            kafka = broker.state() == Future.State.SUCCESS ? broker.resultNow() : null;
            queues = managed.state() == Future.State.SUCCESS ? managed.resultNow() : null;
        }
    }

    /** A server the user gave trigger-service (in the service's options or this process's environment). */
    private static boolean userConfigured(Map<String, String> serviceEnv, String variable) {
        String value = serviceEnv.getOrDefault(variable, System.getenv(variable));
        return value != null && !value.isBlank();
    }

    Postgres postgres() {
        return postgres;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    /** What trigger-service is told of the managed queues started here. */
    Map<String, String> queueEnvironment() {
        return queues == null ? Map.of() : queues.environment();
    }

    Optional<String> natsUrl() {
        return queues == null ? Optional.empty() : queues.natsUrl();
    }

    Optional<String> sqsEndpoint() {
        return queues == null ? Optional.empty() : queues.sqsEndpoint();
    }

    /** The queues, then Kafka, then PostgreSQL. */
    @Override
    public void close() {
        try {
            if (queues != null) {
                queues.close();
            }
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
