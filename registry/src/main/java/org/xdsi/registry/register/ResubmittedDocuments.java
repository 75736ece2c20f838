package org.xdsi.registry.register;

import java.util.HashMap;
import java.util.Map;

/**
 * DocumentEntries of a submission that are already registered: same uniqueId, same hash and size. ITI-42 accepts
 * them (digest §3.1 item 5), but they are not registered a second time: the submission refers to the entry the
 * registry holds, so one document keeps one Approved DocumentEntry.
 */
public final class ResubmittedDocuments {
    /** id in the submission -> entryUUID of the registered entry */
    private final Map<String, String> registered = new HashMap<>();

    void add(String submittedId, String registeredUuid) {
        registered.put(submittedId, registeredUuid);
    }

    /** True when the entry with this id in the submission is already registered. */
    public boolean contains(String submittedId) {
        return registered.containsKey(submittedId);
    }

    /** The registered entry's entryUUID for the submission's id, or null when it is a new entry. */
    public String registeredUuid(String submittedId) {
        return registered.get(submittedId);
    }

    public int size() {
        return registered.size();
    }

    Map<String, String> asMap() {
        return Map.copyOf(registered);
    }
}
