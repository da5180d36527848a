package dev.stratus.api.trigger;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TriggerRepository extends CrudRepository<Trigger, String>, JpaSpecificationExecutor<Trigger> {


    /** Locks the row: status reports and API updates of one trigger apply one after the other. */
    Optional<Trigger> findByIdForUpdate(String id);

    List<Trigger> findByFunctionId(String functionId);
}
