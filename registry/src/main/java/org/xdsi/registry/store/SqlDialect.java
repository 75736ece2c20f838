package org.xdsi.registry.store;

import java.util.Map;

/** The few places where H2, Derby and PostgreSQL differ. Everything else is SQL they share. */
public enum SqlDialect {
    // H2 keeps a CLOB apart from its row; an in-row string reads several times faster (ebRIM objects are a few KB)
    H2("CHARACTER VARYING(1000000)", "BINARY VARYING(1000000)", "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL"),
    DERBY("CLOB", "BLOB", "ALTER TABLE %s ALTER COLUMN %s NOT NULL"),
    POSTGRESQL("TEXT", "BYTEA", "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL");

    private final String clobType;
    private final String blobType;
    private final String setNotNull;

    SqlDialect(String clobType, String blobType, String setNotNull) {
        this.clobType = clobType;
        this.blobType = blobType;
        this.setNotNull = setNotNull;
    }

    public static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:derby:")) {
            return DERBY;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:h2:, jdbc:derby: or jdbc:postgresql:): " + jdbcUrl);
    }

    /** Placeholders for the Flyway migrations. */
    public Map<String, String> migrationPlaceholders() {
        return Map.of("clob", clobType, "blob", blobType);
    }

    /** The dialect of a connection, for Java migrations that only get a connection. */
    public static SqlDialect of(java.sql.Connection connection) throws java.sql.SQLException {
        return of(connection.getMetaData().getURL());
    }

    public String blobType() {
        return blobType;
    }

    /** ALTER TABLE statement that makes an existing column NOT NULL. */
    public String setNotNull(String table, String column) {
        return String.format(setNotNull, table, column);
    }
}
