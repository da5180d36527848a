package dev.stratus.api.cron;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CronRepository extends CrudRepository<Cron, String>, JpaSpecificationExecutor<Cron> {


    List<Cron> findByFunctionId(String functionId);
}
