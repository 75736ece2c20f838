package org.xdsi.metadata.model;

import java.util.List;
import org.xdsi.schema.rim.ExtrinsicObjectType;

/**
 * An XDS DocumentEntry as read from its ebRIM ExtrinsicObject. Attributes that ebRIM allows to repeat are kept as
 * lists so validation can tell a missing value from a repeated one. {@code ebrim} is the object it was read from.
 */
public record DocumentEntry(
        String entryUuid,
        String lid,
        String home,
        String objectType,
        String mimeType,
        String status,
        List<String> patientIds,
        List<String> uniqueIds,
        String title,
        String comments,
        List<Code> classCodes,
        List<Code> typeCodes,
        List<Code> formatCodes,
        List<Code> healthcareFacilityTypeCodes,
        List<Code> practiceSettingCodes,
        List<Code> confidentialityCodes,
        List<Code> eventCodes,
        List<Author> authors,
        Slots slots,
        ExtrinsicObjectType ebrim) {

    public String patientId() {
        return patientIds.isEmpty() ? null : patientIds.get(0);
    }

    public String uniqueId() {
        return uniqueIds.isEmpty() ? null : uniqueIds.get(0);
    }

    public String creationTime() {
        return slots.first(org.xdsi.metadata.Vocabulary.SLOT_CREATION_TIME);
    }

    public String serviceStartTime() {
        return slots.first(org.xdsi.metadata.Vocabulary.SLOT_SERVICE_START_TIME);
    }

    public String serviceStopTime() {
        return slots.first(org.xdsi.metadata.Vocabulary.SLOT_SERVICE_STOP_TIME);
    }

    public String hash() {
        return slots.first(org.xdsi.metadata.Vocabulary.SLOT_HASH);
    }

    public String size() {
        return slots.first(org.xdsi.metadata.Vocabulary.SLOT_SIZE);
    }

    public String repositoryUniqueId() {
        return slots.first(org.xdsi.metadata.Vocabulary.SLOT_REPOSITORY_UNIQUE_ID);
    }

    public List<String> referenceIds() {
        return slots.all(org.xdsi.metadata.Vocabulary.SLOT_REFERENCE_ID_LIST);
    }

    public static Code single(List<Code> codes) {
        return codes.isEmpty() ? null : codes.get(0);
    }
}
