package dev.stratus.api.invocation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InvocationRepository extends GenericRepository<Invocation, String> {

    Page<Invocation> findByFunctionId(String functionId, Pageable pageable);

    long countByFunctionId(String functionId);

    /** Deletes all but the newest {@code keep} invocations of a function. */
    @Query("""
            DELETE FROM invocation WHERE function_id = :functionId AND (timestamp, seq) < (
                SELECT timestamp, seq FROM invocation WHERE function_id = :functionId
                ORDER BY timestamp DESC, seq DESC OFFSET :skip LIMIT 1)""")
    void deleteOlderThanNewest(String functionId, int skip);
}
