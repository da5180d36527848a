package dev.stratus.testkit;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresTest {

    @Test
    void createsInsertsAndSelects() throws Exception {
        Postgres postgres = Infrastructure.shared().postgres();
        try (Connection db = connect(postgres.jdbcUrl())) {
            db.createStatement().execute("CREATE TABLE crud (id int PRIMARY KEY, name text)");
            db.createStatement().execute("INSERT INTO crud VALUES (1, 'one'), (2, 'two')");
            ResultSet rows = db.createStatement().executeQuery("SELECT name FROM crud WHERE id = 2");
            assertTrue(rows.next());
            assertEquals("two", rows.getString(1));
            ResultSet version = db.createStatement().executeQuery("SHOW server_version_num");
            version.next();
            assertEquals(17, version.getInt(1) / 10000, "the binaries BOM pins PostgreSQL 17");
        }
    }

    @Test
    void newDatabaseIsSeparate() throws Exception {
        Infrastructure infra = Infrastructure.shared();
        String first = infra.newDatabase("testkit_one");
        String second = infra.newDatabase("testkit_two");
        try (Connection a = connect(first); Connection b = connect(second)) {
            a.createStatement().execute("CREATE TABLE only_in_one (v text)");
            a.createStatement().execute("INSERT INTO only_in_one VALUES ('x')");
            ResultSet rows = a.createStatement().executeQuery("SELECT v FROM only_in_one");
            assertTrue(rows.next());
            assertEquals("x", rows.getString(1));
            assertThrows(SQLException.class, () -> b.createStatement().executeQuery("SELECT * FROM only_in_one"));
        }
        assertEquals(first, infra.newDatabase("testkit_one"), "asking again reuses the database");
        assertThrows(IllegalArgumentException.class, () -> infra.newDatabase("x; DROP DATABASE postgres"));
    }

    @Test
    void micronautPropertiesPointAtTheSharedServers() throws Exception {
        var props = Infrastructure.shared().micronautProperties();
        assertEquals(Infrastructure.shared().kafka().bootstrapServers(), props.get("kafka.bootstrap.servers"));
        try (Connection db = DriverManager.getConnection(props.get("datasources.default.url"),
                props.get("datasources.default.username"), props.get("datasources.default.password"))) {
            assertFalse(db.isClosed());
        }
    }

    private static Connection connect(String url) throws SQLException {
        Postgres postgres = Infrastructure.shared().postgres();
        return DriverManager.getConnection(url, postgres.username(), postgres.password());
    }
}
