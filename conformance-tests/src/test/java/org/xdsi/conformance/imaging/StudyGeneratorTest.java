package org.xdsi.conformance.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomFile;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;

/** The generated study is what the end-to-end test claims it is, checked by dcmtk's dcmdump and by our reader. */
class StudyGeneratorTest {

    @Test
    void mixedStudyOfThreeSeriesWithBothLittleEndianSyntaxes(@TempDir Path dir) throws Exception {
        StudyGenerator.Study study = new StudyGenerator(dir, "P1", "1.3.6.1.4.1.21367.13.20.1000")
                .generate(StudyGenerator.mixedStudy());
        assertTrue(study.instances().size() >= 50, "at least 50 instances");
        assertEquals(List.of("CT", "MR", "US"), study.modalities());
        assertEquals(3, study.instances().stream().map(StudyGenerator.Instance::seriesInstanceUid).distinct().count());
        assertEquals(Set.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid()),
                study.instances().stream().map(StudyGenerator.Instance::transferSyntaxUid).collect(Collectors.toSet()));
        assertEquals(Set.of("dcmtk", "xdsi"),
                study.instances().stream().map(StudyGenerator.Instance::madeBy).collect(Collectors.toSet()));
        assertEquals(study.instances().size(),
                study.instances().stream().map(StudyGenerator.Instance::sopInstanceUid).distinct().count());
        for (StudyGenerator.Instance i : study.instances()) {
            DicomFile f = DicomFile.read(i.file());
            Dataset ds = f.dataset();
            assertEquals(i.transferSyntaxUid(), f.transferSyntax().uid(), i.file().toString());
            assertEquals(study.studyInstanceUid(), ds.getString(Tag.STUDY_INSTANCE_UID));
            assertEquals(i.seriesInstanceUid(), ds.getString(Tag.SERIES_INSTANCE_UID));
            assertEquals(i.sopInstanceUid(), ds.getString(Tag.SOP_INSTANCE_UID));
            assertEquals(i.modality(), ds.getString(Tag.MODALITY));
            assertEquals("P1", ds.getString(Tag.PATIENT_ID));
            assertEquals("1.3.6.1.4.1.21367.13.20.1000", ds.getString(Tag.ISSUER_OF_PATIENT_ID));
            assertEquals(study.accessionNumber(), ds.getString(Tag.ACCESSION_NUMBER));
            assertEquals(StudyGenerator.ACCESSION_ISSUER,
                    ds.getItem(Tag.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE).getString(0x00400032));
            assertEquals("CHEST", ds.getString(Tag.BODY_PART_EXAMINED));
            assertEquals(i.rows() * i.columns() * (i.modality().equals("US") ? 3 : 2),
                    ds.getBytes(Tag.PIXEL_DATA).length);
        }
        // dcmtk reads what our writer produced, without warnings
        for (StudyGenerator.Instance i : List.of(study.instances().get(1), study.instances().get(2),
                study.instances().get(study.instances().size() - 1))) {
            Process p = new ProcessBuilder("dcmdump", "-q", i.file().toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains(i.sopInstanceUid()), out);
            assertTrue(out.lines().noneMatch(l -> l.startsWith("W:") || l.startsWith("E:")), out);
        }
    }
}
