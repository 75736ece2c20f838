package org.xdsi.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files written by {@link DicomWriter}, checked by dcmdump and dciodvfy, and read back. */
class DcmtkWriteInteropTest {
    @TempDir
    Path dir;

    /** A valid Secondary Capture image: every module dciodvfy checks, 4x2 pixels of 16 bits. */
    static Dataset secondaryCapture(String characterSet, String patientName) {
        Dataset ds = new Dataset();
        if (characterSet != null) {
            ds.setString(Tag.SPECIFIC_CHARACTER_SET, characterSet);
        }
        ds.setString(Tag.SOP_CLASS_UID, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOP_INSTANCE_UID, "2.25.1234567890123456789");
        ds.setString(Tag.STUDY_DATE, "20240229");
        ds.setString(Tag.STUDY_TIME, "101530");
        ds.setString(Tag.ACCESSION_NUMBER, "ACC-1");
        ds.setString(Tag.MODALITY, "OT");
        ds.setString(Tag.CONVERSION_TYPE, "WSD");
        ds.setEmpty(Tag.REFERRING_PHYSICIAN_NAME, Vr.PN);
        ds.setString(Tag.STUDY_DESCRIPTION, "ISO_IR 192".equals(characterSet) ? "Interop Ω study" : "Interop study");
        ds.setString(Tag.PATIENT_NAME, patientName);
        ds.setString(Tag.PATIENT_ID, "PID-42");
        ds.setString(Tag.PATIENT_BIRTH_DATE, "19700101");
        ds.setString(Tag.PATIENT_SEX, "O");
        ds.setString(Tag.STUDY_INSTANCE_UID, "2.25.1");
        ds.setString(Tag.SERIES_INSTANCE_UID, "2.25.2");
        ds.setString(Tag.STUDY_ID, "S1");
        ds.setInt(Tag.SERIES_NUMBER, 1);
        ds.setInt(Tag.INSTANCE_NUMBER, 7);
        ds.setEmpty(Tag.PATIENT_ORIENTATION, Vr.CS);
        ds.setEmpty(Tag.LATERALITY, Vr.CS);
        ds.setInt(Tag.SAMPLES_PER_PIXEL, 1);
        ds.setString(Tag.PHOTOMETRIC_INTERPRETATION, "MONOCHROME2");
        ds.setInt(Tag.ROWS, 2);
        ds.setInt(Tag.COLUMNS, 4);
        ds.setInt(Tag.BITS_ALLOCATED, 16);
        ds.setInt(Tag.BITS_STORED, 12);
        ds.setInt(Tag.HIGH_BIT, 11);
        ds.setInt(Tag.PIXEL_REPRESENTATION, 0);
        ds.setDouble(Tag.WINDOW_CENTER, 2048.5, 100);
        ds.setDouble(Tag.WINDOW_WIDTH, 4096, 300.333333333333333);
        byte[] pixels = new byte[16];
        for (int i = 0; i < 8; i++) {
            ByteUtils.put16(pixels, i * 2, i * 500);
        }
        ds.setBytes(Tag.PIXEL_DATA, Vr.OW, pixels);
        return ds;
    }

    /** Adds nested, empty and odd-length content that dciodvfy does not judge but dcmdump parses. */
    static Dataset withStructure(Dataset ds) {
        Dataset series = ds.addItem(Tag.REFERENCED_SERIES_SEQUENCE);
        series.setString(Tag.SERIES_INSTANCE_UID, "2.25.3");
        Dataset sop = series.addItem(Tag.REFERENCED_SOP_SEQUENCE);
        sop.setString(Tag.REFERENCED_SOP_CLASS_UID, "1.2.840.10008.5.1.4.1.1.2");
        sop.setString(Tag.REFERENCED_SOP_INSTANCE_UID, "2.25.3.1");
        series.addItem(Tag.REFERENCED_SOP_SEQUENCE);
        ds.addItem(Tag.REFERENCED_SERIES_SEQUENCE).setString(Tag.SERIES_INSTANCE_UID, "2.25.4");
        ds.setSequence(Tag.REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE, List.of());
        ds.setString(Tag.RETRIEVE_URL, "http://example.org/rs");
        ds.setString(Tag.TEXT_VALUE, "odd");
        ds.setString(0x00090010, Vr.LO, "XDSI TEST");
        ds.setBytes(0x00091001, Vr.UN, new byte[] {1, 2, 3});
        return ds;
    }

    private Path write(Dataset ds, TransferSyntax ts, DicomWriter.Options options) throws Exception {
        Path file = Files.createTempFile(dir, "out", ".dcm");
        try (var out = Files.newOutputStream(file)) {
            DicomWriter w = new DicomWriter(out, ts, options);
            w.writeFileMetaInformation(DicomWriter.fileMetaInformation(ds, ts));
            w.writeDataset(ds);
        }
        return file;
    }

