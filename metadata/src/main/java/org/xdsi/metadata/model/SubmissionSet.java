package org.xdsi.metadata.model;

import java.util.List;
import org.xdsi.schema.rim.RegistryPackageType;

/** An XDS SubmissionSet as read from its ebRIM RegistryPackage. */
public record SubmissionSet(
        String entryUuid,
        String home,
        List<String> patientIds,
        List<String> uniqueIds,
        List<String> sourceIds,
        String title,
        String comments,
        List<Code> contentTypeCodes,
        List<Author> authors,
        Slots slots,
        RegistryPackageType ebrim) {

    public String patientId() {
        return patientIds.isEmpty() ? null : patientIds.get(0);
    }

    public String uniqueId() {
        return uniqueIds.isEmpty() ? null : uniqueIds.get(0);
    }

    public String sourceId() {
        return sourceIds.isEmpty() ? null : sourceIds.get(0);
    }

    public String submissionTime() {
        return slots.first(org.xdsi.metadata.Vocabulary.SLOT_SUBMISSION_TIME);
    }
}
