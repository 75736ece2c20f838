package org.xdsi.registry.store;

import java.util.Map;

/** The few places where H2, Derby and PostgreSQL differ. Everything else is SQL they share. */
public enum SqlDialect {
    // H2 keeps a CLOB apart from its row; an in-row string reads several times faster (ebRIM objects are a few KB)
    H2("CHARACTER VARYING(1000000)"),
    DERBY("CLOB"),
    POSTGRESQL("TEXT");

    private final String clobType;

    SqlDialect(String clobType) {
        this.clobType = clobType;
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
        return Map.of("clob", clobType);
    }
}
