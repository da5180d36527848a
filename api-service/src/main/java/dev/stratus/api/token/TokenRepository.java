package dev.stratus.api.token;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TokenRepository extends CrudRepository<Token, String>, JpaSpecificationExecutor<Token> {


    List<Token> findByFunctionId(String functionId);

    List<Token> findByNamespaceId(String namespaceId);
}
