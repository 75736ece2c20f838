package org.xdsi.imaging.kos;

import java.util.ArrayList;
import java.util.List;

/** Study fixtures for the manifest tests. */
final class Studies {
    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4";
    static final String CR_IMAGE = "1.2.840.10008.5.1.4.1.1.1";
    static final String BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11";
    static final String STUDY_UID = "1.2.826.0.1.3680043.2.1143.1590429688519720198888333603882344634";

    private Studies() {
    }

    private static ImagingSeries series(String uid, String modality, String bodyPart, String sopClass, int count) {
        List<ImagingInstance> instances = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            instances.add(new ImagingInstance(sopClass, uid + "." + i));
        }
        return new ImagingSeries(uid, modality, bodyPart, instances);
    }

    /** CT (30) + MR (20) + CR (2) images and a report: 53 instances in 4 series. */
    static ImagingStudy mixed() {
        return new ImagingStudy(
                new PatientInfo("PID-4711", "1.3.6.1.4.1.21367.13.20.1000", "Müller^Jürgen^^Dr.", "19560527", "M"),
                STUDY_UID, "20240229", "101530.25", "S-17", "ACC-2024-001", "1.3.6.1.4.1.21367.13.20.2000",
                "Smith^Anne", "CT+MR chest ±contrast",
                List.of(series("2.25.11", "CT", "CHEST", CT_IMAGE, 30),
                        series("2.25.12", "MR", "HEAD", MR_IMAGE, 20),
                        series("2.25.13", "CR", "CHEST", CR_IMAGE, 2),
                        series("2.25.14", "SR", null, BASIC_TEXT_SR, 1)));
    }

    /** One CT image, hardly anything known about the study. */
    static ImagingStudy single() {
        return new ImagingStudy(new PatientInfo("P1", null, null, null, null), "2.25.100", null, null, null, null,
                null, null, null, List.of(series("2.25.101", "CT", null, CT_IMAGE, 1)));
    }
}
