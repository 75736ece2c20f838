package org.xdsi.imaging.kos;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.model.Code;

/**
 * The RAD-68 DocumentEntry attributes that follow from a manifest and its study (XDS-I.b, RAD TF-3 4.68.4.1.2):
 * what an imaging source submits besides the affinity domain's own codes (class, type, confidentiality, facility,
 * practice setting) and the affinity domain patient ID. Times are HL7 DTM in UTC.
 *
 * @param mimeType always {@code application/dicom}
 * @param uniqueId the manifest's SOP Instance UID
 * @param formatCode the KOS SOP Class UID in the DICOM UID Registry scheme
 * @param creationTime Instance Creation Date/Time of the manifest
 * @param serviceStartTime Study Date/Time (date only when the study has no time), or null
 * @param serviceStopTime the same as the start: a study is taken as a point in time
 * @param eventCodes acquisition modalities, then anatomic regions, each once
 * @param referenceIds accession number (with its issuer) and Study Instance UID, as CXi
 * @param sourcePatientId departmental patient ID as CX ({@code id^^^&oid&ISO} when the issuer is an OID)
 * @param sourcePatientInfo PID-3, PID-5, PID-7, PID-8 of the departmental patient
 * @param title Study Description, or "Imaging manifest"
 */
public record ManifestMetadata(String mimeType, String uniqueId, Code formatCode, String creationTime,
        String serviceStartTime, String serviceStopTime, List<Code> eventCodes, List<String> referenceIds,
        String sourcePatientId, List<String> sourcePatientInfo, String title) {

    public static final String MIME_TYPE = "application/dicom";
    /** DICOM UID Registry, the coding scheme of SOP Class UIDs used as formatCode. */
    public static final String DICOM_UID_REGISTRY = "1.2.840.10008.2.6.1";
    public static final Code FORMAT_CODE = new Code(KosManifestBuilder.KEY_OBJECT_SELECTION_DOCUMENT_STORAGE,
            DICOM_UID_REGISTRY, "Key Object Selection Document");
    public static final String ACCESSION = "urn:ihe:iti:xds:2013:accession";
    public static final String STUDY_INSTANCE_UID = "urn:ihe:iti:xds:2016:studyInstanceUID";

    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    public ManifestMetadata {
        eventCodes = List.copyOf(eventCodes);
        referenceIds = List.copyOf(referenceIds);
        sourcePatientInfo = List.copyOf(sourcePatientInfo);
    }

    /**
     * The metadata of a manifest built by {@link KosManifestBuilder} for {@code study}. DICOM dates and times
     * without a Timezone Offset From UTC are taken as local time of {@code localZone} (the imaging source's zone).
     */
    public static ManifestMetadata of(ImagingStudy study, Dataset kos, ZoneId localZone) {
        ZoneId kosZone = zoneOf(kos, localZone);
        String creation = utc(kos.getString(Tag.INSTANCE_CREATION_DATE), kos.getString(Tag.INSTANCE_CREATION_TIME),
                kosZone);
        String service = utc(study.studyDate(), study.studyTime(), localZone);

        Set<Code> events = new LinkedHashSet<>();
        study.series().forEach(s -> EventCodes.forModality(s.modality()).ifPresent(events::add));
        study.series().forEach(s -> EventCodes.forBodyPart(s.bodyPartExamined()).ifPresent(events::add));

        List<String> refs = new ArrayList<>();
        if (study.accessionNumber() != null) {
            String issuer = study.accessionNumberIssuer() == null ? "" : "&" + study.accessionNumberIssuer() + "&ISO";
            refs.add(escape(study.accessionNumber()) + "^^^" + issuer + "^" + ACCESSION);
        }
        refs.add(study.studyInstanceUid() + "^^^^" + STUDY_INSTANCE_UID);

        PatientInfo p = study.patient();
        String cx = patientCx(p);
        List<String> info = new ArrayList<>();
        info.add("PID-3|" + cx);
        if (p.name() != null) {
            info.add("PID-5|" + xpn(p.name()));
        }
        if (p.birthDate() != null) {
            info.add("PID-7|" + p.birthDate());
        }
        if (p.sex() != null) {
            info.add("PID-8|" + p.sex());
        }
        String title = study.studyDescription() != null ? study.studyDescription() : "Imaging manifest";
        return new ManifestMetadata(MIME_TYPE, kos.getString(Tag.SOP_INSTANCE_UID), FORMAT_CODE, creation, service,
                service, List.copyOf(events), refs, cx, info, title);
    }

    /** Sets these attributes on a DocumentEntry being built (adds event codes, reference ids and patient info). */
    public DocumentEntryBuilder applyTo(DocumentEntryBuilder entry) {
        entry.mimeType(mimeType).uniqueId(uniqueId).formatCode(formatCode).title(title)
                .sourcePatientId(sourcePatientId);
        if (creationTime != null) {
            entry.creationTime(creationTime);
        }
        if (serviceStartTime != null) {
            entry.serviceTime(serviceStartTime, serviceStopTime);
        }
        eventCodes.forEach(entry::eventCode);
        referenceIds.forEach(entry::referenceId);
        sourcePatientInfo.forEach(entry::sourcePatientInfo);
        return entry;
    }

    private static ZoneId zoneOf(Dataset kos, ZoneId fallback) {
        String offset = kos.getString(Tag.TIMEZONE_OFFSET_FROM_UTC);
        try {
            return offset == null ? fallback : ZoneOffset.of(offset);
        } catch (java.time.DateTimeException e) {
            return fallback;
        }
    }

    /** DICOM DA + TM (local to {@code zone}) as a UTC DTM; the date alone when there is no time; null without date. */
    static String utc(String da, String tm, ZoneId zone) {
        if (da == null || !da.matches("\\d{8}")) {
            return null;
        }
        LocalDate date = LocalDate.parse(da, DateTimeFormatter.BASIC_ISO_DATE);
        if (tm == null || !tm.matches("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?")) {
            return da;
        }
        int hour = Integer.parseInt(tm.substring(0, 2));
        int minute = tm.length() >= 4 ? Integer.parseInt(tm.substring(2, 4)) : 0;
        int second = tm.length() >= 6 ? Math.min(59, Integer.parseInt(tm.substring(4, 6))) : 0;
        LocalDateTime local = LocalDateTime.of(date, LocalTime.of(hour, minute, second));
        return local.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).format(DTM);
    }

    private static String patientCx(PatientInfo p) {
        String issuer = p.issuer();
        if (issuer == null || issuer.isBlank()) {
            return escape(p.id());
        }
        return escape(p.id()) + "^^^" + (issuer.matches("[0-2](\\.(0|[1-9][0-9]*))+") ? "&" + issuer + "&ISO"
                : escape(issuer));
    }

    /** DICOM PN (Family^Given^Middle^Prefix^Suffix, alphabetic group) to HL7 XPN (Family^Given^Middle^Suffix^Prefix). */
    static String xpn(String pn) {
        String alphabetic = pn.split("=", -1)[0];
        String[] c = alphabetic.split("\\^", -1);
        String[] x = new String[5];
        for (int i = 0; i < 5; i++) {
            x[i] = "";
        }
        for (int i = 0; i < Math.min(3, c.length); i++) {
            x[i] = escape(c[i]);
        }
        if (c.length > 3) {
            x[4] = escape(c[3]);
        }
        if (c.length > 4) {
            x[3] = escape(c[4]);
        }
        String joined = String.join("^", x);
        return joined.replaceAll("\\^+$", "");
    }

    /** HL7 v2 escapes for text placed inside a component. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> sb.append("\\E\\");
                case '|' -> sb.append("\\F\\");
                case '^' -> sb.append("\\S\\");
                case '&' -> sb.append("\\T\\");
                case '~' -> sb.append("\\R\\");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
