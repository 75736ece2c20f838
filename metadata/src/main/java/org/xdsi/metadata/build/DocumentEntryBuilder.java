package org.xdsi.metadata.build;

import java.util.ArrayList;
import java.util.List;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.model.Code;
import org.xdsi.schema.rim.ExtrinsicObjectType;

/**
 * The metadata of one document, with defaults a Document Source can submit as they are (a generic report);
 * every attribute can be overridden.
 */
public final class DocumentEntryBuilder {
    public static final Code DEFAULT_CLASS = new Code("18748-4", "2.16.840.1.113883.6.1", "Diagnostic imaging study");
    public static final Code DEFAULT_TYPE = new Code("18748-4", "2.16.840.1.113883.6.1", "Diagnostic imaging study");
    public static final Code DEFAULT_FORMAT = new Code("urn:ihe:rad:PDF", "1.3.6.1.4.1.19376.1.2.3", "Radiology report PDF");
    public static final Code DEFAULT_CONFIDENTIALITY = new Code("N", "2.16.840.1.113883.5.25", "Normal");
    public static final Code DEFAULT_FACILITY = new Code("RADDX", "2.16.840.1.113883.5.11", "Radiology diagnostics or therapeutics unit");
    public static final Code DEFAULT_PRACTICE = new Code("394914008", "2.16.840.1.113883.6.96", "Radiology");

    final String id;
    String uniqueId;
    String patientId;
    String mimeType = "application/pdf";
    String title;
    String creationTime;
    String serviceStartTime;
    String serviceStopTime;
    String languageCode = "en-US";
    String sourcePatientId;
    final List<String> sourcePatientInfo = new ArrayList<>();
    String hash;
    String size;
    String repositoryUniqueId;
    String authorPerson;
    String authorInstitution;
    Code classCode = DEFAULT_CLASS;
    Code typeCode = DEFAULT_TYPE;
    Code formatCode = DEFAULT_FORMAT;
    Code healthcareFacilityTypeCode = DEFAULT_FACILITY;
    Code practiceSettingCode = DEFAULT_PRACTICE;
    final List<Code> confidentialityCodes = new ArrayList<>(List.of(DEFAULT_CONFIDENTIALITY));
    final List<Code> eventCodes = new ArrayList<>();
    final List<String> referenceIds = new ArrayList<>();

    DocumentEntryBuilder(String id, String patientId, String creationTime) {
        this.id = id;
        this.patientId = patientId;
        this.sourcePatientId = patientId;
        this.creationTime = creationTime;
    }

    public String id() {
        return id;
    }

    public String uniqueIdValue() {
        return uniqueId;
    }

    public DocumentEntryBuilder uniqueId(String v) { uniqueId = v; return this; }
    public DocumentEntryBuilder patientId(String v) { patientId = v; return this; }
    public DocumentEntryBuilder mimeType(String v) { mimeType = v; return this; }
    public DocumentEntryBuilder title(String v) { title = v; return this; }
    public DocumentEntryBuilder creationTime(String v) { creationTime = v; return this; }
    public DocumentEntryBuilder serviceTime(String start, String stop) { serviceStartTime = start; serviceStopTime = stop; return this; }
    public DocumentEntryBuilder languageCode(String v) { languageCode = v; return this; }
    public DocumentEntryBuilder sourcePatientId(String v) { sourcePatientId = v; return this; }
    public DocumentEntryBuilder sourcePatientInfo(String v) { sourcePatientInfo.add(v); return this; }
    public DocumentEntryBuilder hashAndSize(String sha1, long bytes) { hash = sha1; size = Long.toString(bytes); return this; }
    public DocumentEntryBuilder repositoryUniqueId(String v) { repositoryUniqueId = v; return this; }
    public DocumentEntryBuilder author(String person, String institution) { authorPerson = person; authorInstitution = institution; return this; }
    public DocumentEntryBuilder classCode(Code v) { classCode = v; return this; }
    public DocumentEntryBuilder typeCode(Code v) { typeCode = v; return this; }
    public DocumentEntryBuilder formatCode(Code v) { formatCode = v; return this; }
    public DocumentEntryBuilder healthcareFacilityTypeCode(Code v) { healthcareFacilityTypeCode = v; return this; }
    public DocumentEntryBuilder practiceSettingCode(Code v) { practiceSettingCode = v; return this; }
    public DocumentEntryBuilder confidentialityCodes(Code... v) { confidentialityCodes.clear(); confidentialityCodes.addAll(List.of(v)); return this; }
    public DocumentEntryBuilder eventCode(Code v) { eventCodes.add(v); return this; }
    public DocumentEntryBuilder referenceId(String cxi) { referenceIds.add(cxi); return this; }

