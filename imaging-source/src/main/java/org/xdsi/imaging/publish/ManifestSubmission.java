package org.xdsi.imaging.publish;

import java.time.ZoneId;
import org.xdsi.imaging.archive.CatalogStudy;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.kos.ManifestMetadata;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.metadata.hl7.Cx;
import org.xdsi.schema.lcm.SubmitObjectsRequest;

/**
 * The RAD-68 SubmitObjectsRequest of a manifest: one SubmissionSet with the manifest's DocumentEntry (entryUUID
 * chosen here, so it can be the target of the next replacement's RPLC), and the RPLC to the manifest it replaces.
 */
final class ManifestSubmission {
    private ManifestSubmission() {
    }

    /**
     * @param patientId      the affinity domain CX the patient was mapped to
     * @param entryUuid      {@code urn:uuid:...} of the new DocumentEntry
     * @param replacedEntry  entryUUID of the manifest this one replaces, or null
     * @param sourceId       SubmissionSet sourceId: the imaging source's OID
     */
    static SubmitObjectsRequest build(CatalogStudy study, Dataset kos, String patientId, String entryUuid,
                                      String replacedEntry, String sourceId, PublicationSettings settings,
                                      ZoneId zone) {
        ManifestMetadata metadata = ManifestMetadata.of(study.study(), kos, zone);
        SubmissionBuilder submission = new SubmissionBuilder(patientId, sourceId)
                .contentTypeCode(settings.contentType())
                .title(metadata.title());
        if (study.institutionName() != null) {
            submission.author(null, institution(study.institutionName()));
        }
        DocumentEntryBuilder entry = metadata.applyTo(submission.addDocument(entryUuid))
                .patientId(patientId)
                .classCode(settings.classCode())
                .typeCode(settings.typeCode())
                .practiceSettingCode(settings.practiceSetting())
                .healthcareFacilityTypeCode(settings.facilityType())
                .confidentialityCodes(settings.confidentiality())
                .languageCode(settings.languageCode());
        if (!Cx.isValidXdsPatientId(metadata.sourcePatientId())) {
            // an issuer that is no OID makes no XDS CX; the departmental ID stays in sourcePatientInfo PID-3
            entry.sourcePatientId(patientId);
        }
        if (study.institutionName() != null) {
            entry.author(null, institution(study.institutionName()));
        }
        if (replacedEntry != null) {
            submission.relate(Vocabulary.RPLC, entry.id(), replacedEntry);
        }
        return submission.build();
    }

    /** Institution Name as an XON organization name (HL7 delimiters are not allowed in it; they are dropped). */
    private static String institution(String name) {
        return name.replaceAll("[\\^&~|\\\\]", " ").trim();
    }
}
