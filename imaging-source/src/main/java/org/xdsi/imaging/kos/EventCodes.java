package org.xdsi.imaging.kos;

import java.util.Map;
import java.util.Optional;
import org.xdsi.metadata.model.Code;

/**
 * eventCodeList values of a manifest: acquisition modalities from DICOM CID 29 (coding scheme DCM) and anatomic
 * regions from Body Part Examined mapped to SNOMED CT as in DICOM PS3.16 Annex L (CID 4). Modalities that are not
 * acquisitions (KO, PR, SR, ...) and values outside the tables give no code: an invented code would mislead queries
 * more than a missing one.
 */
public final class EventCodes {
    /** DICOM Controlled Terminology (DCM). */
    public static final String DCM = "1.2.840.10008.2.16.4";
    public static final String SNOMED_CT = "2.16.840.1.113883.6.96";

    private static final Map<String, String> MODALITIES = Map.ofEntries(
            Map.entry("BMD", "Bone Mineral Densitometry"), Map.entry("CR", "Computed Radiography"),
            Map.entry("CT", "Computed Tomography"), Map.entry("DX", "Digital Radiography"),
            Map.entry("ECG", "Electrocardiography"), Map.entry("ES", "Endoscopy"),
            Map.entry("GM", "General Microscopy"), Map.entry("IO", "Intra-oral Radiography"),
            Map.entry("IVUS", "Intravascular Ultrasound"), Map.entry("MG", "Mammography"),
            Map.entry("MR", "Magnetic Resonance"), Map.entry("NM", "Nuclear Medicine"),
            Map.entry("OCT", "Optical Coherence Tomography"), Map.entry("OP", "Ophthalmic Photography"),
            Map.entry("PT", "Positron emission tomography"), Map.entry("PX", "Panoramic X-Ray"),
            Map.entry("RF", "Radio Fluoroscopy"), Map.entry("SM", "Slide Microscopy"),
            Map.entry("US", "Ultrasound"), Map.entry("XA", "X-Ray Angiography"),
            Map.entry("XC", "External-camera Photography"));

    private static final Map<String, Code> BODY_PARTS = Map.ofEntries(
            region("ABDOMEN", "818981001", "Abdomen"), region("ANKLE", "70258002", "Ankle joint"),
            region("BRAIN", "12738006", "Brain"), region("BREAST", "76752008", "Breast"),
            region("CHEST", "51185008", "Chest"), region("CSPINE", "122494005", "Cervical spine"),
            region("FOOT", "56459004", "Foot"), region("HAND", "85562004", "Hand"),
            region("HEAD", "69536005", "Head"), region("HEART", "80891009", "Heart"),
            region("HIP", "24136001", "Hip joint"), region("KNEE", "72696002", "Knee"),
            region("LSPINE", "122496007", "Lumbar spine"), region("NECK", "45048000", "Neck"),
            region("PELVIS", "816092008", "Pelvis"), region("SHOULDER", "16982005", "Shoulder"),
            region("SKULL", "89546000", "Skull"), region("SPINE", "421060004", "Spine"),
            region("TSPINE", "122495006", "Thoracic spine"), region("WHOLEBODY", "38266002", "Entire body"));

    private EventCodes() {
    }

    private static Map.Entry<String, Code> region(String bodyPart, String code, String meaning) {
        return Map.entry(bodyPart, new Code(code, SNOMED_CT, meaning));
    }

    /** The CID 29 code of an acquisition modality, e.g. (CT, DCM, "Computed Tomography"). */
    public static Optional<Code> forModality(String modality) {
        String meaning = modality == null ? null : MODALITIES.get(modality.trim());
        return meaning == null ? Optional.empty() : Optional.of(new Code(modality.trim(), DCM, meaning));
    }

    /** The SNOMED CT anatomic region of a Body Part Examined value, e.g. CHEST -> (51185008, "Chest"). */
    public static Optional<Code> forBodyPart(String bodyPartExamined) {
        return bodyPartExamined == null ? Optional.empty()
                : Optional.ofNullable(BODY_PARTS.get(bodyPartExamined.trim().toUpperCase(java.util.Locale.ROOT)));
    }
}
