package dev.stratus.testkit;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One PostgreSQL and one Kafka broker per JVM, started together on first use and stopped when the JVM exits.
 * Every test class of every service shares them, each with a database of its own.
 */
public final class Infrastructure {
    private static volatile Infrastructure shared;
    private final Postgres postgres;
    private final KafkaBroker kafka;

    private Infrastructure(Postgres postgres, KafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static Infrastructure shared() {
        Infrastructure current = shared;
        if (current == null) {
            synchronized (Infrastructure.class) {
                current = shared;
                if (current == null) {
                    current = startBoth();
                    shared = current;
                }
            }
        }
        return current;
    }

    private static Infrastructure startBoth() {
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(KafkaBroker::start);
        Postgres postgres = Postgres.start();
        return new Infrastructure(postgres, kafka.join());
    }

    public Postgres postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public String newDatabase(String name) {
        return postgres.newDatabase(name);
    }

    /** What a Micronaut service needs to reach both servers. */
    public Map<String, String> micronautProperties() {
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "datasources.default.url", postgres.jdbcUrl(),
                "datasources.default.username", postgres.username(),
                "datasources.default.password", postgres.password());
    }
}
