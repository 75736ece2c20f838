package org.xdsi.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link DicomTranscoder} against dcmconv: both conversions of the same file must hold the same attributes. */
class TranscodeInteropTest {
    @TempDir
    Path dir;

    private static final String DUMP = """
            (0008,0005) CS [ISO_IR 100]
            (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
            (0008,0018) UI [2.25.777]
            (0008,0060) CS [OT]
            (0008,1115) SQ (Sequence with undefined length #=1)
              (fffe,e000) na (Item with undefined length #=2)
                (0020,000e) UI [1.2.3.4.6]
                (0008,1199) SQ (Sequence with undefined length #=1)
                  (fffe,e000) na (Item with undefined length #=2)
                    (0008,1150) UI [1.2.840.10008.5.1.4.1.1.2]
                    (0008,1155) UI [1.2.3.4.6.1]
                  (fffe,e00d) na (ItemDelimitationItem)
                (fffe,e0dd) na (SequenceDelimitationItem)
              (fffe,e00d) na (ItemDelimitationItem)
            (fffe,e0dd) na (SequenceDelimitationItem)
            (0009,0010) LO [XDSI TEST]
            (0009,1001) UN 01\\02\\03\\04
            (0010,0010) PN [Gauß^Zoë]
            (0010,0020) LO [PID-9]
            (0020,0013) IS [12]
            (0028,0002) US 1
            (0028,0004) CS [MONOCHROME2]
            (0028,0010) US 2
            (0028,0011) US 3
            (0028,0100) US 16
            (0028,0101) US 16
            (0028,0102) US 15
            (0028,0103) US 1
            (0028,1050) DS [40\\400]
            (0028,1051) DS [350\\1500]
            (7fe0,0010) OW 0001\\0203\\0405\\fffe\\8000\\7fff
            """;

    private Path dump2dcm(String transferSyntaxOption) throws Exception {
        Path dump = dir.resolve("in.dump");
        Files.writeString(dump, DUMP, StandardCharsets.ISO_8859_1);
        Path out = Files.createTempFile(dir, "src", ".dcm");
        DicomTools.runOk(dir, "dump2dcm", transferSyntaxOption, dump.toString(), out.toString());
        return out;
    }

    private Path ours(Path source, TransferSyntax target) throws Exception {
        Path out = Files.createTempFile(dir, "ours", ".dcm");
        try (InputStream in = Files.newInputStream(source); OutputStream os = Files.newOutputStream(out)) {
            DicomTranscoder.transcode(in, os, target.uid());
        }
        return out;
    }

    private Path dcmconv(Path source, TransferSyntax target) throws Exception {
        Path out = Files.createTempFile(dir, "dcmconv", ".dcm");
        DicomTools.runOk(dir, "dcmconv", target.explicitVr() ? "+te" : "+ti", source.toString(), out.toString());
        return out;
    }

    private static void assertSameAttributes(Path ours, Path theirs, TransferSyntax target) throws Exception {
        DicomFile a = DicomFile.read(ours);
        DicomFile b = DicomFile.read(theirs);
        assertEquals(target, a.transferSyntax());
        assertEquals(target, b.transferSyntax());
        for (int tag : List.of(Tag.MEDIA_STORAGE_SOP_CLASS_UID, Tag.MEDIA_STORAGE_SOP_INSTANCE_UID)) {
            assertEquals(b.fileMetaInformation().get(tag), a.fileMetaInformation().get(tag));
        }
        List<Integer> tagsA = a.dataset().elements().stream().map(DataElement::tag).toList();
        List<Integer> tagsB = b.dataset().elements().stream().map(DataElement::tag).toList();
        assertEquals(tagsB, tagsA);
        for (DataElement e : b.dataset()) {
            assertEquals(e, a.dataset().get(e.tag()), Tag.toString(e.tag()));
        }
    }

    @ParameterizedTest(name = "dump2dcm {0} -> {1}")
    @CsvSource({"+te, 1.2.840.10008.1.2", "+ti, 1.2.840.10008.1.2.1", "+tb, 1.2.840.10008.1.2.1",
        "+tb, 1.2.840.10008.1.2", "+te, 1.2.840.10008.1.2.1", "+ti, 1.2.840.10008.1.2"})
    void sameAttributesAsDcmconv(String sourceOption, String targetUid) throws Exception {
        TransferSyntax target = TransferSyntax.of(targetUid);
        Path source = dump2dcm(sourceOption);
        Path ours = ours(source, target);
        assertSameAttributes(ours, dcmconv(source, target), target);

        Dataset ds = DicomFile.read(ours).dataset();
        assertEquals("Gauß^Zoë", ds.getString(Tag.PATIENT_NAME));
        assertArrayEquals(new byte[] {1, 0, 3, 2, 5, 4, (byte) 0xFE, (byte) 0xFF, 0, (byte) 0x80, (byte) 0xFF, 0x7F},
                ds.getBytes(Tag.PIXEL_DATA));
        DicomTools.Result dump = DicomTools.runOk(dir, "dcmdump", "+U8", ours.toString());
        assertTrue(dump.stderr().isBlank(), dump.stderr());
        assertTrue(dump.stdout().contains("(7fe0,0010) OW 0001\\0203\\0405\\fffe\\8000\\7fff"), dump.stdout());
    }

    @Test
    void bigEndianPixelDataStreamedInChunks() throws Exception {
        // 512 x 512 x 16 bit (512 KiB, streamed rather than parsed), made big endian by dcmconv
        Dataset ds = DcmtkWriteInteropTest.secondaryCapture("ISO_IR 100", "Big^Endian");
        ds.setInt(Tag.ROWS, 512);
        ds.setInt(Tag.COLUMNS, 512);
        byte[] pixels = new byte[512 * 512 * 2];
        for (int i = 0; i < pixels.length; i += 2) {
            ByteUtils.put16(pixels, i, (i * 7) & 0x0FFF);
        }
        ds.setBytes(Tag.PIXEL_DATA, Vr.OW, pixels);
        Path explicit = dir.resolve("explicit.dcm");
        Files.write(explicit, DicomWriter.toFileBytes(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        Path big = dir.resolve("big.dcm");
        DicomTools.runOk(dir, "dcmconv", "+tb", explicit.toString(), big.toString());
        assertEquals(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, DicomFile.read(big).transferSyntax());

        for (TransferSyntax target : List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)) {
            Path ours = ours(big, target);
            assertSameAttributes(ours, dcmconv(big, target), target);
            assertEquals(ds, DicomFile.read(ours).dataset());
        }
        // and the DICOM tools accept the result as an image
        DicomTools.Result r = DicomTools.run(dir, "dciodvfy", ours(big, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)
                .toString());
        assertEquals(List.of(), r.stderrLines("Error"), r.stderr());
    }
}