    private static void assertCleanDcmdump(DicomTools.Result r) {
        assertEquals(List.of(), r.stderrLines("W:"), r.stderr());
        assertEquals(List.of(), r.stderrLines("E:"), r.stderr());
        assertEquals(List.of(), r.stdout().lines().filter(l -> l.startsWith("W:") || l.startsWith("E:")).toList());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "1.2.840.10008.1.2.1, false, ISO_IR 192",
        "1.2.840.10008.1.2.1, true, ISO_IR 100",
        "1.2.840.10008.1.2, false, ISO_IR 100",
        "1.2.840.10008.1.2, true, ISO_IR 192"})
    void dcmdumpReadsWhatWeWrite(String tsUid, boolean undefinedLengths, String charset) throws Exception {
        Dataset ds = withStructure(secondaryCapture(charset, "Müller^Jürgen"));
        TransferSyntax ts = TransferSyntax.of(tsUid);
        Path file = write(ds, ts, undefinedLengths ? DicomWriter.Options.UNDEFINED_LENGTHS
                : DicomWriter.Options.DEFINED_LENGTHS);

        DicomTools.Result r = DicomTools.runOk(dir, "dcmdump", "+U8", "+L", file.toString());
        assertCleanDcmdump(r);
        String out = r.stdout();
        assertTrue(out.contains("(0002,0010) UI =" + (ts.explicitVr() ? "LittleEndianExplicit" : "LittleEndianImplicit")),
                out);
        assertTrue(out.contains("(0002,0012) UI [" + DicomWriter.IMPLEMENTATION_CLASS_UID + "]"), out);
        assertTrue(out.contains("(0002,0013) SH [" + DicomWriter.IMPLEMENTATION_VERSION_NAME + "]"), out);
        assertTrue(out.contains("(0010,0010) PN [Müller^Jürgen]"), out);
        assertTrue(out.contains("(0008,1030) LO [Interop Ω study]") || charset.equals("ISO_IR 100"), out);
        assertTrue(out.contains("(0028,1050) DS [2048.5\\100]"), out);
        assertTrue(out.contains("(0028,1051) DS [4096\\300.333333333333]"), out);
        assertTrue(out.contains("(0008,1155) UI [2.25.3.1]"), out);
        assertTrue(out.contains("(0020,000e) UI [2.25.4]"), out);
        assertTrue(out.contains("(0040,a160) UT [odd]"), out);
        assertTrue(out.contains("(0028,0010) US 2"), out);
        assertTrue(out.contains("(7fe0,0010) OW 0000\\01f4\\03e8"), out);
        assertTrue(out.contains(undefinedLengths ? "Sequence with undefined length #=2"
                : "Sequence with explicit length #=2"), out);

        // and we read back exactly what we wrote
        DicomFile back = DicomFile.read(file);
        assertEquals(ds, back.dataset());
        assertEquals(ts, back.transferSyntax());
    }

    @Test
    void nonAsciiTextNeedsACharacterSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> secondaryCapture(null, "Müller"));
        assertTrue(e.getMessage().contains("Specific Character Set"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1.2.840.10008.1.2.1", "1.2.840.10008.1.2"})
    void dciodvfyAcceptsASecondaryCaptureImage(String tsUid) throws Exception {
        Path file = write(secondaryCapture("ISO_IR 192", "Doe^Jane"), TransferSyntax.of(tsUid),
                DicomWriter.Options.DEFINED_LENGTHS);
        DicomTools.Result r = DicomTools.run(dir, "dciodvfy", file.toString());
        assertEquals(List.of(), r.stderrLines("Error"), r.stderr());
        assertTrue(r.stdout().contains("SCImage") || r.stderr().contains("SCImage"), r.stdout() + r.stderr());
    }

    @Test
    void writesEncapsulatedPixelDataDcmtkCanDecode() throws Exception {
        // an encapsulated (JPEG) dataset from img2dcm, rewritten by us with the same transfer syntax
        Path src = dir.resolve("src.dcm");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(16, 8,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 8; y++) {
                img.getRaster().setSample(x, y, 0, x * 16);
            }
        }
        Path jpeg = dir.resolve("in.jpg");
        javax.imageio.ImageIO.write(img, "jpg", jpeg.toFile());
        DicomTools.runOk(dir, "img2dcm", jpeg.toString(), src.toString());
        DicomFile f = DicomFile.read(src);
        f.dataset().setString(Tag.PATIENT_ID, "REWRITTEN");
        Path out = write(f.dataset(), f.transferSyntax(), DicomWriter.Options.DEFINED_LENGTHS);

        DicomTools.Result dump = DicomTools.runOk(dir, "dcmdump", out.toString());
        assertCleanDcmdump(dump);
        assertTrue(dump.stdout().contains("(0010,0020) LO [REWRITTEN]"), dump.stdout());
        assertTrue(dump.stdout().contains("JPEGBaseline"), dump.stdout());
        // dcmtk decompresses our encapsulation: the fragments survived intact
        Path raw = dir.resolve("raw.dcm");
        DicomTools.runOk(dir, "dcmdjpeg", out.toString(), raw.toString());
        assertEquals(16 * 8, DicomFile.read(raw).dataset().getBytes(Tag.PIXEL_DATA).length);
    }
}
