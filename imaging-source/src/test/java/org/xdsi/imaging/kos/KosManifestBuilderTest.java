package org.xdsi.imaging.kos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomFile;
import org.xdsi.imaging.dicom.DicomTools;
import org.xdsi.imaging.dicom.Tag;

class KosManifestBuilderTest {
    static final String RETRIEVE_LOCATION = "1.3.6.1.4.1.21367.13.40.7";
    static final String WADO_RS = "https://imaging.example.org/xdsi/wado-rs";

    /**
     * dciodvfy warnings the manifest may get. Its IOD tables lack Retrieve URL (0008,1190) in the evidence items
     * (hence also "Standard Extended SOP Class"), and a study without date, time or ID cannot go into a DICOMDIR.
     */
    private static final List<Pattern> ACCEPTED_WARNINGS = List.of(
            Pattern.compile("Warning - Attribute is not present in standard DICOM IOD - \\(0x0008,0x1190\\) UR Retrieve URL"),
            Pattern.compile("Warning - Dicom dataset contains attributes not present in standard DICOM IOD - this is a "
                    + "Standard Extended SOP Class"),
            Pattern.compile("Warning - Missing attribute or value that would be needed to build DICOMDIR - "
                    + "(Study Date|Study Time|Study ID)"));

    @TempDir
    Path dir;

    static KosManifestBuilder builder(ImagingStudy study) {
        return new KosManifestBuilder(study).retrieveAeTitle("XDSI_SRC").retrieveLocationUid(RETRIEVE_LOCATION)
                .wadoRsBaseUrl(WADO_RS + "/").contentDateTime(ZonedDateTime.of(2024, 3, 1, 8, 5, 9, 0,
                        ZoneOffset.ofHours(1)));
    }

