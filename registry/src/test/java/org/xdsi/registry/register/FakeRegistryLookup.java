package org.xdsi.registry.register;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory registry state for validator tests; it refuses lookups by ids that are not UUIDs. */
final class FakeRegistryLookup implements RegistryLookup {
    final Set<String> patients = new HashSet<>();
    final Map<String, StoredObject> objects = new HashMap<>();
    final Map<String, List<StoredDocument>> documents = new HashMap<>();
    final Set<String> packageUniqueIds = new HashSet<>();
    final List<String> lookedUp = new ArrayList<>();

    FakeRegistryLookup patient(String pid) {
        patients.add(pid);
        return this;
    }

    FakeRegistryLookup document(String uuid, String uniqueId, String patientId, String hash, long size, boolean approved,
                                boolean onDemand) {
        objects.put(uuid, new StoredObject(uuid, Kind.DOCUMENT_ENTRY, patientId, approved, onDemand));
        documents.computeIfAbsent(uniqueId, k -> new ArrayList<>())
                .add(new StoredDocument(uuid, patientId, hash, size, approved));
        return this;
    }

    FakeRegistryLookup object(String uuid, Kind kind, String patientId, boolean approved) {
        objects.put(uuid, new StoredObject(uuid, kind, patientId, approved, false));
        return this;
    }

    @Override
    public Optional<StoredObject> object(String entryUuid) {
        if (entryUuid == null || !entryUuid.startsWith("urn:uuid:")) {
            throw new AssertionError("registry lookup by a non-UUID id: " + entryUuid);
        }
        lookedUp.add(entryUuid);
        return Optional.ofNullable(objects.get(entryUuid));
    }

    @Override
    public List<StoredDocument> documentsByUniqueId(String uniqueId) {
        return documents.getOrDefault(uniqueId, List.of());
    }

    @Override
    public boolean packageUniqueIdExists(String uniqueId) {
        return packageUniqueIds.contains(uniqueId);
    }

    @Override
    public boolean isKnownPatient(String patientId) {
        return patients.contains(patientId);
    }
}
