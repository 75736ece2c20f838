package org.xdsi.imaging.kos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomWriter;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;
import org.xdsi.imaging.dicom.Uids;
import org.xdsi.imaging.dicom.Vr;

/**
 * Builds the XDS-I.b manifest of a study: a Key Object Selection Document (PS3.3 A.35.4) titled (113030, DCM,
 * "Manifest") following TID 2010, whose Current Requested Procedure Evidence Sequence and content tree reference
 * every instance of the study, each series carrying the imaging source's Retrieve AE Title, Retrieve Location UID
 * (the RAD-69 repository unique id) and, when a WADO-RS base URL is given, its Retrieve URL.
 *
 * <p>The manifest belongs to the study it describes (same Study Instance UID, patient and accession number) and
 * sits in its own KO series.
 */
public final class KosManifestBuilder {
    public static final String KEY_OBJECT_SELECTION_DOCUMENT_STORAGE = "1.2.840.10008.5.1.4.1.1.88.59";

    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx");

    private final ImagingStudy study;
    private String retrieveAeTitle;
    private String retrieveLocationUid;
    private String wadoRsBaseUrl;
    private String sopInstanceUid;
    private String seriesInstanceUid;
    private int seriesNumber = 999;
    private int instanceNumber = 1;
    private ZonedDateTime contentDateTime;
    private String manufacturer = "xdsi";
    private String institutionName;
    private String keyObjectDescription;

    public KosManifestBuilder(ImagingStudy study) {
        this.study = Objects.requireNonNull(study, "study");
    }

    /** Retrieve AE Title (0008,0054) of every referenced series: the imaging source's DICOM AE title. Required. */
    public KosManifestBuilder retrieveAeTitle(String aeTitle) {
        this.retrieveAeTitle = aeTitle;
        return this;
    }

    /** Retrieve Location UID (0040,E011): the imaging source's OID, consumers' RAD-69 RepositoryUniqueId. Required. */
    public KosManifestBuilder retrieveLocationUid(String uid) {
        this.retrieveLocationUid = uid;
        return this;
    }

    /**
     * The WADO-RS service base URL; each series gets Retrieve URL (0008,1190)
     * {@code <base>/studies/<study>/series/<series>}. Optional.
     */
    public KosManifestBuilder wadoRsBaseUrl(String baseUrl) {
        this.wadoRsBaseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
        return this;
    }

    /** SOP Instance UID of the manifest (the DocumentEntry uniqueId); a new UID by default. */
    public KosManifestBuilder sopInstanceUid(String uid) {
        this.sopInstanceUid = uid;
        return this;
    }

    /** Series Instance UID of the manifest's KO series; a new UID by default. */
    public KosManifestBuilder seriesInstanceUid(String uid) {
        this.seriesInstanceUid = uid;
        return this;
    }

    public KosManifestBuilder seriesNumber(int n) {
        this.seriesNumber = n;
        return this;
    }

    /** Instance Number; raise it for a replacement manifest of the same series. */
    public KosManifestBuilder instanceNumber(int n) {
        this.instanceNumber = n;
        return this;
    }

    /** Content and instance creation date/time with its UTC offset; now by default. */
    public KosManifestBuilder contentDateTime(ZonedDateTime dateTime) {
        this.contentDateTime = dateTime;
        return this;
    }

    public KosManifestBuilder manufacturer(String name) {
        this.manufacturer = name;
        return this;
    }

    public KosManifestBuilder institutionName(String name) {
        this.institutionName = name;
        return this;
    }

    /** An optional TEXT item (113012, DCM, "Key Object Description") in the content tree. */
    public KosManifestBuilder keyObjectDescription(String text) {
        this.keyObjectDescription = text;
        return this;
    }

