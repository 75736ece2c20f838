package org.xdsi.imaging.kos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.metadata.ErrorCollector;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.metadata.ebrim.EbrimReader;
import org.xdsi.metadata.hl7.Cx;
import org.xdsi.metadata.hl7.Cxi;
import org.xdsi.metadata.hl7.Dtm;
import org.xdsi.metadata.model.Code;
import org.xdsi.metadata.model.DocumentEntry;
import org.xdsi.metadata.model.Submission;

class ManifestMetadataTest {
    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Test
    void derivedFromStudyAndManifest() {
        ImagingStudy study = Studies.mixed();
        Dataset kos = KosManifestBuilderTest.builder(study).sopInstanceUid("2.25.77").build();
        ManifestMetadata m = ManifestMetadata.of(study, kos, ZURICH);

        assertEquals("application/dicom", m.mimeType());
        assertEquals("2.25.77", m.uniqueId());
        assertEquals(new Code("1.2.840.10008.5.1.4.1.1.88.59", "1.2.840.10008.2.6.1", "Key Object Selection Document"),
                m.formatCode());
        // content 2024-03-01 08:05:09 +01:00
        assertEquals("20240301070509", m.creationTime());
        // study 2024-02-29 10:15:30.25 in Zurich (UTC+1 in winter)
        assertEquals("20240229091530", m.serviceStartTime());
        assertEquals(m.serviceStartTime(), m.serviceStopTime());
        assertTrue(Dtm.isValid(m.creationTime()) && Dtm.isValid(m.serviceStartTime()));

        assertEquals(List.of(
                new Code("CT", "1.2.840.10008.2.16.4", "Computed Tomography"),
                new Code("MR", "1.2.840.10008.2.16.4", "Magnetic Resonance"),
                new Code("CR", "1.2.840.10008.2.16.4", "Computed Radiography"),
                new Code("51185008", "2.16.840.1.113883.6.96", "Chest"),
                new Code("69536005", "2.16.840.1.113883.6.96", "Head")), m.eventCodes());

        assertEquals(List.of(
                "ACC-2024-001^^^&1.3.6.1.4.1.21367.13.20.2000&ISO^urn:ihe:iti:xds:2013:accession",
                Studies.STUDY_UID + "^^^^urn:ihe:iti:xds:2016:studyInstanceUID"), m.referenceIds());
        m.referenceIds().forEach(r -> assertTrue(Cxi.isValid(r), r));

        assertEquals("PID-4711^^^&1.3.6.1.4.1.21367.13.20.1000&ISO", m.sourcePatientId());
        assertTrue(Cx.isValidXdsPatientId(m.sourcePatientId()));
        assertEquals(List.of("PID-3|PID-4711^^^&1.3.6.1.4.1.21367.13.20.1000&ISO", "PID-5|Müller^Jürgen^^^Dr.",
                "PID-7|19560527", "PID-8|M"), m.sourcePatientInfo());
        assertEquals("CT+MR chest ±contrast", m.title());
    }

    @Test
    void minimalStudy() {
        ImagingStudy study = Studies.single();
        ManifestMetadata m = ManifestMetadata.of(study, KosManifestBuilderTest.builder(study).build(), ZURICH);
        assertNull(m.serviceStartTime());
        assertEquals(List.of("2.25.100^^^^urn:ihe:iti:xds:2016:studyInstanceUID"), m.referenceIds());
        assertEquals(List.of(new Code("CT", "1.2.840.10008.2.16.4", "Computed Tomography")), m.eventCodes());
        assertEquals("P1", m.sourcePatientId());
        assertEquals(List.of("PID-3|P1"), m.sourcePatientInfo());
        assertEquals("Imaging manifest", m.title());
    }

    @Test
    void dicomDatesAndNamesToHl7() {
        assertEquals("20240715", ManifestMetadata.utc("20240715", null, ZURICH));
        assertEquals("20240714220000", ManifestMetadata.utc("20240715", "00", ZURICH));
        assertEquals("20240715081500", ManifestMetadata.utc("20240715", "1015", ZURICH));
        assertEquals("20240715", ManifestMetadata.utc("20240715", "garbage", ZURICH));
        assertNull(ManifestMetadata.utc(null, "101010", ZURICH));
        assertEquals("Doe^John^M^Jr^Dr", ManifestMetadata.xpn("Doe^John^M^Dr^Jr"));
        assertEquals("Yamada^Tarou", ManifestMetadata.xpn("Yamada^Tarou=山田^太郎"));
        assertEquals("O\\T\\Brien", ManifestMetadata.xpn("O&Brien"));
        assertEquals("a\\F\\b\\S\\c\\R\\d\\E\\", ManifestMetadata.escape("a|b^c~d\\"));
    }

    @Test
    void eventCodeTables() {
        assertTrue(EventCodes.forModality("KO").isEmpty());
        assertTrue(EventCodes.forModality("SR").isEmpty());
        assertTrue(EventCodes.forBodyPart("chest").isPresent());
        assertTrue(EventCodes.forBodyPart("ELBOWISH").isEmpty());
        assertTrue(EventCodes.forBodyPart(null).isEmpty());
    }

    @Test
    void appliedToAnIti41DocumentEntry() {
        ImagingStudy study = Studies.mixed();
        Dataset kos = KosManifestBuilderTest.builder(study).build();
        ManifestMetadata m = ManifestMetadata.of(study, kos, ZURICH);
        SubmissionBuilder submission = new SubmissionBuilder("AFF-1^^^&1.3.6.1.4.1.21367.13.20.1000&ISO",
                "1.3.6.1.4.1.21367.13.40.7");
        m.applyTo(submission.addDocument());

        ErrorCollector errors = new ErrorCollector();
        Submission read = EbrimReader.read(submission.build(), errors);
        assertFalse(errors.hasErrors(), errors.all().toString());
        DocumentEntry entry = read.documents().get(0);
        assertEquals("application/dicom", entry.mimeType());
        assertEquals(kos.getString(org.xdsi.imaging.dicom.Tag.SOP_INSTANCE_UID), entry.uniqueId());
        assertEquals(List.of(ManifestMetadata.FORMAT_CODE), entry.formatCodes());
        assertEquals(m.eventCodes(), entry.eventCodes());
        assertEquals(m.referenceIds(), entry.referenceIds());
        assertEquals(m.serviceStartTime(), entry.serviceStartTime());
        assertEquals(m.creationTime(), entry.creationTime());
        assertEquals(m.sourcePatientId(), entry.slots().first("sourcePatientId"));
        assertEquals(m.sourcePatientInfo(), entry.slots().all("sourcePatientInfo"));
        assertEquals("AFF-1^^^&1.3.6.1.4.1.21367.13.20.1000&ISO", entry.patientId());
    }
}
