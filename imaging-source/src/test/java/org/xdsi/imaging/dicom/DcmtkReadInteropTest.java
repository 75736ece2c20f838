package org.xdsi.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files made by dcmtk (dump2dcm, img2dcm) from dumps and images written here, read by {@link DicomReader}. */
class DcmtkReadInteropTest {
    @TempDir
    Path dir;

    /** Every VR family, nested and empty sequences and items, private and unknown tags. */
    private static final String DUMP = """
            (0008,0005) CS [%s]
            (0008,0008) CS [ORIGINAL\\PRIMARY\\AXIAL]
            (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
            (0008,0018) UI [1.2.3.4.5]
            (0008,0054) AE [RETRIEVE_AE]
            (0008,1111) SQ (Sequence with undefined length #=0)
            (fffe,e0dd) na (SequenceDelimitationItem)
            (0008,1115) SQ (Sequence with undefined length #=2)
              (fffe,e000) na (Item with undefined length #=2)
                (0020,000e) UI [1.2.3.4.6]
                (0008,1199) SQ (Sequence with undefined length #=2)
                  (fffe,e000) na (Item with undefined length #=0)
                  (fffe,e00d) na (ItemDelimitationItem)
                  (fffe,e000) na (Item with undefined length #=2)
                    (0008,1150) UI [1.2.840.10008.5.1.4.1.1.2]
                    (0008,1155) UI [1.2.3.4.6.1]
                  (fffe,e00d) na (ItemDelimitationItem)
                (fffe,e0dd) na (SequenceDelimitationItem)
              (fffe,e00d) na (ItemDelimitationItem)
              (fffe,e000) na (Item with undefined length #=1)
                (0020,000e) UI [1.2.3.4.7]
              (fffe,e00d) na (ItemDelimitationItem)
            (fffe,e0dd) na (SequenceDelimitationItem)
            (0008,1190) UR [http://example.org/wado?a=b\\c]
            (0009,0010) LO [XDSI TEST]
            (0009,1001) UN 01\\02\\03\\04
            (0010,0010) PN [%s]
            (0010,0020) LO [PID-1]
            (0018,1310) US 0\\256\\256\\0
            (0018,9089) FD 0.5\\-1.25
            (0018,9219) SS -5
            (0020,9128) UL 4294967295
            (0028,0009) AT (0018,1063)\\(0018,2001)
            (0028,0010) US 2
            (0028,0011) US 2
            (0028,0100) US 16
            (0028,1050) DS [40\\-600.5]
            (0028,1052) DS [-1024]
            (0028,0008) IS [3]
            (0040,a160) UT [  leading kept, trailing dropped   ]
            (0042,0011) OB 01\\02\\03\\04\\05\\06
            (7fe0,0010) OW 0001\\0002\\0003\\fffe
            """;

    private Path dump2dcm(String charset, String name, Charset fileEncoding, String... options) throws Exception {
        Path dump = dir.resolve("in.dump");
        Files.writeString(dump, DUMP.formatted(charset, name), fileEncoding);
        Path out = dir.resolve("out.dcm");
        String[] cmd = new String[options.length + 3];
        cmd[0] = "dump2dcm";
        System.arraycopy(options, 0, cmd, 1, options.length);
        cmd[cmd.length - 2] = dump.toString();
        cmd[cmd.length - 1] = out.toString();
        DicomTools.runOk(dir, cmd);
        return out;
    }

    @ParameterizedTest(name = "dump2dcm {0} {1}")
    @CsvSource({"+te, +e", "+te, -e", "+ti, +e", "+ti, -e", "+tb, +e", "+tb, -e"})
    void readsDump2dcmFiles(String transferSyntax, String lengths) throws Exception {
        Path file = dump2dcm("ISO_IR 192", "山田^太郎=やまだ^たろう", StandardCharsets.UTF_8, transferSyntax, lengths);
        DicomFile f = DicomFile.read(file);
        String expectedTs = switch (transferSyntax) {
            case "+te" -> TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
            case "+ti" -> TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
            default -> TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid();
        };
        assertEquals(expectedTs, f.transferSyntax().uid());
        assertEquals("1.2.3.4.5", f.fileMetaInformation().getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID));
        Dataset ds = f.dataset();
        boolean implicit = transferSyntax.equals("+ti");

