package org.xdsi.metadata.model;

import org.xdsi.schema.rim.AssociationType1;

/** An ebRIM Association between two registry objects. */
public record Association(String entryUuid, String type, String sourceObject, String targetObject, Slots slots,
                          AssociationType1 ebrim) {

    public String submissionSetStatus() {
        return slots.first(org.xdsi.metadata.Vocabulary.SLOT_SUBMISSION_SET_STATUS);
    }
}
