package dev.stratus.scheduler.cron;

import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The record of fired ticks in PostgreSQL. Claiming a tick is an insert on its (cron, tick) key: of any number of
 * schedulers racing for it, exactly one wins and publishes it.
 */
@Singleton
public class FireLedger {
    private final DataSource dataSource;

    public FireLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A claimed tick waiting to be (re)published. */
    record Fire(String cronId, Instant tick, UUID invocationId, String functionId) {
    }

    /** The invocation id if this scheduler won the tick, empty if another one already has it. */
    Optional<UUID> claim(String cronId, Instant tick, String functionId) throws SQLException {
        UUID invocationId = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO cron_fire (cron_id, tick, invocation_id, function_id) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")) {
            insert.setString(1, cronId);
            insert.setTimestamp(2, Timestamp.from(tick));
            insert.setObject(3, invocationId);
            insert.setString(4, functionId);
            return insert.executeUpdate() == 1 ? Optional.of(invocationId) : Optional.empty();
        }
    }

    void published(String cronId, Instant tick) throws SQLException {
        update("UPDATE cron_fire SET published_at = now() WHERE cron_id = ? AND tick = ?", cronId, tick);
    }

    void forget(String cronId, Instant tick) throws SQLException {
        update("DELETE FROM cron_fire WHERE cron_id = ? AND tick = ?", cronId, tick);
    }

    /**
     * Claimed ticks still unpublished after {@code grace} (their scheduler died or Kafka was down), re-claimed
     * for this scheduler so that two sweepers do not both take them.
     */
    List<Fire> reclaimStale(Duration grace) throws SQLException {
        List<Fire> fires = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement reclaim = c.prepareStatement(
                "UPDATE cron_fire SET claimed_at = now() WHERE (cron_id, tick) IN (SELECT cron_id, tick FROM cron_fire "
                        + "WHERE published_at IS NULL AND claimed_at < now() - ? * interval '1 millisecond' "
                        + "ORDER BY tick LIMIT 100 FOR UPDATE SKIP LOCKED) "
                        + "RETURNING cron_id, tick, invocation_id, function_id")) {
            reclaim.setLong(1, grace.toMillis());
            try (ResultSet rows = reclaim.executeQuery()) {
                while (rows.next()) {
                    fires.add(new Fire(rows.getString(1), rows.getTimestamp(2).toInstant(),
                            rows.getObject(3, UUID.class), rows.getString(4)));
                }
            }
        }
        return fires;
    }

    private void update(String sql, String cronId, Instant tick) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, cronId);
            statement.setTimestamp(2, Timestamp.from(tick));
            statement.executeUpdate();
        }
    }
}
