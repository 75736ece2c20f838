package org.xdsi.imaging.publish;

import java.nio.file.Path;
import java.time.Duration;
import org.xdsi.metadata.model.Code;

/**
 * The affinity domain's choices for RAD-68 and how the publisher paces itself. Defaults follow XDS-DIGEST 6.2.
 *
 * @param patientMap     patient map file ({@link PatientIdMapper}), or null: identity for the domain's issuer only
 * @param classCode      DocumentEntry classCode
 * @param typeCode       DocumentEntry typeCode
 * @param practiceSetting DocumentEntry practiceSettingCode
 * @param facilityType   DocumentEntry healthcareFacilityTypeCode
 * @param confidentiality DocumentEntry confidentialityCode
 * @param languageCode   DocumentEntry languageCode
 * @param contentType    SubmissionSet contentTypeCode
 * @param pollInterval   how often the worker looks for due studies
 * @param firstRetry     wait after the first failure; doubled after each further one
 * @param maxRetry       longest wait between attempts
 */
public record PublicationSettings(Path patientMap, Code classCode, Code typeCode, Code practiceSetting,
                                  Code facilityType, Code confidentiality, String languageCode, Code contentType,
                                  Duration pollInterval, Duration firstRetry, Duration maxRetry) {
    public static final Code IMAGES = new Code("IMAGES", "1.3.6.1.4.1.19376.1.2.6.1", "Images");
    public static final Code DIAGNOSTIC_IMAGING_STUDY = new Code("18748-4", "2.16.840.1.113883.6.1",
            "Diagnostic imaging study");
    public static final Code RADIOLOGY = new Code("394914008", "2.16.840.1.113883.6.96", "Radiology");
    public static final Code RADIOLOGY_UNIT = new Code("RADDX", "2.16.840.1.113883.5.11",
            "Radiology diagnostics or therapeutics unit");
    public static final Code NORMAL = new Code("N", "2.16.840.1.113883.5.25", "Normal");

    public static PublicationSettings defaults() {
        return new PublicationSettings(null, IMAGES, DIAGNOSTIC_IMAGING_STUDY, RADIOLOGY, RADIOLOGY_UNIT, NORMAL,
                "en-US", DIAGNOSTIC_IMAGING_STUDY, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMinutes(10));
    }

    public PublicationSettings withPatientMap(Path file) {
        return new PublicationSettings(file, classCode, typeCode, practiceSetting, facilityType, confidentiality,
                languageCode, contentType, pollInterval, firstRetry, maxRetry);
    }

    public PublicationSettings withTiming(Duration poll, Duration first, Duration max) {
        return new PublicationSettings(patientMap, classCode, typeCode, practiceSetting, facilityType,
                confidentiality, languageCode, contentType, poll, first, max);
    }

    /** Replaces the affinity domain codes given (null keeps the default). */
    public PublicationSettings withCodes(Code classCode, Code typeCode, Code practiceSetting, Code facilityType,
                                         Code confidentiality, String languageCode, Code contentType) {
        return new PublicationSettings(patientMap, or(classCode, this.classCode), or(typeCode, this.typeCode),
                or(practiceSetting, this.practiceSetting), or(facilityType, this.facilityType),
                or(confidentiality, this.confidentiality), or(languageCode, this.languageCode),
                or(contentType, this.contentType), pollInterval, firstRetry, maxRetry);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /**
     * A code as configured: {@code code^codingScheme^display name} (the display name may be left out; it is then the
     * code).
     *
     * @throws IllegalArgumentException without code or coding scheme
     */
    public static Code parseCode(String text) {
        String[] p = text.split("\\^", 3);
        if (p.length < 2 || p[0].isBlank() || p[1].isBlank()) {
            throw new IllegalArgumentException("'" + text + "' is not code^codingScheme^display name");
        }
        String display = p.length == 3 && !p[2].isBlank() ? p[2].trim() : p[0].trim();
        return new Code(p[0].trim(), p[1].trim(), display);
    }

    /** The wait before attempt {@code failures + 1}: firstRetry doubled per further failure, at most maxRetry. */
    public Duration retryDelay(int failures) {
        Duration d = firstRetry;
        for (int i = 1; i < failures && d.compareTo(maxRetry) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxRetry) > 0 ? maxRetry : d;
    }
}
