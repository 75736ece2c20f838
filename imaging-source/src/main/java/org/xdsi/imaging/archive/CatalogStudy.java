package org.xdsi.imaging.archive;

import java.time.Instant;
import org.xdsi.imaging.kos.ImagingStudy;

/**
 * A study as the index holds it: what a manifest is built from, plus the facts the publisher decides by.
 *
 * @param institutionName Institution Name (0008,0080) of the study, or null
 * @param revision        +1 for every instance added; a manifest covers one revision
 * @param updatedAt       when the last instance was added (the quiet period runs from here)
 */
public record CatalogStudy(ImagingStudy study, String institutionName, long revision, Instant updatedAt) {
}