    ExtrinsicObjectType build() {
        ExtrinsicObjectType e = new ExtrinsicObjectType();
        e.setId(id);
        e.setObjectType(Vocabulary.STABLE_DOCUMENT);
        e.setMimeType(mimeType);
        if (title != null) {
            e.setName(Rim.text(title));
        }
        Rim.addSlot(e, Vocabulary.SLOT_CREATION_TIME, creationTime);
        Rim.addSlot(e, Vocabulary.SLOT_SERVICE_START_TIME, serviceStartTime);
        Rim.addSlot(e, Vocabulary.SLOT_SERVICE_STOP_TIME, serviceStopTime);
        Rim.addSlot(e, Vocabulary.SLOT_LANGUAGE_CODE, languageCode);
        Rim.addSlot(e, Vocabulary.SLOT_SOURCE_PATIENT_ID, sourcePatientId);
        if (!sourcePatientInfo.isEmpty()) {
            Rim.addSlot(e, Vocabulary.SLOT_SOURCE_PATIENT_INFO, sourcePatientInfo.toArray(String[]::new));
        }
        Rim.addSlot(e, Vocabulary.SLOT_HASH, hash);
        Rim.addSlot(e, Vocabulary.SLOT_SIZE, size);
        Rim.addSlot(e, Vocabulary.SLOT_REPOSITORY_UNIQUE_ID, repositoryUniqueId);
        if (!referenceIds.isEmpty()) {
            Rim.addSlot(e, Vocabulary.SLOT_REFERENCE_ID_LIST, referenceIds.toArray(String[]::new));
        }
        Rim.addAuthor(e, Vocabulary.DE_AUTHOR, authorPerson, authorInstitution, "author");
        Rim.addCode(e, Vocabulary.DE_CLASS_CODE, classCode, "class");
        Rim.addCode(e, Vocabulary.DE_TYPE_CODE, typeCode, "type");
        Rim.addCode(e, Vocabulary.DE_FORMAT_CODE, formatCode, "format");
        Rim.addCode(e, Vocabulary.DE_HEALTHCARE_FACILITY_TYPE_CODE, healthcareFacilityTypeCode, "facility");
        Rim.addCode(e, Vocabulary.DE_PRACTICE_SETTING_CODE, practiceSettingCode, "practice");
        for (int i = 0; i < confidentialityCodes.size(); i++) {
            Rim.addCode(e, Vocabulary.DE_CONFIDENTIALITY_CODE, confidentialityCodes.get(i), "conf" + i);
        }
        for (int i = 0; i < eventCodes.size(); i++) {
            Rim.addCode(e, Vocabulary.DE_EVENT_CODE, eventCodes.get(i), "event" + i);
        }
        Rim.addIdentifier(e, Vocabulary.DE_PATIENT_ID, Vocabulary.DE_PATIENT_ID_NAME, patientId, "pid");
        Rim.addIdentifier(e, Vocabulary.DE_UNIQUE_ID, Vocabulary.DE_UNIQUE_ID_NAME, uniqueId, "uid");
        return e;
    }
}
