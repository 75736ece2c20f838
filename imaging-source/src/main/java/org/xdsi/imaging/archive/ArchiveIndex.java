package org.xdsi.imaging.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The study / series / instance tables as the archive writes them. {@link #add} indexes one instance in one
 * transaction; concurrent adds of instances of the same new study or series meet on the primary keys, and the
 * loser of such a race sees the winner's row (after it committed) instead of failing.
 */
final class ArchiveIndex {
    /**
     * Puts the instance's file in place, inside the transaction once the rows are written: a failure rolls the
     * rows back. {@link #undo} runs when the transaction fails after {@link #beforeCommit}, while the instance's row
     * is still locked, so that no concurrent store of the same instance can have put its file there meanwhile.
     */
    interface Commit {
        void beforeCommit() throws Exception;

        void undo();
    }

    /** What the index holds for a SOP Instance UID. */
    record Existing(String studyInstanceUid, String seriesInstanceUid) {
    }

    private static final int ATTEMPTS = 10;
    /** SQLState of a row another transaction inserted but has not committed yet: run the transaction again. */
    private static final String NOT_YET_VISIBLE = "40001";

    private final DataSource dataSource;

    ArchiveIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Existing find(String sopInstanceUid) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, sopInstanceUid);
        }
    }

    /**
     * Adds the instance and counts it in its study's revision, running {@code commit} (which puts the file in
     * place) before the transaction commits.
     *
     * @return null when added; what the index holds when the SOP Instance UID is known already (nothing changed)
     */
    Existing add(InstanceHeader h, long fileSize, Commit commit) throws Exception {
        boolean[] placed = {false};
        Commit once = new Commit() {
            @Override
            public void beforeCommit() throws Exception {
                placed[0] = true;
                commit.beforeCommit();
            }

            @Override
            public void undo() {
                commit.undo();
            }
        };
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Existing existing = addInTransaction(c, h, fileSize, once);
                    if (existing != null) {
                        c.rollback();
                        return existing;
                    }
                    c.commit();
                    return null;
                } catch (SQLException e) {
                    undoAndRollback(c, placed[0] ? once : null);
                    // once the file was placed, a failure is final
                    if (attempt >= ATTEMPTS || !isTransient(e) || placed[0]) {
                        throw e;
                    }
                } catch (Exception | Error e) {
                    undoAndRollback(c, placed[0] ? once : null);
                    throw e;
                }
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt)); // let the other commit
        }
    }

    private static void undoAndRollback(Connection c, Commit placed) throws SQLException {
        if (placed != null) {
            placed.undo();
        }
        c.rollback();
    }

    private Existing addInTransaction(Connection c, InstanceHeader h, long fileSize, Commit commit)
            throws Exception {
        Existing existing = find(c, h.sopInstanceUid());
        if (existing != null) {
            return existing;
        }
        Timestamp now = Timestamp.from(Instant.now());
        if (!exists(c, "SELECT 1 FROM study WHERE study_uid = ?", h.studyInstanceUid())) {
            boolean inserted = insertIfAbsent(c, "INSERT INTO study (study_uid, patient_id, patient_issuer,"
                    + " patient_name, patient_birth_date, patient_sex, accession_number, accession_issuer, study_date,"
                    + " study_time, study_id, study_description, referring_physician, institution_name, revision,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)", h.studyInstanceUid(),
                    h.patientId(), h.patientIssuer(), h.patientName(), h.patientBirthDate(), h.patientSex(),
                    h.accessionNumber(), h.accessionIssuer(), h.studyDate(), h.studyTime(), h.studyId(),
                    h.studyDescription(), h.referringPhysician(), h.institutionName(), now);
            if (!inserted && !exists(c, "SELECT 1 FROM study WHERE study_uid = ?", h.studyInstanceUid())) {
                throw new SQLException("study " + h.studyInstanceUid() + " is being added", NOT_YET_VISIBLE);
            }
        }
        String seriesStudy = seriesStudy(c, h.seriesInstanceUid());
        if (seriesStudy == null) {
            insertIfAbsent(c, "INSERT INTO series (series_uid, study_uid, modality, body_part, series_number,"
                    + " series_description) VALUES (?, ?, ?, ?, ?, ?)", h.seriesInstanceUid(), h.studyInstanceUid(),
                    h.modality(), h.bodyPart(), h.seriesNumber(), h.seriesDescription());
            seriesStudy = seriesStudy(c, h.seriesInstanceUid());
            if (seriesStudy == null) {
                throw new SQLException("series " + h.seriesInstanceUid() + " is being added", NOT_YET_VISIBLE);
            }
        }
        if (!h.studyInstanceUid().equals(seriesStudy)) {
            throw new InstanceRejectedException(InstanceRejectedException.Reason.DATA_SET_INVALID,
                    "Series Instance UID " + h.seriesInstanceUid() + " belongs to study " + seriesStudy
                            + " in the archive, not to " + h.studyInstanceUid(), h.sopClassUid(), h.sopInstanceUid());
        }
        if (!insertIfAbsent(c, "INSERT INTO instance (sop_instance_uid, series_uid, study_uid, sop_class_uid,"
                + " transfer_syntax_uid, instance_number, file_path, file_size, received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", h.sopInstanceUid(), h.seriesInstanceUid(),
                h.studyInstanceUid(), h.sopClassUid(), h.transferSyntaxUid(), h.instanceNumber(), h.relativePath(),
                fileSize, now)) {
            // another store of the same instance committed first
            return find(c, h.sopInstanceUid());
        }
        // the first instance's values stand; a later one only fills what was missing
        update(c, "UPDATE study SET revision = revision + 1, updated_at = ?,"
                + " patient_issuer = COALESCE(patient_issuer, ?), patient_name = COALESCE(patient_name, ?),"
                + " patient_birth_date = COALESCE(patient_birth_date, ?), patient_sex = COALESCE(patient_sex, ?),"
                + " accession_number = COALESCE(accession_number, ?), accession_issuer = COALESCE(accession_issuer, ?),"
                + " study_date = COALESCE(study_date, ?), study_time = COALESCE(study_time, ?),"
                + " study_id = COALESCE(study_id, ?), study_description = COALESCE(study_description, ?),"
                + " referring_physician = COALESCE(referring_physician, ?),"
                + " institution_name = COALESCE(institution_name, ?) WHERE study_uid = ?", now, h.patientIssuer(),
                h.patientName(), h.patientBirthDate(), h.patientSex(), h.accessionNumber(), h.accessionIssuer(),
                h.studyDate(), h.studyTime(), h.studyId(), h.studyDescription(), h.referringPhysician(),
                h.institutionName(), h.studyInstanceUid());
        update(c, "UPDATE series SET body_part = COALESCE(body_part, ?), series_number = COALESCE(series_number, ?),"
                + " series_description = COALESCE(series_description, ?) WHERE series_uid = ?"
                + " AND (body_part IS NULL OR series_number IS NULL OR series_description IS NULL)", h.bodyPart(),
                h.seriesNumber(), h.seriesDescription(), h.seriesInstanceUid());
        commit.beforeCommit();
        return null;
    }

    private static Existing find(Connection c, String sopInstanceUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT study_uid, series_uid FROM instance WHERE sop_instance_uid = ?")) {
            ps.setString(1, sopInstanceUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Existing(rs.getString(1), rs.getString(2)) : null;
            }
        }
    }

    private static String seriesStudy(Connection c, String seriesUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT study_uid FROM series WHERE series_uid = ?")) {
            ps.setString(1, seriesUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static boolean exists(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Inserts a row; false when its key exists (a concurrent transaction inserted it and committed). The savepoint
     * keeps the transaction usable on databases that abort it on an error.
     */
    private static boolean insertIfAbsent(Connection c, String sql, Object... values) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            ps.executeUpdate();
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            c.rollback(sp);
            return false;
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            ps.executeUpdate();
        }
    }

    /** Binds strings, integers, longs and timestamps; null as SQL NULL. */
    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (v instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (v instanceof Long n) {
                ps.setLong(i + 1, n);
            } else if (v instanceof Timestamp t) {
                ps.setTimestamp(i + 1, t);
            } else {
                ps.setString(i + 1, v.toString());
            }
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** Lock timeouts, deadlocks and serialization failures: worth running the transaction again. */
    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("40") || state.equals("HYT00") || state.equals("50200")
                || state.equals("90131") || isDuplicateKey(e));
    }
}