    /**
     * The manifest dataset.
     *
     * @throws IllegalStateException without Retrieve AE Title or Retrieve Location UID
     */
    public Dataset build() {
        if (retrieveAeTitle == null || retrieveAeTitle.isBlank()) {
            throw new IllegalStateException("a Retrieve AE Title is required");
        }
        if (!Uids.isValid(retrieveLocationUid)) {
            throw new IllegalStateException("a Retrieve Location UID (an OID) is required: " + retrieveLocationUid);
        }
        ZonedDateTime now = contentDateTime != null ? contentDateTime : ZonedDateTime.now();
        String sopUid = sopInstanceUid != null ? sopInstanceUid : Uids.newUid();
        String seriesUid = seriesInstanceUid != null ? seriesInstanceUid : Uids.newUid();
        PatientInfo patient = study.patient();

        Dataset ds = new Dataset();
        if (needsUtf8()) {
            ds.setString(Tag.SPECIFIC_CHARACTER_SET, "ISO_IR 192");
        }
        // SOP Common
        ds.setString(Tag.SOP_CLASS_UID, KEY_OBJECT_SELECTION_DOCUMENT_STORAGE);
        ds.setString(Tag.SOP_INSTANCE_UID, sopUid);
        ds.setString(Tag.INSTANCE_CREATION_DATE, DA.format(now));
        ds.setString(Tag.INSTANCE_CREATION_TIME, TM.format(now));
        ds.setString(Tag.TIMEZONE_OFFSET_FROM_UTC, OFFSET.format(now));
        // Patient
        setOrEmpty(ds, Tag.PATIENT_NAME, Vr.PN, patient.name());
        ds.setString(Tag.PATIENT_ID, patient.id());
        if (patient.issuer() != null) {
            ds.setString(Tag.ISSUER_OF_PATIENT_ID, patient.issuer());
        }
        setOrEmpty(ds, Tag.PATIENT_BIRTH_DATE, Vr.DA, patient.birthDate());
        setOrEmpty(ds, Tag.PATIENT_SEX, Vr.CS, patient.sex());
        // General Study: the manifest is part of the study it describes
        ds.setString(Tag.STUDY_INSTANCE_UID, study.studyInstanceUid());
        setOrEmpty(ds, Tag.STUDY_DATE, Vr.DA, study.studyDate());
        setOrEmpty(ds, Tag.STUDY_TIME, Vr.TM, study.studyTime());
        setOrEmpty(ds, Tag.REFERRING_PHYSICIAN_NAME, Vr.PN, study.referringPhysicianName());
        setOrEmpty(ds, Tag.STUDY_ID, Vr.SH, study.studyId());
        setOrEmpty(ds, Tag.ACCESSION_NUMBER, Vr.SH, study.accessionNumber());
        if (study.accessionNumber() != null && study.accessionNumberIssuer() != null) {
            setIssuer(ds.addItem(Tag.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE), study.accessionNumberIssuer());
        }
        if (study.studyDescription() != null) {
            ds.setString(Tag.STUDY_DESCRIPTION, study.studyDescription());
        }
        // Key Object Document Series
        ds.setString(Tag.MODALITY, "KO");
        ds.setString(Tag.SERIES_INSTANCE_UID, seriesUid);
        ds.setInt(Tag.SERIES_NUMBER, seriesNumber);
        ds.setSequence(Tag.REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE, List.of());
        // General Equipment
        setOrEmpty(ds, Tag.MANUFACTURER, Vr.LO, manufacturer);
        if (institutionName != null) {
            ds.setString(Tag.INSTITUTION_NAME, institutionName);
        }
        // Key Object Document
        ds.setInt(Tag.INSTANCE_NUMBER, instanceNumber);
        ds.setString(Tag.CONTENT_DATE, DA.format(now));
        ds.setString(Tag.CONTENT_TIME, TM.format(now));
        if (study.accessionNumber() != null) {
            addReferencedRequest(ds);
        }
        addEvidence(ds);
        // SR Document Content: root container of TID 2010 and one reference per instance
        ds.setString(Tag.VALUE_TYPE, "CONTAINER");
        addCode(ds, Tag.CONCEPT_NAME_CODE_SEQUENCE, "113030", "DCM", "Manifest");
        ds.setString(Tag.CONTINUITY_OF_CONTENT, "SEPARATE");
        Dataset template = ds.addItem(Tag.CONTENT_TEMPLATE_SEQUENCE);
        template.setString(Tag.MAPPING_RESOURCE, "DCMR");
        template.setString(Tag.TEMPLATE_IDENTIFIER, "2010");
        if (keyObjectDescription != null) {
            Dataset text = ds.addItem(Tag.CONTENT_SEQUENCE);
            text.setString(Tag.RELATIONSHIP_TYPE, "CONTAINS");
            text.setString(Tag.VALUE_TYPE, "TEXT");
            addCode(text, Tag.CONCEPT_NAME_CODE_SEQUENCE, "113012", "DCM", "Key Object Description");
            text.setString(Tag.TEXT_VALUE, keyObjectDescription);
        }
        for (ImagingSeries series : study.series()) {
            for (ImagingInstance instance : series.instances()) {
                Dataset item = ds.addItem(Tag.CONTENT_SEQUENCE);
                item.setString(Tag.RELATIONSHIP_TYPE, "CONTAINS");
                item.setString(Tag.VALUE_TYPE, ReferenceValueType.of(instance.sopClassUid()).name());
                addSopReference(item.addItem(Tag.REFERENCED_SOP_SEQUENCE), instance);
            }
        }
        return ds;
    }

