package org.xdsi.imaging.archive;

/**
 * What storing one instance did.
 *
 * @param alreadyStored true when the archive held this SOP Instance UID already (in the same study and series):
 *                      nothing was changed, the study's revision included
 */
public record StoreResult(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
                          String sopClassUid, boolean alreadyStored) {
}
