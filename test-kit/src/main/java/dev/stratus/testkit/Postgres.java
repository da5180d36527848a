package dev.stratus.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 17 from zonky's Maven Central binaries (it runs as root through a user namespace). zonky
 * starts the server with {@code pg_ctl}, which would outlive a killed JVM, so a watchdog process holding a pipe
 * from this JVM stops the postmaster when that pipe closes.
 */
public final class Postgres implements AutoCloseable {
    private static final Pattern DATABASE_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    private final EmbeddedPostgres server;
    private final long postmasterPid;
    private final Process watchdog;

    private Postgres(EmbeddedPostgres server, long postmasterPid, Process watchdog) {
        this.server = server;
        this.postmasterPid = postmasterPid;
        this.watchdog = watchdog;
    }

    /** A throw-away server. */
    public static Postgres start() {
        return start(null, 0);
    }

    /** A server keeping its data in {@code dataDir} (reused when present), on {@code port} or a free one. */
    public static Postgres start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300");
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres server = builder.start();
            long postmaster = postmasterPid(server);
            Postgres postgres = new Postgres(server, postmaster, watchdogFor(postmaster));
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    private static long postmasterPid(EmbeddedPostgres server) throws IOException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             var statement = connection.createStatement();
             var result = statement.executeQuery("SHOW data_directory")) {
            result.next();
            return Long.parseLong(Files.readAllLines(Path.of(result.getString(1), "postmaster.pid")).get(0).trim());
        } catch (SQLException e) {
            throw new IOException("Cannot find the postmaster", e);
        }
    }

    /** {@code sh} waits on a pipe this JVM holds; when the JVM dies the pipe closes and it stops the postmaster. */
    private static Process watchdogFor(long postmaster) throws IOException {
        return new ProcessBuilder("sh", "-c", "cat >/dev/null; kill -INT " + postmaster + " 2>/dev/null")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    public String jdbcUrl() {
        return server.getJdbcUrl("postgres", "postgres");
    }

    public String jdbcUrl(String database) {
        return server.getJdbcUrl("postgres", database);
    }

    public int port() {
        return server.getPort();
    }

    public long postmasterPid() {
        return postmasterPid;
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    /** Creates a database in this server (if absent) and returns its JDBC URL: one schema per service or test. */
    public String newDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database names are lowercase identifiers: " + name);
        }
        try (Connection connection = server.getPostgresDatabase().getConnection();
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
            return jdbcUrl(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            watchdog.destroy();
        }
    }

}
