package org.xdsi.imaging.archive;

import java.util.List;
import java.util.Optional;

/** Finds stored instances for the retrieve services (RAD-69, WADO-URI, WADO-RS). Results in instance order. */
public interface InstanceLocator {

    /** The instance with these UIDs; empty when unknown or when it belongs to another study or series. */
    Optional<StoredInstance> instance(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid);

    /** Every instance of the series in the study; empty when unknown. */
    List<StoredInstance> series(String studyInstanceUid, String seriesInstanceUid);

    /** Every instance of the study; empty when unknown. */
    List<StoredInstance> study(String studyInstanceUid);
}
