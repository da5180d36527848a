package dev.stratus.api.outbox;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends CrudRepository<OutboxEvent, Long> {

    @Query("SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT :limit")
    List<OutboxEvent> findUnsent(int limit);

    void update(@Id Long id, Instant sentAt);

    @Query("DELETE FROM outbox WHERE sent_at < :before")
    void deleteSentBefore(Instant before);

    long countBySentAtIsNull();

    /** Only one relay publishes at a time, so events leave in the order they were written. */
    @Query(value = "SELECT pg_try_advisory_xact_lock(7355608)", nativeQuery = true)
    boolean tryRelayLock();
}
