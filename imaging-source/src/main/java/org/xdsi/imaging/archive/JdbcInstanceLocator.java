package org.xdsi.imaging.archive;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link InstanceLocator} over the archive index: instances in series number, instance number, SOP Instance UID
 * order (unnumbered series and instances last).
 */
public final class JdbcInstanceLocator implements InstanceLocator {
    private static final String SELECT = "SELECT i.study_uid, i.series_uid, i.sop_instance_uid, i.sop_class_uid,"
            + " i.transfer_syntax_uid, i.file_path, i.file_size FROM instance i JOIN series s ON s.series_uid ="
            + " i.series_uid ";
    private static final String ORDER = " ORDER BY s.series_number NULLS LAST, s.series_uid,"
            + " i.instance_number NULLS LAST, i.sop_instance_uid";

    private final DataSource dataSource;
    private final Path instanceDirectory;

    /** {@code instanceDirectory}: what the index's file paths are relative to. */
    public JdbcInstanceLocator(DataSource dataSource, Path instanceDirectory) {
        this.dataSource = dataSource;
        this.instanceDirectory = instanceDirectory.toAbsolutePath();
    }

    @Override
    public Optional<StoredInstance> instance(String studyInstanceUid, String seriesInstanceUid,
                                             String sopInstanceUid) {
        List<StoredInstance> found = query(SELECT + "WHERE i.sop_instance_uid = ? AND i.series_uid = ?"
                + " AND i.study_uid = ?", sopInstanceUid, seriesInstanceUid, studyInstanceUid);
        return found.stream().findFirst();
    }

    @Override
    public List<StoredInstance> series(String studyInstanceUid, String seriesInstanceUid) {
        return query(SELECT + "WHERE i.series_uid = ? AND i.study_uid = ?" + ORDER, seriesInstanceUid,
                studyInstanceUid);
    }

    @Override
    public List<StoredInstance> study(String studyInstanceUid) {
        return query(SELECT + "WHERE i.study_uid = ?" + ORDER, studyInstanceUid);
    }

    private List<StoredInstance> query(String sql, String... params) {
        for (String p : params) {
            if (p == null) {
                return List.of();
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<StoredInstance> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredInstance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), instanceDirectory.resolve(rs.getString(6)), rs.getLong(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("archive index query failed: " + e.getMessage(), e);
        }
    }
}
