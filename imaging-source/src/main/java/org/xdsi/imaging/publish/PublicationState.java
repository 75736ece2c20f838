package org.xdsi.imaging.publish;

/** Where a study stands with RAD-68. */
public enum PublicationState {
    /** Not yet published at its current revision; waits for the quiet period. */
    PENDING,
    /** The current manifest covers the study's current revision. */
    PUBLISHED,
    /** The last attempt failed in a way that may pass (repository down, registry error); retried with back-off. */
    FAILED,
    /** Needs a person: the patient cannot be mapped, or the registry refused the manifest for good. */
    HELD
}
