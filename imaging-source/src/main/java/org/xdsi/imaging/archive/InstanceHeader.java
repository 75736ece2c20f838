package org.xdsi.imaging.archive;

import static org.xdsi.imaging.archive.InstanceRejectedException.Reason.DATA_SET_INVALID;
import static org.xdsi.imaging.archive.InstanceRejectedException.Reason.TRANSFER_SYNTAX_NOT_SUPPORTED;

import java.util.Set;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;
import org.xdsi.imaging.dicom.Uids;

/**
 * The attributes of one instance that the archive indexes, taken from its file meta information and data set and
 * checked: the four UIDs present and valid, the file meta group agreeing with the data set, a transfer syntax the
 * retrieve services can handle, a Modality. Texts are cut to the index's column sizes.
 */
record InstanceHeader(String transferSyntaxUid, String sopClassUid, String sopInstanceUid, String studyInstanceUid,
                      String seriesInstanceUid, String patientId, String patientIssuer, String patientName,
                      String patientBirthDate, String patientSex, String accessionNumber, String accessionIssuer,
                      String studyDate, String studyTime, String studyId, String studyDescription,
                      String referringPhysician, String institutionName, String modality, String bodyPart,
                      Integer seriesNumber, String seriesDescription, Integer instanceNumber) {

    /** Native syntaxes, and the compressed ones whose pixel data is passed through as stored. */
    private static final Set<String> SUPPORTED_TRANSFER_SYNTAXES = Set.of(
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
            TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid(), TransferSyntax.JPEG_BASELINE.uid(),
            TransferSyntax.JPEG_EXTENDED.uid(), TransferSyntax.JPEG_LOSSLESS.uid(),
            TransferSyntax.JPEG_LOSSLESS_SV1.uid(), TransferSyntax.JPEG_LS_LOSSLESS.uid(),
            TransferSyntax.JPEG_LS_NEAR_LOSSLESS.uid(), TransferSyntax.JPEG_2000_LOSSLESS.uid(),
            TransferSyntax.JPEG_2000.uid(), TransferSyntax.RLE_LOSSLESS.uid(),
            "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.101", "1.2.840.10008.1.2.4.102", // MPEG2, MPEG-4
            "1.2.840.10008.1.2.4.103", "1.2.840.10008.1.2.4.104", "1.2.840.10008.1.2.4.105",
            "1.2.840.10008.1.2.4.106", "1.2.840.10008.1.2.4.107", "1.2.840.10008.1.2.4.108", // HEVC
            "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203"); // HTJ2K

    /** The top-level attributes {@link #of} reads (the rest of a data set need not be kept). */
    static final Set<Integer> USED_TAGS = Set.of(Tag.SPECIFIC_CHARACTER_SET, Tag.SOP_CLASS_UID, Tag.SOP_INSTANCE_UID,
            Tag.STUDY_DATE, Tag.STUDY_TIME, Tag.ACCESSION_NUMBER, Tag.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE,
            Tag.MODALITY, Tag.INSTITUTION_NAME, Tag.REFERRING_PHYSICIAN_NAME, Tag.STUDY_DESCRIPTION,
            Tag.SERIES_DESCRIPTION, Tag.PATIENT_NAME, Tag.PATIENT_ID, Tag.ISSUER_OF_PATIENT_ID,
            Tag.PATIENT_BIRTH_DATE, Tag.PATIENT_SEX, Tag.BODY_PART_EXAMINED, Tag.STUDY_INSTANCE_UID,
            Tag.SERIES_INSTANCE_UID, Tag.STUDY_ID, Tag.SERIES_NUMBER, Tag.INSTANCE_NUMBER, Tag.ROWS, Tag.PIXEL_DATA,
            Tag.FLOAT_PIXEL_DATA, Tag.DOUBLE_FLOAT_PIXEL_DATA);

    static boolean isSupported(String transferSyntaxUid) {
        return SUPPORTED_TRANSFER_SYNTAXES.contains(transferSyntaxUid);
    }

    /** The header of an instance; fails with the reason a STOW-RS response gives. */
    static InstanceHeader of(Dataset meta, Dataset ds) throws InstanceRejectedException {
        String sopClass = ds.getString(Tag.SOP_CLASS_UID);
        String sop = ds.getString(Tag.SOP_INSTANCE_UID);
        String ts = meta.getString(Tag.TRANSFER_SYNTAX_UID);
        if (ts == null || !isSupported(ts)) {
            throw new InstanceRejectedException(TRANSFER_SYNTAX_NOT_SUPPORTED, "transfer syntax " + ts
                    + " is not supported", sopClass, sop);
        }
        uid(sopClass, "SOP Class UID (0008,0016)", sopClass, sop);
        uid(sop, "SOP Instance UID (0008,0018)", sopClass, sop);
        if (sopClass.startsWith("1.2.840.10008.") && !sopClass.startsWith("1.2.840.10008.5.1.4.")) {
            // storage SOP classes live under 1.2.840.10008.5.1.4; private ones (other roots) are stored as they are
            throw new InstanceRejectedException(InstanceRejectedException.Reason.SOP_CLASS_NOT_SUPPORTED,
                    "SOP Class UID " + sopClass + " is not a storage SOP class", sopClass, sop);
        }
        String study = uid(ds.getString(Tag.STUDY_INSTANCE_UID), "Study Instance UID (0020,000D)", sopClass, sop);
        String series = uid(ds.getString(Tag.SERIES_INSTANCE_UID), "Series Instance UID (0020,000E)", sopClass, sop);
        if (!sopClass.equals(meta.getString(Tag.MEDIA_STORAGE_SOP_CLASS_UID))) {
            throw new InstanceRejectedException(DATA_SET_INVALID, "Media Storage SOP Class UID (0002,0002) "
                    + meta.getString(Tag.MEDIA_STORAGE_SOP_CLASS_UID) + " differs from SOP Class UID " + sopClass,
                    sopClass, sop);
        }
        if (!sop.equals(meta.getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID))) {
            throw new InstanceRejectedException(DATA_SET_INVALID, "Media Storage SOP Instance UID (0002,0003) "
                    + meta.getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID) + " differs from SOP Instance UID " + sop,
                    sopClass, sop);
        }
        if (study.equals(series)) {
            throw new InstanceRejectedException(DATA_SET_INVALID, "Study and Series Instance UID are both " + study,
                    sopClass, sop);
        }
        String modality = ds.getString(Tag.MODALITY);
        if (modality == null) {
            throw new InstanceRejectedException(DATA_SET_INVALID, "no Modality (0008,0060)", sopClass, sop);
        }
        if (ds.contains(Tag.ROWS) && !ds.contains(Tag.PIXEL_DATA) && !ds.contains(Tag.FLOAT_PIXEL_DATA)
                && !ds.contains(Tag.DOUBLE_FLOAT_PIXEL_DATA)) {
            // an image cut off right before its pixel data parses as a complete data set
            throw new InstanceRejectedException(DATA_SET_INVALID, "an image (Rows present) without Pixel Data"
                    + " (7FE0,0010): truncated?", sopClass, sop);
        }
        Dataset issuer = ds.getItem(Tag.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE);
        return new InstanceHeader(ts, sopClass, sop, study, series,
                clip(ds.getString(Tag.PATIENT_ID, ""), 64), clip(ds.getString(Tag.ISSUER_OF_PATIENT_ID), 64),
                clip(ds.getString(Tag.PATIENT_NAME), 324), clip(ds.getString(Tag.PATIENT_BIRTH_DATE), 8),
                clip(ds.getString(Tag.PATIENT_SEX), 16), clip(ds.getString(Tag.ACCESSION_NUMBER), 16),
                issuer == null ? null : clip(issuer.getString(Tag.UNIVERSAL_ENTITY_ID), 64),
                clip(ds.getString(Tag.STUDY_DATE), 8), clip(ds.getString(Tag.STUDY_TIME), 16),
                clip(ds.getString(Tag.STUDY_ID), 16), clip(ds.getString(Tag.STUDY_DESCRIPTION), 64),
                clip(ds.getString(Tag.REFERRING_PHYSICIAN_NAME), 324), clip(ds.getString(Tag.INSTITUTION_NAME), 64),
                clip(modality, 16), clip(ds.getString(Tag.BODY_PART_EXAMINED), 16),
                integer(ds, Tag.SERIES_NUMBER), clip(ds.getString(Tag.SERIES_DESCRIPTION), 64),
                integer(ds, Tag.INSTANCE_NUMBER));
    }

    /** Where the instance lives under the instance directory; UIDs are digits and dots, so safe as names. */
    String relativePath() {
        return studyInstanceUid + "/" + seriesInstanceUid + "/" + sopInstanceUid + ".dcm";
    }

    private static String uid(String value, String name, String sopClass, String sop)
            throws InstanceRejectedException {
        if (value == null) {
            throw new InstanceRejectedException(DATA_SET_INVALID, "no " + name, sopClass, sop);
        }
        if (!Uids.isValid(value)) {
            throw new InstanceRejectedException(DATA_SET_INVALID, name + " '" + printable(value)
                    + "' is not a valid UID", sopClass, sop);
        }
        return value;
    }

    private static Integer integer(Dataset ds, int tag) {
        int v = ds.getInt(tag, Integer.MIN_VALUE);
        return v == Integer.MIN_VALUE ? null : v;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String printable(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
