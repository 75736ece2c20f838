package org.xdsi.imaging.kos;

import java.util.Set;

/**
 * The value type of a content item referencing an instance (PS3.3 C.17.3.2.1): IMAGE for image SOP classes,
 * WAVEFORM for waveforms, COMPOSITE for the others (SR, presentation states, encapsulated documents, ...).
 */
public enum ReferenceValueType {
    IMAGE, COMPOSITE, WAVEFORM;

    private static final String STORAGE = "1.2.840.10008.5.1.4.1.1.";

    /** Storage SOP classes (suffixes after 1.2.840.10008.5.1.4.1.1.) whose IOD is an image. */
    private static final Set<String> IMAGES = Set.of(
            "1", "1.1", "1.1.1", "1.2", "1.2.1", "1.3", "1.3.1", // CR, DX, MG, IO
            "2", "2.1", "2.2", // CT, Enhanced CT, Legacy Converted Enhanced CT
            "3.1", "6.1", "6.2", // US
            "4", "4.1", "4.3", "4.4", // MR
            "7", "7.1", "7.2", "7.3", "7.4", // Secondary Capture
            "12.1", "12.1.1", "12.2", "12.2.1", // XA, XRF
            "13.1.1", "13.1.2", "13.1.3", "13.1.4", "13.1.5", // 3D X-ray, breast tomosynthesis and projection
            "14.1", "14.2", // IVOCT
            "20", "30", // NM, Parametric Map
            "77.1.1", "77.1.1.1", "77.1.2", "77.1.2.1", "77.1.3", "77.1.4", "77.1.4.1", // VL
            "77.1.5.1", "77.1.5.2", "77.1.5.4", "77.1.6", // ophthalmic photography and tomography, whole slide
            "128", "128.1", "130", // PET
            "481.1"); // RT Image

    public static ReferenceValueType of(String sopClassUid) {
        if (sopClassUid.startsWith(STORAGE)) {
            String suffix = sopClassUid.substring(STORAGE.length());
            if (IMAGES.contains(suffix)) {
                return IMAGE;
            }
            if (suffix.startsWith("9.")) {
                return WAVEFORM;
            }
        }
        return COMPOSITE;
    }
}
