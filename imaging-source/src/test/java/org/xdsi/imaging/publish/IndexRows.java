package org.xdsi.imaging.publish;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Rows of the archive index (V1) as the archive writes them when instances arrive: a study with its patient, series,
 * instances; each instance raises the study's revision and sets updated_at.
 */
final class IndexRows {
    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4";

    private final DataSource dataSource;

    IndexRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void study(String studyUid, String patientId, String issuer, String accession, Instant updatedAt) {
        exec("INSERT INTO study (study_uid, patient_id, patient_issuer, patient_name, patient_birth_date,"
                + " patient_sex, accession_number, accession_issuer, study_date, study_time, study_id,"
                + " study_description, referring_physician, institution_name, revision, updated_at)"
                + " VALUES (?, ?, ?, 'Doe^Jane', '19700101', 'F', ?, NULL, '20240301', '101500', 'S1',"
                + " 'CT chest', 'Smith^Anne', 'General Hospital', 0, ?)",
                studyUid, patientId, issuer, accession, Timestamp.from(updatedAt));
    }

    void series(String studyUid, String seriesUid, String modality, String bodyPart, int number) {
        exec("INSERT INTO series (series_uid, study_uid, modality, body_part, series_number, series_description)"
                + " VALUES (?, ?, ?, ?, ?, 'series')", seriesUid, studyUid, modality, bodyPart, number);
    }

    /** Adds an instance as the archive does: the instance row, then revision + 1 and updated_at on the study. */
    void instance(String studyUid, String seriesUid, String sopClass, String sopUid, int number, Instant at) {
        exec("INSERT INTO instance (sop_instance_uid, series_uid, study_uid, sop_class_uid, transfer_syntax_uid,"
                + " instance_number, file_path, file_size, received_at) VALUES (?, ?, ?, ?, '1.2.840.10008.1.2.1', ?,"
                + " ?, 1000, ?)", sopUid, seriesUid, studyUid, sopClass, number,
                studyUid + "/" + seriesUid + "/" + sopUid + ".dcm", Timestamp.from(at));
        exec("UPDATE study SET revision = revision + 1, updated_at = ? WHERE study_uid = ?", Timestamp.from(at),
                studyUid);
    }

    /** A CT chest series of 2 and an MR head series of 1: 3 instances, revision 3. */
    void ctMrStudy(String studyUid, String patientId, String issuer, Instant at) {
        study(studyUid, patientId, issuer, "ACC-" + studyUid.substring(studyUid.length() - 4), at);
        series(studyUid, studyUid + ".1", "CT", "CHEST", 1);
        series(studyUid, studyUid + ".2", "MR", "HEAD", 2);
        instance(studyUid, studyUid + ".1", CT_IMAGE, studyUid + ".1.1", 1, at);
        instance(studyUid, studyUid + ".1", CT_IMAGE, studyUid + ".1.2", 2, at);
        instance(studyUid, studyUid + ".2", MR_IMAGE, studyUid + ".2.1", 1, at);
    }

    /** Any statement on the index (a test that simulates a crash edits the publication table with it). */
    void exec(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
