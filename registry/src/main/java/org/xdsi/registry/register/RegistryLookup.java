package org.xdsi.registry.register;

import java.util.List;
import java.util.Optional;

/** What submission validation needs to know about objects already in the registry. */
public interface RegistryLookup {

    /** An object already registered, as far as validation cares. */
    record StoredObject(String uuid, Kind kind, String patientId, boolean approved, boolean onDemand) {
    }

    /** A DocumentEntry already registered under a uniqueId. */
    record StoredDocument(String uuid, String patientId, String hash, Long size, boolean approved) {
    }

    enum Kind { DOCUMENT_ENTRY, SUBMISSION_SET, FOLDER, ASSOCIATION }

    Optional<StoredObject> object(String entryUuid);

    List<StoredDocument> documentsByUniqueId(String uniqueId);

    /** True when a SubmissionSet or Folder already uses this uniqueId. */
    boolean packageUniqueIdExists(String uniqueId);

    /** The active patient id this one resolves to through the feed and merges; empty when unknown or subsumed. */
    boolean isKnownPatient(String patientId);
}
