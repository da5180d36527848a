package dev.stratus.api.namespace;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NamespaceRepository extends CrudRepository<Namespace, String>, JpaSpecificationExecutor<Namespace> {


    boolean existsByProjectIdAndRegionAndName(String projectId, String region, String name);
}
