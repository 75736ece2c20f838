package org.xdsi.registry.patient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.registry.store.EbrimCodec;
import org.xdsi.registry.store.EbrimEdits;
import org.xdsi.registry.store.RegistryDatabase;
import org.xdsi.registry.store.RegistryStoreException;
import org.xdsi.schema.rim.RegistryObjectType;

/**
 * The patient index in the registry database. A merge moves every entry of the subsumed id to the surviving one
 * (rows and stored XML) in one transaction, so queries on the surviving id see both histories.
 */
public final class JdbcPatientIdentityIndex implements PatientIdentityIndex {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPatientIdentityIndex.class);
    private static final List<String> PATIENT_SCHEMES = List.of(
            Vocabulary.DE_PATIENT_ID, Vocabulary.SS_PATIENT_ID, Vocabulary.FOLDER_PATIENT_ID);
    private static final int MAX_MERGE_CHAIN = 64;

    private final RegistryDatabase db;

    public JdbcPatientIdentityIndex(RegistryDatabase db) {
        this.db = db;
    }

    @Override
    public void register(String patientId) {
        try (Connection c = db.dataSource().getConnection()) {
            if (find(c, patientId) != null) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO patient (pid, merged_into, updated) VALUES (?, NULL, ?)")) {
                ps.setString(1, patientId);
                ps.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                // registered concurrently: fine, register is idempotent
            }
            db.awaitDurable();
        } catch (SQLException e) {
            throw new RegistryStoreException(e);
        }
    }

    @Override
    public void merge(String subsumed, String surviving) {
        if (subsumed.equals(surviving)) {
            return;
        }
        try {
            db.inTransaction(c -> {
                String target = resolve(c, surviving);
                if (target == null) {
                    insert(c, surviving, null);
                    target = surviving;
                }
                if (target.equals(subsumed)) {
                    throw new IllegalArgumentException("merge would make " + subsumed + " subsume itself");
                }
                if (find(c, subsumed) == null) {
                    insert(c, subsumed, target);
                } else {
                    update(c, "UPDATE patient SET merged_into = ?, updated = ? WHERE pid = ?", target, subsumed);
                }
                // earlier merges into the subsumed id now point at the survivor, keeping chains one step long
                update(c, "UPDATE patient SET merged_into = ?, updated = ? WHERE merged_into = ?", target, subsumed);
                int moved = moveEntries(c, subsumed, target);
                LOG.info("patient merge {} -> {}: {} registry objects moved", subsumed, target, moved);
                return null;
            });
        } catch (SQLException e) {
            throw new RegistryStoreException(e);
        }
    }

    private static int moveEntries(Connection c, String from, String to) throws SQLException {
        int moved = 0;
        for (String table : List.of("document_entry", "submission_set", "folder")) {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT uuid, ebrim_deflated FROM " + table + " WHERE patient_id = ?")) {
                ps.setString(1, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), EbrimCodec.decode(rs.getBytes(2))});
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE " + table + " SET patient_id = ?, ebrim_deflated = ? WHERE uuid = ?")) {
                for (String[] row : rows) {
                    RegistryObjectType object = EbrimEdits.parseStored(row[1]);
                    EbrimEdits.setExternalIdentifier(object, PATIENT_SCHEMES, to);
                    ps.setString(1, to);
                    ps.setBytes(2, EbrimEdits.storedBytes(object));
                    ps.setString(3, row[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            moved += rows.size();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE object_value SET patient_id = ? WHERE patient_id = ?")) {
            ps.setString(1, to);
            ps.setString(2, from);
            ps.executeUpdate();
        }
        return moved;
    }

    @Override
    public Optional<String> resolve(String patientId) {
        try (Connection c = db.dataSource().getConnection()) {
            return Optional.ofNullable(resolve(c, patientId));
        } catch (SQLException e) {
            throw new RegistryStoreException(e);
        }
    }

    @Override
    public boolean isActive(String patientId) {
        try (Connection c = db.dataSource().getConnection()) {
            String[] row = find(c, patientId);
            return row != null && row[1] == null;
        } catch (SQLException e) {
            throw new RegistryStoreException(e);
        }
    }

    private static String resolve(Connection c, String patientId) throws SQLException {
        Set<String> seen = new HashSet<>();
        String current = patientId;
        while (seen.add(current) && seen.size() <= MAX_MERGE_CHAIN) {
            String[] row = find(c, current);
            if (row == null) {
                return null;
            }
            if (row[1] == null) {
                return current;
            }
            current = row[1];
        }
        return null;
    }

    /** {pid, merged_into} or null. */
    private static String[] find(Connection c, String pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pid, merged_into FROM patient WHERE pid = ?")) {
            ps.setString(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    private static void insert(Connection c, String pid, String mergedInto) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO patient (pid, merged_into, updated) VALUES (?, ?, ?)")) {
            ps.setString(1, pid);
            ps.setString(2, mergedInto);
            ps.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, String value, String pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
            ps.setString(3, pid);
            ps.executeUpdate();
        }
    }

    static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
