package org.xdsi.imaging.kos;

/** One stored instance: SOP Class UID and SOP Instance UID. */
public record ImagingInstance(String sopClassUid, String sopInstanceUid) {
    public ImagingInstance {
        if (sopClassUid == null || sopInstanceUid == null) {
            throw new IllegalArgumentException("SOP Class UID and SOP Instance UID are required");
        }
    }
}
