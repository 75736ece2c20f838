package org.xdsi.registry.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.xdsi.registry.patient.PatientIdentityIndex;
import org.xdsi.registry.store.RegistryStoreException;
import org.xdsi.registry.store.Status;

/** {@link RegistryLookup} on the registry database; every lookup is one indexed read. */
public final class JdbcRegistryLookup implements RegistryLookup {
    private final DataSource dataSource;
    private final PatientIdentityIndex patients;

    public JdbcRegistryLookup(DataSource dataSource, PatientIdentityIndex patients) {
        this.dataSource = dataSource;
        this.patients = patients;
    }

    @Override
    public Optional<StoredObject> object(String entryUuid) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT patient_id, status, object_type FROM document_entry WHERE uuid = ?")) {
                ps.setString(1, entryUuid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(new StoredObject(entryUuid, Kind.DOCUMENT_ENTRY, rs.getString(1),
                                rs.getInt(2) == Status.APPROVED.code(), rs.getInt(3) == 2));
                    }
                }
            }
            Optional<StoredObject> found = simple(c, "folder", Kind.FOLDER, entryUuid);
            if (found.isEmpty()) {
                found = simple(c, "submission_set", Kind.SUBMISSION_SET, entryUuid);
            }
            if (found.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT status FROM association WHERE uuid = ?")) {
                    ps.setString(1, entryUuid);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            found = Optional.of(new StoredObject(entryUuid, Kind.ASSOCIATION, null,
                                    rs.getInt(1) == Status.APPROVED.code(), false));
                        }
                    }
                }
            }
            return found;
        } catch (SQLException e) {
            throw new RegistryStoreException(e);
        }
    }

    private static Optional<StoredObject> simple(Connection c, String table, Kind kind, String uuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT patient_id, status FROM " + table + " WHERE uuid = ?")) {
            ps.setString(1, uuid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(new StoredObject(uuid, kind, rs.getString(1),
                            rs.getInt(2) == Status.APPROVED.code(), false));
                }
                return Optional.empty();
            }
        }
    }

    @Override
    public List<StoredDocument> documentsByUniqueId(String uniqueId) {
        List<StoredDocument> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT uuid, patient_id, hash, size_bytes, status FROM document_entry WHERE unique_id = ?")) {
            ps.setString(1, uniqueId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long size = rs.getLong(4);
                    found.add(new StoredDocument(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.wasNull() ? null : size, rs.getInt(5) == Status.APPROVED.code()));
                }
            }
        } catch (SQLException e) {
            throw new RegistryStoreException(e);
        }
        return found;
    }

    @Override
    public boolean packageUniqueIdExists(String uniqueId) {
        try (Connection c = dataSource.getConnection()) {
            return exists(c, "SELECT 1 FROM submission_set WHERE unique_id = ?", uniqueId)
                    || exists(c, "SELECT 1 FROM folder WHERE unique_id = ?", uniqueId);
        } catch (SQLException e) {
            throw new RegistryStoreException(e);
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public boolean isKnownPatient(String patientId) {
        return patients.isActive(patientId);
    }
}
