package org.xdsi.imaging.kos;

/**
 * The departmental patient as the images carry it (Patient module).
 *
 * @param id Patient ID (0010,0020)
 * @param issuer Issuer of Patient ID (0010,0021): an OID (then also written as an ISO universal entity id) or a
 *     local namespace; null if unknown
 * @param name Patient's Name (0010,0010) in DICOM PN form ({@code Family^Given^Middle^Prefix^Suffix}), or null
 * @param birthDate Patient's Birth Date (0010,0030) as {@code YYYYMMDD}, or null
 * @param sex Patient's Sex (0010,0040): M, F, O, or null
 */
public record PatientInfo(String id, String issuer, String name, String birthDate, String sex) {
    public PatientInfo {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a patient ID is required");
        }
    }
}