    /** The manifest as a Part 10 file in explicit VR little endian. */
    public void writeTo(OutputStream out) throws IOException {
        DicomWriter.writeFile(out, build(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    private void addReferencedRequest(Dataset ds) {
        Dataset request = ds.addItem(Tag.REFERENCED_REQUEST_SEQUENCE);
        request.setString(Tag.STUDY_INSTANCE_UID, study.studyInstanceUid());
        request.setSequence(Tag.REFERENCED_STUDY_SEQUENCE, List.of());
        request.setString(Tag.ACCESSION_NUMBER, study.accessionNumber());
        if (study.accessionNumberIssuer() != null) {
            setIssuer(request.addItem(Tag.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE), study.accessionNumberIssuer());
        }
        request.setEmpty(Tag.PLACER_ORDER_NUMBER_IMAGING_SERVICE_REQUEST, Vr.LO);
        request.setEmpty(Tag.FILLER_ORDER_NUMBER_IMAGING_SERVICE_REQUEST, Vr.LO);
        request.setEmpty(Tag.REQUESTED_PROCEDURE_ID, Vr.SH);
        setOrEmpty(request, Tag.REQUESTED_PROCEDURE_DESCRIPTION, Vr.LO, study.studyDescription());
        request.setSequence(Tag.REQUESTED_PROCEDURE_CODE_SEQUENCE, List.of());
    }

    private void addEvidence(Dataset ds) {
        Dataset studyRef = ds.addItem(Tag.CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE);
        studyRef.setString(Tag.STUDY_INSTANCE_UID, study.studyInstanceUid());
        for (ImagingSeries series : study.series()) {
            Dataset seriesRef = studyRef.addItem(Tag.REFERENCED_SERIES_SEQUENCE);
            seriesRef.setString(Tag.SERIES_INSTANCE_UID, series.seriesInstanceUid());
            seriesRef.setString(Tag.RETRIEVE_AE_TITLE, retrieveAeTitle);
            seriesRef.setString(Tag.RETRIEVE_LOCATION_UID, retrieveLocationUid);
            if (wadoRsBaseUrl != null) {
                seriesRef.setString(Tag.RETRIEVE_URL, wadoRsBaseUrl + "/studies/" + study.studyInstanceUid()
                        + "/series/" + series.seriesInstanceUid());
            }
            for (ImagingInstance instance : series.instances()) {
                addSopReference(seriesRef.addItem(Tag.REFERENCED_SOP_SEQUENCE), instance);
            }
        }
    }

    private static void addSopReference(Dataset item, ImagingInstance instance) {
        item.setString(Tag.REFERENCED_SOP_CLASS_UID, instance.sopClassUid());
        item.setString(Tag.REFERENCED_SOP_INSTANCE_UID, instance.sopInstanceUid());
    }

    private static void addCode(Dataset ds, int sequenceTag, String value, String scheme, String meaning) {
        Dataset code = ds.addItem(sequenceTag);
        code.setString(Tag.CODE_VALUE, value);
        code.setString(Tag.CODING_SCHEME_DESIGNATOR, scheme);
        code.setString(Tag.CODE_MEANING, meaning);
    }

    /** Issuer of Accession Number Sequence item: the issuer as an ISO universal entity id. */
    private static void setIssuer(Dataset item, String oid) {
        item.setString(Tag.UNIVERSAL_ENTITY_ID, oid);
        item.setString(Tag.UNIVERSAL_ENTITY_ID_TYPE, "ISO");
    }

    private static void setOrEmpty(Dataset ds, int tag, Vr vr, String value) {
        if (value == null || value.isEmpty()) {
            ds.setEmpty(tag, vr);
        } else {
            ds.setString(tag, vr, value);
        }
    }

    private boolean needsUtf8() {
        PatientInfo p = study.patient();
        return Stream.of(p.id(), p.issuer(), p.name(), study.studyId(), study.accessionNumber(),
                study.referringPhysicianName(), study.studyDescription(), manufacturer, institutionName,
                keyObjectDescription).filter(Objects::nonNull)
                .anyMatch(s -> !StandardCharsets.US_ASCII.newEncoder().canEncode(s));
    }
}
