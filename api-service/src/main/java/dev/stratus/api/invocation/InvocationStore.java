package dev.stratus.api.invocation;

import dev.stratus.common.event.InvocationCompleted;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Stores the invocations of one function and trims them to the newest {@value #KEEP}, in one transaction. */
@Singleton
public class InvocationStore {
    static final int KEEP = 1_000;
    // the event id is the row id, so a redelivered record is stored once; calls of a function deleted meanwhile
    // are dropped here rather than failing on the foreign key
    private static final String INSERT = """
            INSERT INTO invocation (id, function_id, revision, source, status, duration_micros, cold, instance_id,
                                    timestamp)
            SELECT ?, f.id, ?, ?, ?, ?, ?, ?, ? FROM functions f WHERE f.id = ?
            ON CONFLICT (id) DO NOTHING""";

    private final JdbcOperations jdbc;
    private final InvocationRepository repository;

    public InvocationStore(JdbcOperations jdbc, InvocationRepository repository) {
        this.jdbc = jdbc;
        this.repository = repository;
    }

    @Transactional
    public void save(String functionId, List<InvocationCompleted> events) {
        jdbc.prepareStatement(INSERT, statement -> {
            for (InvocationCompleted event : events) {
                statement.setString(1, event.eventId());
                statement.setLong(2, event.revision());
                statement.setString(3, event.source());
                statement.setInt(4, event.status());
                statement.setLong(5, event.durationMicros());
                statement.setBoolean(6, event.cold());
                statement.setString(7, event.instanceId());
                statement.setObject(8, OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC));
                statement.setString(9, functionId);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        repository.deleteOlderThanNewest(functionId, KEEP - 1);
    }
}
