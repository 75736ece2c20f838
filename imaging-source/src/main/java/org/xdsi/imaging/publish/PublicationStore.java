package org.xdsi.imaging.publish;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The publication table (V2) in plain JDBC. Every write is one statement, so a crash leaves no half-written row. */
final class PublicationStore {
    private static final String COLUMNS = "p.study_uid, p.state, p.published_revision, p.manifest_uid, p.entry_uuid,"
            + " p.manifest_series_uid, p.manifest_count, p.attempt_revision, p.attempt_uid, p.attempt_entry_uuid,"
            + " p.attempts, p.next_attempt_at, p.last_error, p.updated_at, p.published_at";

    private final DataSource dataSource;

    PublicationStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A publication row with what the publisher needs beyond {@link Publication}. */
    record Row(String studyUid, PublicationState state, long publishedRevision, String manifestUid, String entryUuid,
               String manifestSeriesUid, int manifestCount, Long attemptRevision, String attemptUid,
               String attemptEntryUuid, int attempts, Instant nextAttemptAt, String lastError, Instant updatedAt,
               Instant publishedAt) {
        Publication view(long studyRevision) {
            return new Publication(studyUid, state, studyRevision, publishedRevision, manifestUid, entryUuid, attempts,
                    nextAttemptAt, lastError, updatedAt, publishedAt);
        }
    }

