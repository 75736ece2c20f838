package org.xdsi.imaging.archive;

import java.nio.file.Path;

/**
 * One DICOM instance held by the imaging source: its identifying UIDs, the transfer syntax it is stored in, and
 * the Part 10 file (preamble, file meta group, data set) it was received as.
 */
public record StoredInstance(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
                             String sopClassUid, String transferSyntaxUid, Path file, long size) {
}