    private Path write(Dataset kos) throws Exception {
        Path file = Files.createTempFile(dir, "kos", ".dcm");
        Files.write(file, org.xdsi.imaging.dicom.DicomWriter.toFileBytes(kos,
                org.xdsi.imaging.dicom.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mixed", "single"})
    void dciodvfyFindsNoErrors(String which) throws Exception {
        ImagingStudy study = which.equals("mixed") ? Studies.mixed() : Studies.single();
        Path file = write(builder(study).keyObjectDescription(which.equals("mixed") ? "Shared for referral" : null)
                .build());
        for (String[] cmd : List.of(new String[] {"dciodvfy", file.toString()},
                new String[] {"dciodvfy", "-profile", "IHEXDSIManifest", file.toString()})) {
            DicomTools.Result r = DicomTools.run(dir, cmd);
            String out = r.stdout() + r.stderr();
            assertTrue(out.contains("KeyObjectSelectionDocument"), out);
            assertEquals(List.of(), r.stderrLines("Error"), out);
            List<String> unexpected = r.stderrLines("Warning").stream()
                    .filter(w -> ACCEPTED_WARNINGS.stream().noneMatch(p -> p.matcher(w.trim()).matches())).toList();
            assertEquals(List.of(), unexpected, out);
        }
        DicomTools.Result dump = DicomTools.runOk(dir, "dcmdump", file.toString());
        assertTrue(dump.stderr().isBlank(), dump.stderr());
    }

    @Test
    void dcmtkReadsTheDocumentTree() throws Exception {
        Path file = write(builder(Studies.mixed()).build());
        DicomTools.Result r = DicomTools.runOk(dir, "dsrdump", "+U8", file.toString());
        // dsrdump warns that its VR checker skips UTF-8 and that it does not check templates; nothing else
        assertEquals(List.of(), r.stderrLines("E:"), r.stderr());
        assertEquals(List.of("W: The VR checker does not support this Specific Character Set: ISO_IR 192",
                "W: Check for template constraints not yet supported"), r.stderrLines("W:"));
        String out = r.stdout();
        assertTrue(out.contains("Key Object Selection Document"), out);
        assertTrue(out.contains("<CONTAINER:(,,\"Manifest\")=SEPARATE>"), out);
        assertTrue(out.contains("Patient             : Müller^Jürgen^^Dr. (M, 1956-05-27, #PID-4711"), out);
        assertEquals(52, out.lines().filter(l -> l.contains("<contains IMAGE:")).count(), out);
        assertEquals(1, out.lines().filter(l -> l.contains("<contains COMPOSITE:")).count(), out);
    }

    @Test
    void referencesEveryInstanceOnceWithRetrieveLocations() {
        ImagingStudy study = Studies.mixed();
        Dataset kos = builder(study).sopInstanceUid("2.25.55").build();
        assertEquals(KosManifestBuilder.KEY_OBJECT_SELECTION_DOCUMENT_STORAGE, kos.getString(Tag.SOP_CLASS_UID));
        assertEquals("2.25.55", kos.getString(Tag.SOP_INSTANCE_UID));
        assertEquals("KO", kos.getString(Tag.MODALITY));
        assertEquals(Studies.STUDY_UID, kos.getString(Tag.STUDY_INSTANCE_UID));
        assertFalse(study.series().stream().anyMatch(s -> s.seriesInstanceUid()
                .equals(kos.getString(Tag.SERIES_INSTANCE_UID))), "the manifest has its own series");
        assertEquals("ISO_IR 192", kos.getString(Tag.SPECIFIC_CHARACTER_SET));
        assertEquals("Müller^Jürgen^^Dr.", kos.getString(Tag.PATIENT_NAME));
        assertEquals("20240301", kos.getString(Tag.CONTENT_DATE));
        assertEquals("080509", kos.getString(Tag.CONTENT_TIME));
        assertEquals("+0100", kos.getString(Tag.TIMEZONE_OFFSET_FROM_UTC));

        Dataset title = kos.getItem(Tag.CONCEPT_NAME_CODE_SEQUENCE);
        assertEquals(List.of("113030", "DCM", "Manifest"), List.of(title.getString(Tag.CODE_VALUE),
                title.getString(Tag.CODING_SCHEME_DESIGNATOR), title.getString(Tag.CODE_MEANING)));
        Dataset template = kos.getItem(Tag.CONTENT_TEMPLATE_SEQUENCE);
        assertEquals("DCMR", template.getString(Tag.MAPPING_RESOURCE));
        assertEquals("2010", template.getString(Tag.TEMPLATE_IDENTIFIER));

        Dataset request = kos.getItem(Tag.REFERENCED_REQUEST_SEQUENCE);
        assertEquals("ACC-2024-001", request.getString(Tag.ACCESSION_NUMBER));
        assertEquals("1.3.6.1.4.1.21367.13.20.2000", request.getItem(Tag.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE)
                .getString(Tag.UNIVERSAL_ENTITY_ID));

        List<Dataset> evidence = kos.getSequence(Tag.CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE);
        assertEquals(1, evidence.size());
        assertEquals(Studies.STUDY_UID, evidence.get(0).getString(Tag.STUDY_INSTANCE_UID));
        List<Dataset> series = evidence.get(0).getSequence(Tag.REFERENCED_SERIES_SEQUENCE);
        assertEquals(4, series.size());
        Set<String> referenced = new HashSet<>();
        for (Dataset s : series) {
            assertEquals("XDSI_SRC", s.getString(Tag.RETRIEVE_AE_TITLE));
            assertEquals(RETRIEVE_LOCATION, s.getString(Tag.RETRIEVE_LOCATION_UID));
            assertEquals(WADO_RS + "/studies/" + Studies.STUDY_UID + "/series/" + s.getString(Tag.SERIES_INSTANCE_UID),
                    s.getString(Tag.RETRIEVE_URL));
            s.getSequence(Tag.REFERENCED_SOP_SEQUENCE).forEach(i -> assertTrue(referenced.add(
                    i.getString(Tag.REFERENCED_SOP_INSTANCE_UID))));
        }
        assertEquals(study.instanceCount(), referenced.size());

        List<String> valueTypes = new ArrayList<>();
        Set<String> inTree = new HashSet<>();
        for (Dataset item : kos.getSequence(Tag.CONTENT_SEQUENCE)) {
            assertEquals("CONTAINS", item.getString(Tag.RELATIONSHIP_TYPE));
            valueTypes.add(item.getString(Tag.VALUE_TYPE));
            inTree.add(item.getItem(Tag.REFERENCED_SOP_SEQUENCE).getString(Tag.REFERENCED_SOP_INSTANCE_UID));
        }
        assertEquals(referenced, inTree);
        assertEquals(52, valueTypes.stream().filter("IMAGE"::equals).count());
        assertEquals(1, valueTypes.stream().filter("COMPOSITE"::equals).count());
    }

    @Test
    void minimalStudy() {
        Dataset kos = builder(Studies.single()).wadoRsBaseUrl(null).build();
        assertNull(kos.get(Tag.SPECIFIC_CHARACTER_SET), "ASCII only: no character set");
        assertNull(kos.get(Tag.REFERENCED_REQUEST_SEQUENCE), "no accession number, no request");
        assertTrue(kos.contains(Tag.ACCESSION_NUMBER) && !kos.containsValue(Tag.ACCESSION_NUMBER), "type 2, empty");
        assertTrue(kos.contains(Tag.PATIENT_NAME) && !kos.containsValue(Tag.PATIENT_NAME));
        Dataset series = kos.getItem(Tag.CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE)
                .getItem(Tag.REFERENCED_SERIES_SEQUENCE);
        assertNull(series.get(Tag.RETRIEVE_URL));
        assertEquals(1, kos.getSequence(Tag.CONTENT_SEQUENCE).size());
        assertTrue(org.xdsi.imaging.dicom.Uids.isValid(kos.getString(Tag.SOP_INSTANCE_UID)));
    }

    @Test
    void retrieveLocationIsRequired() {
        assertThrows(IllegalStateException.class, () -> new KosManifestBuilder(Studies.single())
                .retrieveLocationUid(RETRIEVE_LOCATION).build());
        assertThrows(IllegalStateException.class, () -> new KosManifestBuilder(Studies.single())
                .retrieveAeTitle("AE").build());
        assertThrows(IllegalStateException.class, () -> new KosManifestBuilder(Studies.single())
                .retrieveAeTitle("AE").retrieveLocationUid("not-an-oid").build());
    }

    @Test
    void manifestReadsBack() throws Exception {
        ImagingStudy study = Studies.mixed();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        builder(study).sopInstanceUid("2.25.56").writeTo(bytes);
        KosManifest m = KosManifest.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertEquals("2.25.56", m.sopInstanceUid());
        assertEquals("PID-4711", m.patientId());
        assertEquals(Studies.STUDY_UID, m.studyInstanceUid());
        assertEquals(Set.of(RETRIEVE_LOCATION), m.retrieveLocationUids());
        assertEquals(List.of("2.25.11", "2.25.12", "2.25.13", "2.25.14"), List.copyOf(m.seriesInstanceUids()));
        assertEquals(study.instanceCount(), m.instances().size());
        KosManifest.Series mr = m.series().get(1);
        assertEquals(Studies.STUDY_UID, mr.studyInstanceUid());
        assertEquals("XDSI_SRC", mr.retrieveAeTitle());
        assertEquals(WADO_RS + "/studies/" + Studies.STUDY_UID + "/series/2.25.12", mr.retrieveUrl());
        assertEquals(new KosManifest.Instance(Studies.MR_IMAGE, "2.25.12.20"), mr.instances().get(19));
        // the same from a file
        Path file = dir.resolve("kos.dcm");
        Files.write(file, bytes.toByteArray());
        assertEquals(m, KosManifest.read(file));
    }

    @Test
    void notAManifest() throws Exception {
        Dataset good = builder(Studies.mixed()).build();
        KosManifest.of(good);

        Dataset image = good.copy();
        image.setString(Tag.SOP_CLASS_UID, Studies.CT_IMAGE);
        assertInvalid(image, "not a Key Object Selection Document");

        Dataset otherTitle = good.copy();
        otherTitle.getItem(Tag.CONCEPT_NAME_CODE_SEQUENCE).setString(Tag.CODE_VALUE, "113000");
        assertInvalid(otherTitle, "document title");

        Dataset unlisted = good.copy();
        unlisted.getSequence(Tag.CONTENT_SEQUENCE).get(0).getItem(Tag.REFERENCED_SOP_SEQUENCE)
                .setString(Tag.REFERENCED_SOP_INSTANCE_UID, "2.25.999");
        assertInvalid(unlisted, "does not list");

        Dataset empty = good.copy();
        empty.setSequence(Tag.CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE, List.of());
        assertInvalid(empty, "references nothing");

        Dataset noUid = good.copy();
        noUid.getItem(Tag.CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE).getItem(Tag.REFERENCED_SERIES_SEQUENCE)
                .remove(Tag.SERIES_INSTANCE_UID);
        assertInvalid(noUid, "(0020,000E)");

        Path file = dir.resolve("image.dcm");
        Files.write(file, org.xdsi.imaging.dicom.DicomWriter.toFileBytes(image,
                org.xdsi.imaging.dicom.TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        assertEquals(Studies.CT_IMAGE, DicomFile.read(file).dataset().getString(Tag.SOP_CLASS_UID));
        assertThrows(InvalidManifestException.class, () -> KosManifest.read(file));
    }

    private static void assertInvalid(Dataset kos, String reason) {
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> KosManifest.of(kos));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void valueTypes() {
        assertEquals(ReferenceValueType.IMAGE, ReferenceValueType.of(Studies.CT_IMAGE));
        assertEquals(ReferenceValueType.IMAGE, ReferenceValueType.of("1.2.840.10008.5.1.4.1.1.1.2"));
        assertEquals(ReferenceValueType.WAVEFORM, ReferenceValueType.of("1.2.840.10008.5.1.4.1.1.9.1.1"));
        assertEquals(ReferenceValueType.COMPOSITE, ReferenceValueType.of(Studies.BASIC_TEXT_SR));
        assertEquals(ReferenceValueType.COMPOSITE, ReferenceValueType.of("1.2.840.10008.5.1.4.1.1.104.1"));
        assertEquals(ReferenceValueType.COMPOSITE, ReferenceValueType.of("1.2.3.4"));
    }
}
