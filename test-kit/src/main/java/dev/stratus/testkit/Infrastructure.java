package dev.stratus.testkit;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One PostgreSQL and one Kafka broker per JVM, started together on first use and stopped when the JVM exits (each
 * server registers its own shutdown hook). Every test class of a service shares them, each with its own database.
 */
public final class Infrastructure {
    private static Infrastructure shared;
    private static RuntimeException failure;
    private final Postgres postgres;
    private final KafkaBroker kafka;

    private Infrastructure(Postgres postgres, KafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** The JVM's servers, started on the first call. A failed start is remembered, so later callers fail fast. */
    public static synchronized Infrastructure shared() {
        if (failure != null) {
            throw new IllegalStateException("the shared infrastructure failed to start earlier", failure);
        }
        if (shared == null) {
            try {
                shared = startBoth();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return shared;
    }

    /** In parallel: each takes 2-4 s, mostly waiting on its own process. */
    private static Infrastructure startBoth() {
        CompletableFuture<KafkaBroker> kafka = inThread("start-kafka", KafkaBroker::start);
        CompletableFuture<Postgres> postgres = inThread("start-postgres", Postgres::start);
        try {
            return new Infrastructure(postgres.join(), kafka.join());
        } catch (CompletionException e) {
            // don't keep the one that started running until JVM exit for nothing
            kafka.thenAccept(KafkaBroker::close);
            postgres.thenAccept(Postgres::close);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static <T> CompletableFuture<T> inThread(String name, Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    public Postgres postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** A database of its own in the shared server (created if absent); returns its JDBC URL. */
    public String newDatabase(String name) {
        return postgres.newDatabase(name);
    }

    /** What a Micronaut service needs to reach both servers, for a {@code TestPropertyProvider}. */
    public Map<String, String> micronautProperties() {
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "datasources.default.url", postgres.jdbcUrl(),
                "datasources.default.username", postgres.username(),
                "datasources.default.password", postgres.password());
    }
}