    /**
     * Brings rows up to date with studies changed after {@code since} (all studies when null): a new study or a
     * published one with more instances becomes PENDING, due when its quiet period ends; a pending or failed one
     * that got more instances than its last attempt waits for the end of its new quiet period. HELD rows stay held.
     */
    void discover(Instant since, Duration quiet, Instant now) {
        String sql = "SELECT s.study_uid, s.revision, s.updated_at, p.state, p.published_revision, p.next_attempt_at,"
                + " p.attempt_revision FROM study s LEFT JOIN publication p ON p.study_uid = s.study_uid"
                + (since == null ? "" : " WHERE s.updated_at > ?");
        record Seen(String uid, long revision, Instant updatedAt, String state, long published, Instant next,
                    long attempted) {
        }
        List<Seen> seen = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (since != null) {
                ps.setTimestamp(1, Timestamp.from(since));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen.add(new Seen(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                            rs.getLong(5), instant(rs.getTimestamp(6)), rs.getLong(7)));
                }
            }
        } catch (SQLException e) {
            throw failure("scan studies", e);
        }
        for (Seen s : seen) {
            Instant quietEnd = s.updatedAt().plus(quiet);
            if (s.state() == null) {
                insertPending(s.uid(), quietEnd, now);
            } else if (s.revision() > s.published()) {
                PublicationState state = PublicationState.valueOf(s.state());
                if (state == PublicationState.PUBLISHED) {
                    // conditional: an attempt may have published this revision since the row was read
                    update("UPDATE publication SET state = 'PENDING', next_attempt_at = ?, updated_at = ?"
                            + " WHERE study_uid = ? AND state = 'PUBLISHED' AND published_revision < ?", quietEnd,
                            now, s.uid(), s.revision());
                } else if (state != PublicationState.HELD && s.revision() > s.attempted()
                        && (s.next() == null || s.next().isBefore(quietEnd))) {
                    // more instances than the last attempt had: wait for them to stop; retries of the same
                    // revision keep their back-off
                    update("UPDATE publication SET next_attempt_at = ? WHERE study_uid = ? AND state <> 'HELD'",
                            quietEnd, s.uid());
                }
            }
        }
    }

    /** Held studies are tried again (at start-up: the patient map or the domain's settings may have changed). */
    int releaseHeld(Instant now) {
        return update("UPDATE publication SET state = 'PENDING', next_attempt_at = ?, updated_at = ?"
                + " WHERE state = 'HELD'", now, now);
    }

    /** Studies whose next attempt is due, earliest first. */
    List<String> due(Instant now, int limit) {
        String sql = "SELECT study_uid FROM publication WHERE next_attempt_at <= ? ORDER BY next_attempt_at";
        List<String> uids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    uids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failure("find due studies", e);
        }
        return uids;
    }

    Optional<Row> row(String studyUid) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM publication p"
                     + " WHERE p.study_uid = ?")) {
            ps.setString(1, studyUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read publication of " + studyUid, e);
        }
    }

    /** The state of a study of the index; a study the publisher has not seen yet is PENDING. */
    Optional<Publication> publication(String studyUid) {
        List<Publication> list = publications("WHERE s.study_uid = ?", studyUid, 1);
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Every study of the index with its state, most recently changed first. */
    List<Publication> publications(int limit) {
        return publications("", null, limit);
    }

    private List<Publication> publications(String where, String param, int limit) {
        String sql = "SELECT s.study_uid, s.revision, s.updated_at, " + COLUMNS + " FROM study s"
                + " LEFT JOIN publication p ON p.study_uid = s.study_uid " + where + " ORDER BY s.updated_at DESC";
        List<Publication> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long revision = rs.getLong(2);
                    if (rs.getString(4) == null) {
                        out.add(new Publication(rs.getString(1), PublicationState.PENDING, revision, 0, null, null, 0,
                                null, null, rs.getTimestamp(3).toInstant(), null));
                    } else {
                        out.add(row(rs, 3).view(revision));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("list publications", e);
        }
        return out;
    }

    /** Creates the row of a study seen for the first time; a row that exists already is left as it is. */
    void insertPending(String studyUid, Instant next, Instant now) {
        String sql = "INSERT INTO publication (study_uid, state, published_revision, manifest_count, attempts,"
                + " next_attempt_at, created_at, updated_at) SELECT ?, 'PENDING', 0, 0, 0, ?, ?, ? FROM (VALUES (1)) v"
                + " WHERE NOT EXISTS (SELECT 1 FROM publication WHERE study_uid = ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, studyUid);
            ps.setTimestamp(2, Timestamp.from(next));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, studyUid);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) { // lost a race with another insert of the same study: fine
                throw failure("add publication of " + studyUid, e);
            }
        }
    }

    /** The manifest about to be sent for {@code revision}; kept so retries send the very same one. */
    void recordAttempt(String studyUid, long revision, String attemptUid, String attemptEntryUuid,
                       String seriesUid, Instant now) {
        update("UPDATE publication SET attempt_revision = ?, attempt_uid = ?, attempt_entry_uuid = ?,"
                + " manifest_series_uid = ?, updated_at = ? WHERE study_uid = ?",
                revision, attemptUid, attemptEntryUuid, seriesUid, now, studyUid);
    }

    void published(String studyUid, long revision, String manifestUid, String entryUuid, Instant now) {
        update("UPDATE publication SET state = 'PUBLISHED', published_revision = ?, manifest_uid = ?,"
                + " entry_uuid = ?, manifest_count = manifest_count + 1, attempt_revision = NULL, attempt_uid = NULL,"
                + " attempt_entry_uuid = NULL, attempts = 0, next_attempt_at = NULL, last_error = NULL,"
                + " published_at = ?, updated_at = ? WHERE study_uid = ?",
                revision, manifestUid, entryUuid, now, now, studyUid);
    }

    void failed(String studyUid, String error, Instant next, Instant now) {
        update("UPDATE publication SET state = 'FAILED', attempts = attempts + 1, last_error = ?,"
                + " next_attempt_at = ?, updated_at = ? WHERE study_uid = ?", truncate(error), next, now, studyUid);
    }

    void held(String studyUid, String error, Instant now) {
        update("UPDATE publication SET state = 'HELD', attempts = attempts + 1, last_error = ?,"
                + " next_attempt_at = NULL, updated_at = ? WHERE study_uid = ?", truncate(error), now, studyUid);
    }

    /** The current manifest covers the study: PUBLISHED, nothing due. */
    void alreadyPublished(String studyUid, Instant now) {
        update("UPDATE publication SET state = 'PUBLISHED', next_attempt_at = NULL, last_error = NULL,"
                + " attempts = 0, updated_at = ? WHERE study_uid = ?", now, studyUid);
    }

    /** Nothing to do for the study now (already published at its revision, or gone from the index). */
    void settle(String studyUid, Instant now) {
        update("UPDATE publication SET next_attempt_at = NULL, updated_at = ? WHERE study_uid = ?", now, studyUid);
    }

    /** The study is not quiet yet: try again when it is. */
    void postpone(String studyUid, Instant next) {
        update("UPDATE publication SET next_attempt_at = ? WHERE study_uid = ?", next, studyUid);
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (params.length != countParams(sql)) {
                throw new IllegalArgumentException("parameter count of " + sql);
            }
            for (int i = 0; i < params.length; i++) {
                set(ps, i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("update publication", e);
        }
    }

    private static int countParams(String sql) {
        return (int) sql.chars().filter(ch -> ch == '?').count();
    }

    private static void set(PreparedStatement ps, int i, Object p) throws SQLException {
        if (p instanceof Instant t) {
            ps.setTimestamp(i, Timestamp.from(t));
        } else if (p == null) {
            ps.setNull(i, java.sql.Types.NULL);
        } else {
            ps.setObject(i, p);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return row(rs, 0);
    }

    private static Row row(ResultSet rs, int offset) throws SQLException {
        long attemptRevision = rs.getLong(offset + 8);
        Long attempt = rs.wasNull() ? null : attemptRevision;
        return new Row(rs.getString(offset + 1), PublicationState.valueOf(rs.getString(offset + 2)),
                rs.getLong(offset + 3), rs.getString(offset + 4), rs.getString(offset + 5), rs.getString(offset + 6),
                rs.getInt(offset + 7), attempt, rs.getString(offset + 9), rs.getString(offset + 10),
                rs.getInt(offset + 11), instant(rs.getTimestamp(offset + 12)), rs.getString(offset + 13),
                instant(rs.getTimestamp(offset + 14)), instant(rs.getTimestamp(offset + 15)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + " in the imaging index: " + e.getMessage(), e);
    }
}
