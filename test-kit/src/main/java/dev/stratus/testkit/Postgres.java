package dev.stratus.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 17 from zonky's Maven Central binaries (as root it runs them through {@code unshare -U}).
 * <p>
 * zonky starts the server with {@code pg_ctl}, which daemonizes: a JVM killed with {@code kill -9} leaves it
 * running (checked). So a watchdog {@code sh}, reading a pipe only this JVM holds, stops the postmaster when the
 * pipe closes. The directory holds the cluster in {@code pgdata/} and the server's output in {@code postgres.log}.
 */
public final class Postgres implements AutoCloseable {
    static final String TEMP_PREFIX = "stratus-pg";
    private static final Pattern DATABASE_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    private final EmbeddedPostgres server;
    private final Path dir;
    private final boolean ownsDir;
    private final long postmasterPid;
    private final Process watchdog;
    private final Thread shutdownHook = new Thread(this::close, "postgres-stop");

    private Postgres(EmbeddedPostgres server, Path dir, boolean ownsDir, long postmasterPid, Process watchdog) {
        this.server = server;
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.postmasterPid = postmasterPid;
        this.watchdog = watchdog;
    }

    /** A throw-away server under java.io.tmpdir, deleted by {@link #close()}. */
    public static Postgres start() {
        return start(WorkDirs.createTemp(TEMP_PREFIX), true, 0);
    }

    /** A server on a free port keeping its data in {@code dir} (reused when present, never deleted). */
    public static Postgres start(Path dir) {
        return start(dir, false, 0);
    }

    /** As {@link #start(Path)} on a fixed port (e.g. 5432 for a local platform); 0 picks a free one. */
    public static Postgres start(Path dir, int port) {
        return start(dir, false, port);
    }

    private static Postgres start(Path dir, boolean owns, int port) {
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("pgdata"))
                    .setCleanDataDirectory(owns)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    // the log file is opened only when initdb runs, so it cannot sit inside pgdata
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    // test data is throw-away: trade durability for speed
                    .setServerConfig("fsync", owns ? "off" : "on")
                    .setServerConfig("full_page_writes", owns ? "off" : "on")
                    .start();
            long postmaster = readPostmasterPid(dir.resolve("pgdata"));
            Postgres postgres = new Postgres(server, dir, owns, postmaster, watchdogFor(postmaster));
            Runtime.getRuntime().addShutdownHook(postgres.shutdownHook);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start; see " + dir.resolve("postgres.log"), e);
        }
    }

    private static long readPostmasterPid(Path pgdata) throws IOException {
        return Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).get(0).trim());
    }

    /** {@code sh} waits for EOF on a pipe from this JVM, which closes when the JVM dies however it dies. */
    private static Process watchdogFor(long postmaster) throws IOException {
        String script = "while read -r _; do :; done; kill -INT " + postmaster + " 2>/dev/null";
        return new ProcessBuilder("sh", "-c", script)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The {@code postgres} database. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return server.getJdbcUrl(username(), database);
    }

    public int port() {
        return server.getPort();
    }

    /** Holds {@code pgdata/} and {@code postgres.log}. */
    public Path directory() {
        return dir;
    }

    public long postmasterPid() {
        return postmasterPid;
    }

    public String username() {
        return "postgres";
    }

    /** Any password works: the server trusts local connections. */
    public String password() {
        return "postgres";
    }

    /** Creates a database if absent and returns its JDBC URL: one per service or test class. */
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

    /** Stops the server (fast shutdown) and deletes the directory if {@link #start()} created it. */
    @Override
    public synchronized void close() {
        try {
            server.close(); // a no-op if zonky's own shutdown hook got there first
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            watchdog.destroy();
            awaitPostmasterExit();
            if (ownsDir) {
                WorkDirs.deleteTree(dir);
            }
            removeShutdownHook();
        }
    }

    /** zonky's hook may still be stopping the server; deleting files under a live postmaster would be rude. */
    private void awaitPostmasterExit() {
        ProcessHandle.of(postmasterPid).ifPresent(handle -> {
            try {
                handle.onExit().get(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException ignored) {
                // give up waiting; deletion is best effort
            }
        });
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // we are the hook, or the JVM is exiting anyway
        }
    }
}
