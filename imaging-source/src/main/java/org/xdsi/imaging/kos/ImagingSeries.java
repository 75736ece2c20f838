package org.xdsi.imaging.kos;

import java.util.List;

/**
 * A series of a study with its instances.
 *
 * @param modality Modality (0008,0060), e.g. CT
 * @param bodyPartExamined Body Part Examined (0018,0015), e.g. CHEST, or null
 */
public record ImagingSeries(String seriesInstanceUid, String modality, String bodyPartExamined,
        List<ImagingInstance> instances) {
    public ImagingSeries {
        if (seriesInstanceUid == null || modality == null) {
            throw new IllegalArgumentException("Series Instance UID and Modality are required");
        }
        if (instances == null || instances.isEmpty()) {
            throw new IllegalArgumentException("series " + seriesInstanceUid + " has no instances");
        }
        instances = List.copyOf(instances);
    }
}
