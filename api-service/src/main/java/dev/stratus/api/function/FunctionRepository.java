package dev.stratus.api.function;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FunctionRepository extends CrudRepository<Function, String>, JpaSpecificationExecutor<Function> {


    /** Locks the row: status events and API calls on one function apply one after the other. */
    Optional<Function> findByIdForUpdate(String id);

    boolean existsByNamespaceIdAndName(String namespaceId, String name);

    List<Function> findByNamespaceId(String namespaceId);
}
