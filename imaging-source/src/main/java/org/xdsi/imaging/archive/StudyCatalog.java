package org.xdsi.imaging.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.xdsi.imaging.kos.ImagingInstance;
import org.xdsi.imaging.kos.ImagingSeries;
import org.xdsi.imaging.kos.ImagingStudy;
import org.xdsi.imaging.kos.PatientInfo;

/**
 * Reads a study of the archive index as an {@link ImagingStudy}, in two statements whatever its size: the study row,
 * then its series joined with their instances. The study row is read first, so the instances read are at least
 * those of the revision returned (an instance added in between only makes the manifest more complete).
 */
public final class StudyCatalog {
    private static final String STUDY = "SELECT patient_id, patient_issuer, patient_name, patient_birth_date,"
            + " patient_sex, accession_number, accession_issuer, study_date, study_time, study_id, study_description,"
            + " referring_physician, institution_name, revision, updated_at FROM study WHERE study_uid = ?";
    private static final String INSTANCES = "SELECT se.series_uid, se.modality, se.body_part, i.sop_class_uid,"
            + " i.sop_instance_uid FROM series se JOIN instance i ON i.series_uid = se.series_uid"
            + " WHERE se.study_uid = ? ORDER BY se.series_number, se.series_uid, i.instance_number,"
            + " i.sop_instance_uid";

    private final DataSource dataSource;

    public StudyCatalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The study with every instance indexed; empty when unknown or when it has no instance yet. */
    public Optional<CatalogStudy> study(String studyInstanceUid) {
        try (Connection c = dataSource.getConnection()) {
            PatientInfo patient;
            String[] s = new String[7];
            String institution;
            long revision;
            java.time.Instant updatedAt;
            try (PreparedStatement ps = c.prepareStatement(STUDY)) {
                ps.setString(1, studyInstanceUid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    patient = new PatientInfo(rs.getString(1), blankToNull(rs.getString(2)),
                            blankToNull(rs.getString(3)), blankToNull(rs.getString(4)), blankToNull(rs.getString(5)));
                    for (int i = 0; i < 7; i++) {
                        s[i] = blankToNull(rs.getString(6 + i));
                    }
                    institution = blankToNull(rs.getString(13));
                    revision = rs.getLong(14);
                    updatedAt = rs.getTimestamp(15).toInstant();
                }
            }
            List<ImagingSeries> series = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(INSTANCES)) {
                ps.setString(1, studyInstanceUid);
                try (ResultSet rs = ps.executeQuery()) {
                    String current = null;
                    String modality = null;
                    String bodyPart = null;
                    List<ImagingInstance> instances = new ArrayList<>();
                    while (rs.next()) {
                        String uid = rs.getString(1);
                        if (!uid.equals(current)) {
                            if (current != null) {
                                series.add(new ImagingSeries(current, modality, bodyPart, instances));
                            }
                            current = uid;
                            modality = rs.getString(2);
                            bodyPart = blankToNull(rs.getString(3));
                            instances = new ArrayList<>();
                        }
                        instances.add(new ImagingInstance(rs.getString(4), rs.getString(5)));
                    }
                    if (current != null) {
                        series.add(new ImagingSeries(current, modality, bodyPart, instances));
                    }
                }
            }
            if (series.isEmpty()) {
                return Optional.empty();
            }
            // s: accession, accession issuer, date, time, id, description, referring physician
            ImagingStudy study = new ImagingStudy(patient, studyInstanceUid, s[2], s[3], s[4], s[0], s[1], s[6],
                    s[5], series);
            return Optional.of(new CatalogStudy(study, institution, revision, updatedAt));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read study " + studyInstanceUid + " from the index: "
                    + e.getMessage(), e);
        }
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
