package org.xdsi.imaging.kos;

import java.util.List;

/**
 * What the imaging source knows about a study it shares: patient, General Study attributes and its series. Text
 * values are in DICOM form (dates {@code YYYYMMDD}, times {@code HHMMSS[.FFFFFF]}, names {@code Family^Given}); null
 * means unknown.
 *
 * @param accessionNumberIssuer the OID of the issuer of the accession number, or null
 */
public record ImagingStudy(PatientInfo patient, String studyInstanceUid, String studyDate, String studyTime,
        String studyId, String accessionNumber, String accessionNumberIssuer, String referringPhysicianName,
        String studyDescription, List<ImagingSeries> series) {
    public ImagingStudy {
        if (patient == null || studyInstanceUid == null) {
            throw new IllegalArgumentException("patient and Study Instance UID are required");
        }
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("study " + studyInstanceUid + " has no series");
        }
        series = List.copyOf(series);
    }

    public int instanceCount() {
        return series.stream().mapToInt(s -> s.instances().size()).sum();
    }
}
