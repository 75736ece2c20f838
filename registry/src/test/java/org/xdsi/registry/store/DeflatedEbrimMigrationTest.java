package org.xdsi.registry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xdsi.registry.testing.TestDatabases;

/** A database written by the first schema (ebRIM as text) is carried over to the deflated column intact. */
class DeflatedEbrimMigrationTest {
    private static final String ASSOCIATION = "<rim:Association xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\""
            + " id=\"urn:uuid:a\" associationType=\"urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember\""
            + " sourceObject=\"urn:uuid:s\" targetObject=\"urn:uuid:d\"/>";

    static java.util.stream.Stream<String> databases() {
        return TestDatabases.urls();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void movesTextRowsToTheDeflatedColumn(String kind) throws SQLException {
        String url = TestDatabases.url(kind);
        SqlDialect dialect = SqlDialect.of(url);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .placeholders(dialect.migrationPlaceholders()).target("1").load().migrate();
        try (Connection c = java.sql.DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("INSERT INTO association (uuid, assoc_type, source_uuid,"
                     + " target_uuid, status, submission_set, ebrim) VALUES (?,?,?,?,?,?,?)")) {
            for (int i = 0; i < 1200; i++) {
                ps.setString(1, "urn:uuid:a" + i);
                ps.setString(2, "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember");
                ps.setString(3, "urn:uuid:s");
                ps.setString(4, "urn:uuid:d" + i);
                ps.setInt(5, 1);
                ps.setString(6, "urn:uuid:s");
                ps.setString(7, ASSOCIATION.replace("urn:uuid:a\"", "urn:uuid:a" + i + "\""));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (RegistryDatabase db = RegistryDatabase.open(url, null, null);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT uuid, ebrim_deflated FROM association ORDER BY uuid")) {
                int n = 0;
                while (rs.next()) {
                    String uuid = rs.getString(1);
                    assertEquals(ASSOCIATION.replace("urn:uuid:a\"", uuid + "\""), EbrimCodec.decode(rs.getBytes(2)));
                    n++;
                }
                assertEquals(1200, n);
            }
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "ASSOCIATION", null)) {
                while (rs.next()) {
                    assertFalse(rs.getString("COLUMN_NAME").equalsIgnoreCase("ebrim"), "text column dropped");
                }
            }
        }
    }
}
