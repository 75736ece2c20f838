package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.xdsi.registry.store.EbrimCodec;
import org.xdsi.registry.store.SqlDialect;

/**
 * Moves every stored ebRIM object from its text column {@code ebrim} to {@code ebrim_deflated}, the compressed
 * form of {@link EbrimCodec} (about a ninth of the size), and drops the text column.
 */
public class V3__Deflated_ebrim extends BaseJavaMigration {
    private static final List<String> TABLES = List.of("document_entry", "submission_set", "folder", "association");
    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        SqlDialect dialect = SqlDialect.of(c);
        for (String table : TABLES) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table + " ADD COLUMN ebrim_deflated " + dialect.blobType());
            }
            copy(c, table);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table + " DROP COLUMN ebrim");
                s.execute(dialect.setNotNull(table, "ebrim_deflated"));
            }
        }
    }

    private static void copy(Connection c, String table) throws SQLException {
        try (Statement select = c.createStatement();
             ResultSet rs = select.executeQuery("SELECT uuid, ebrim FROM " + table);
             PreparedStatement update = c.prepareStatement(
                     "UPDATE " + table + " SET ebrim_deflated = ? WHERE uuid = ?")) {
            int pending = 0;
            while (rs.next()) {
                update.setBytes(1, EbrimCodec.encode(rs.getString(2)));
                update.setString(2, rs.getString(1));
                update.addBatch();
                if (++pending == BATCH) {
                    update.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
    }
}
