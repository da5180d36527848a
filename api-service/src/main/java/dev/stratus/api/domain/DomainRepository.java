package dev.stratus.api.domain;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DomainRepository extends CrudRepository<Domain, String>, JpaSpecificationExecutor<Domain> {


    List<Domain> findByFunctionId(String functionId);

    /** Locks the row: a status report and a delete of one domain apply one after the other. */
    Optional<Domain> findByIdForUpdate(String id);
}
