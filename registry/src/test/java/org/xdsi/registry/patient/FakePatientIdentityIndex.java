package org.xdsi.registry.patient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory index that records calls; the database implementation has its own tests. */
final class FakePatientIdentityIndex implements PatientIdentityIndex {

    final Set<String> registered = new LinkedHashSet<>();
    final List<List<String>> merges = new ArrayList<>();
    private final Map<String, String> mergedInto = new HashMap<>();
    volatile RuntimeException failure;

    @Override
    public synchronized void register(String patientId) {
        fail();
        registered.add(patientId);
    }

    @Override
    public synchronized void merge(String subsumed, String surviving) {
        fail();
        merges.add(List.of(subsumed, surviving));
        registered.add(surviving);
        mergedInto.put(subsumed, surviving);
    }

    @Override
    public synchronized Optional<String> resolve(String patientId) {
        String id = patientId;
        while (mergedInto.containsKey(id)) {
            id = mergedInto.get(id);
        }
        return registered.contains(id) ? Optional.of(id) : Optional.empty();
    }

    @Override
    public synchronized boolean isActive(String patientId) {
        return registered.contains(patientId) && !mergedInto.containsKey(patientId);
    }

    private void fail() {
        if (failure != null) {
            throw failure;
        }
    }
}