        assertEquals("山田^太郎=やまだ^たろう", ds.getString(Tag.PATIENT_NAME));
        assertEquals("PID-1", ds.getString(Tag.PATIENT_ID));
        assertEquals(List.of("ORIGINAL", "PRIMARY", "AXIAL"), ds.getStrings(Tag.IMAGE_TYPE));
        assertEquals("RETRIEVE_AE", ds.getString(Tag.RETRIEVE_AE_TITLE));
        assertEquals("http://example.org/wado?a=b\\c", ds.getString(Tag.RETRIEVE_URL));
        assertEquals("  leading kept, trailing dropped", ds.getString(Tag.TEXT_VALUE));
        assertEquals(2, ds.getInt(Tag.ROWS, -1));
        assertEquals(16, ds.getInt(Tag.BITS_ALLOCATED, -1));
        assertEquals(3, ds.getInt(Tag.NUMBER_OF_FRAMES, -1));
        assertArrayEquals(new double[] {40, -600.5}, ds.getDoubles(Tag.WINDOW_CENTER));
        assertEquals(-1024.0, ds.getDouble(Tag.RESCALE_INTERCEPT, 0));
        assertEquals("XDSI TEST", ds.getString(0x00090010));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, ds.getBytes(0x00091001));
        assertEquals(Vr.UN, ds.getVr(0x00091001));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, ds.getBytes(0x00420011));
        // pixel data as little endian words whatever the source byte order
        assertArrayEquals(new byte[] {1, 0, 2, 0, 3, 0, (byte) 0xFE, (byte) 0xFF}, ds.getBytes(Tag.PIXEL_DATA));

        // tags outside xdsi's dictionary: typed in explicit VR, raw little-endian UN in implicit VR
        if (implicit) {
            assertEquals(Vr.UN, ds.getVr(0x00181310));
            assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 1, 0, 0}, ds.getBytes(0x00181310));
            assertArrayEquals(new byte[] {(byte) 0xFB, (byte) 0xFF}, ds.getBytes(0x00189219));
        } else {
            assertArrayEquals(new int[] {0, 256, 256, 0}, ds.getInts(0x00181310));
            assertArrayEquals(new double[] {0.5, -1.25}, ds.getDoubles(0x00189089));
            assertEquals(-5, ds.getInt(0x00189219, 0));
            assertEquals(4294967295L, ds.getLong(0x00209128, 0));
            assertArrayEquals(new int[] {0x00181063, 0x00182001}, ds.getInts(0x00280009));
            assertEquals(List.of("00181063", "00182001"), ds.getStrings(0x00280009));
        }

        assertTrue(ds.contains(Tag.REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE));
        assertEquals(0, ds.getSequence(Tag.REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE).size());
        List<Dataset> series = ds.getSequence(Tag.REFERENCED_SERIES_SEQUENCE);
        assertEquals(2, series.size());
        assertEquals("1.2.3.4.6", series.get(0).getString(Tag.SERIES_INSTANCE_UID));
        assertEquals("1.2.3.4.7", series.get(1).getString(Tag.SERIES_INSTANCE_UID));
        List<Dataset> sops = series.get(0).getSequence(Tag.REFERENCED_SOP_SEQUENCE);
        assertEquals(2, sops.size());
        assertTrue(sops.get(0).isEmpty());
        assertEquals("1.2.3.4.6.1", sops.get(1).getString(Tag.REFERENCED_SOP_INSTANCE_UID));
        assertEquals("1.2.840.10008.5.1.4.1.1.2", sops.get(1).getString(Tag.REFERENCED_SOP_CLASS_UID));
        // items inherit the character set
        assertEquals(SpecificCharacterSet.UTF_8, sops.get(1).characterSet());
    }

    @Test
    void readsLatin1Names() throws Exception {
        Path file = dump2dcm("ISO_IR 100", "Müller^Jürgen^^Dr.", StandardCharsets.ISO_8859_1, "+te", "+e");
        Dataset ds = DicomFile.read(file).dataset();
        assertEquals("Müller^Jürgen^^Dr.", ds.getString(Tag.PATIENT_NAME));
        assertEquals(SpecificCharacterSet.LATIN_1, ds.characterSet());
        // the bytes really are Latin-1 (one byte per umlaut)
        assertEquals('M', ds.getBytes(Tag.PATIENT_NAME)[0]);
        assertEquals((byte) 0xFC, ds.getBytes(Tag.PATIENT_NAME)[1]);
    }

    @Test
    void readsIdentifyingAttributesWithoutPixelData() throws Exception {
        Path file = dump2dcm("ISO_IR 192", "Doe^Jane", StandardCharsets.UTF_8, "+te", "+e");
        DicomFile stopped = DicomFile.read(file, ReadOptions.DEFAULT.withStopTag(Tag.PIXEL_DATA));
        assertEquals("1.2.3.4.5", stopped.dataset().getString(Tag.SOP_INSTANCE_UID));
        assertTrue(stopped.dataset().contains(Tag.TEXT_VALUE));
        assertTrue(!stopped.dataset().contains(Tag.PIXEL_DATA));

        DicomFile referenced = DicomFile.read(file, ReadOptions.DEFAULT.withBulkDataThreshold(4));
        BulkData pixels = referenced.dataset().getBulkData(Tag.PIXEL_DATA);
        assertEquals(8, pixels.length());
        byte[] raw = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {1, 0, 2, 0, 3, 0, (byte) 0xFE, (byte) 0xFF},
                Arrays.copyOfRange(raw, (int) pixels.offset(), (int) (pixels.offset() + 8)));
        assertNull(referenced.dataset().getBytes(Tag.PIXEL_DATA));
        // small binary values stay in memory
        assertArrayEquals(new byte[] {1, 2, 3, 4}, referenced.dataset().getBytes(0x00091001));
    }

    /** A small gradient image, so img2dcm has something real to wrap. */
    private Path image(String format) throws Exception {
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        for (int x = 0; x < 32; x++) {
            g.setColor(new Color(x * 8, 255 - x * 8, 128));
            g.drawLine(x, 0, x, 23);
        }
        g.dispose();
        Path file = dir.resolve("image." + format);
        assertTrue(ImageIO.write(img, format, file.toFile()), format + " writer");
        return file;
    }

    @Test
    void readsEncapsulatedJpegFromImg2dcm() throws Exception {
        Path jpeg = image("jpg");
        Path out = dir.resolve("jpeg.dcm");
        DicomTools.runOk(dir, "img2dcm", "-k", "PatientName=Doe^John", "-k", "PatientID=4711", jpeg.toString(),
                out.toString());
        DicomFile f = DicomFile.read(out);
        assertEquals(TransferSyntax.JPEG_BASELINE, f.transferSyntax());
        Dataset ds = f.dataset();
        assertEquals("Doe^John", ds.getString(Tag.PATIENT_NAME));
        assertEquals("4711", ds.getString(Tag.PATIENT_ID));
        assertEquals(24, ds.getInt(Tag.ROWS, 0));
        assertEquals(32, ds.getInt(Tag.COLUMNS, 0));
        assertEquals(3, ds.getInt(Tag.SAMPLES_PER_PIXEL, 0));
        assertEquals("YBR_FULL_422", ds.getString(Tag.PHOTOMETRIC_INTERPRETATION));
        List<byte[]> fragments = ds.getFragments(Tag.PIXEL_DATA);
        assertEquals(2, fragments.size(), "offset table and one frame");
        byte[] jpegBytes = Files.readAllBytes(jpeg);
        byte[] frame = fragments.get(1);
        // the frame is the JPEG stream, untouched (padded to even length; img2dcm may drop APPn segments)
        assertEquals((byte) 0xFF, frame[0]);
        assertEquals((byte) 0xD8, frame[1]);
        int end = frame.length - (frame[frame.length - 1] == 0 ? 1 : 0);
        assertEquals((byte) 0xD9, frame[end - 1]);
        assertEquals((byte) 0xFF, frame[end - 2]);
        assertTrue(Math.abs(jpegBytes.length - end) < 64 || end < jpegBytes.length);

        // the same file with pixel data referenced: fragment offsets point at the JPEG stream
        DicomFile ref = DicomFile.read(out, ReadOptions.DEFAULT.withBulkDataThreshold(0));
        BulkData bulk = ref.dataset().getBulkData(Tag.PIXEL_DATA);
        assertTrue(bulk.encapsulated());
        assertEquals(2, bulk.fragments().size());
        byte[] raw = Files.readAllBytes(out);
        BulkData.Fragment second = bulk.fragments().get(1);
        assertArrayEquals(frame, Arrays.copyOfRange(raw, (int) second.offset(),
                (int) (second.offset() + second.length())));
        assertEquals(raw.length, bulk.offset() + bulk.length(), "pixel data is the last element");
    }

    @Test
    void readsNativePixelDataFromBmp() throws Exception {
        Path bmp = image("bmp");
        Path out = dir.resolve("bmp.dcm");
        DicomTools.runOk(dir, "img2dcm", "-i", "BMP", bmp.toString(), out.toString());
        DicomFile f = DicomFile.read(out);
        assertTrue(f.transferSyntax().isNative());
        Dataset ds = f.dataset();
        assertEquals("RGB", ds.getString(Tag.PHOTOMETRIC_INTERPRETATION));
        byte[] pixels = ds.getBytes(Tag.PIXEL_DATA);
        assertEquals(32 * 24 * 3, pixels.length);
        // first pixel of the first row: x = 0 -> (0, 255, 128)
        assertEquals(0, pixels[0] & 0xFF);
        assertEquals(255, pixels[1] & 0xFF);
        assertEquals(128, pixels[2] & 0xFF);
    }
}
