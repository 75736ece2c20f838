package org.xdsi.registry.patient;

import java.util.Optional;

/**
 * The registry's index of affinity-domain patient identifiers (XAD-PID), fed by ITI-8.
 * Identifiers are always in XDS CX form: {@code id^^^&amp;oid&amp;ISO}.
 */
public interface PatientIdentityIndex {

    /** Registers the identifier (idempotent). A previously merged (subsumed) id stays subsumed. */
    void register(String patientId);

    /**
     * Merges {@code subsumed} into {@code surviving}: every registry entry of the subsumed id moves to the
     * surviving id, and the subsumed id is no longer accepted in submissions. The surviving id is registered
     * if it was not known yet.
     */
    void merge(String subsumed, String surviving);

    /** The active identifier that {@code patientId} resolves to, following merges; empty when unknown. */
    Optional<String> resolve(String patientId);

    /** True when the id is registered and not subsumed by a merge. */
    boolean isActive(String patientId);
}
