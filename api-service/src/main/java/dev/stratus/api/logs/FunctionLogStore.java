package dev.stratus.api.logs;

import dev.stratus.common.event.FunctionLogLines;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Stores the log lines of one function and trims them to the newest {@value #KEEP}, in one transaction. */
@Singleton
public class FunctionLogStore {
    static final int KEEP = 1_000;
    // the runtime cuts lines at 8 KiB of UTF-8, which is never more characters than this
    private static final int MAX_MESSAGE_CHARS = 8 * 1024;
    // lines of a function deleted meanwhile are dropped here rather than failing on the foreign key
    private static final String INSERT = """
            INSERT INTO function_log (id, function_id, instance_id, stream, message, timestamp)
            SELECT ?, f.id, ?, ?, ?, ? FROM functions f WHERE f.id = ?
            ON CONFLICT (id) DO NOTHING""";

    private final JdbcOperations jdbc;
    private final FunctionLogRepository repository;

    public FunctionLogStore(JdbcOperations jdbc, FunctionLogRepository repository) {
        this.jdbc = jdbc;
        this.repository = repository;
    }

    @Transactional
    public void save(String functionId, List<FunctionLogLines> batches) {
        jdbc.prepareStatement(INSERT, statement -> {
            for (FunctionLogLines batch : batches) {
                for (int i = 0; i < batch.lines().size(); i++) {
                    bind(statement, functionId, batch, i);
                    statement.addBatch();
                }
            }
            return statement.executeBatch();
        });
        repository.deleteOlderThanNewest(functionId, KEEP - 1);
    }

    private static void bind(PreparedStatement statement, String functionId, FunctionLogLines batch, int index)
            throws SQLException {
        FunctionLogLines.Line line = batch.lines().get(index);
        // derived from the event, so that a redelivered batch does not store its lines twice
        statement.setString(1, UUID.nameUUIDFromBytes((batch.eventId() + "/" + index)
                .getBytes(StandardCharsets.UTF_8)).toString());
        statement.setString(2, batch.instanceId());
        statement.setString(3, FunctionLogLines.STDERR.equals(line.stream()) ? FunctionLogLines.STDERR
                : FunctionLogLines.STDOUT);
        statement.setString(4, storable(line.message()));
        statement.setObject(5, OffsetDateTime.ofInstant(line.timestamp(), ZoneOffset.UTC));
        statement.setString(6, functionId);
    }

    /** PostgreSQL text cannot hold NUL, which a process may well print. */
    private static String storable(String message) {
        if (message == null) {
            return "";
        }
        String capped = message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message;
        return capped.replace('\u0000', '\uFFFD');
    }
}
