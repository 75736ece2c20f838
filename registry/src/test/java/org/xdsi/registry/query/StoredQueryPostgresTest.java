package org.xdsi.registry.query;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@link StoredQueryContract} on PostgreSQL, the production database. {@code XDSI_TEST_POSTGRES_URL} names a server
 * database the test may create databases from, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}.
 * The {@code postgres} Maven profile (active when that variable is set, as in {@code .ci/run}) runs this class;
 * a plain {@code mvn verify} without a server leaves it out rather than skipping it.
 */
class StoredQueryPostgresTest extends StoredQueryContract {
    @Override
    String url(String name) {
        String base = System.getenv("XDSI_TEST_POSTGRES_URL");
        if (base == null || base.isBlank()) {
            throw new IllegalStateException("XDSI_TEST_POSTGRES_URL is not set: run with a PostgreSQL server (see .ci/run)");
        }
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        int q = base.indexOf('?');
        String path = q < 0 ? base : base.substring(0, q);
        return path.substring(0, path.lastIndexOf('/') + 1) + name + (q < 0 ? "" : base.substring(q));
    }
}
