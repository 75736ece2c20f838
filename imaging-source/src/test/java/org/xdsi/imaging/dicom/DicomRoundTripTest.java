package org.xdsi.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write, read back, compare: every VR, both length encodings, fragments, bulk data and streaming. */
class DicomRoundTripTest {
    @TempDir
    Path dir;

    private static final int CREATOR = 0x00110010;

    private static int priv(int element) {
        return 0x00111000 | element;
    }

    /** One element of every VR (private tags keep their VR only in explicit VR). */
    static Dataset everyVr() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SPECIFIC_CHARACTER_SET, "ISO_IR 192");
        ds.setString(Tag.SOP_CLASS_UID, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOP_INSTANCE_UID, "2.25.99");
        ds.setString(CREATOR, Vr.LO, "XDSI ROUND TRIP");
        ds.setString(priv(0x01), Vr.AE, "AE_TITLE");
        ds.setString(priv(0x02), Vr.AS, "042Y");
        ds.setInt(priv(0x03), Vr.AT, Tag.PATIENT_ID);
        ds.setString(priv(0x04), Vr.CS, "A", "B_C");
        ds.setString(priv(0x05), Vr.DA, "20240229");
        ds.setDouble(priv(0x06), Vr.DS, 1.5, -2e-7);
        ds.setString(priv(0x07), Vr.DT, "20240229101530.123456+0100");
        ds.setDouble(priv(0x08), Vr.FL, 3.25f);
        ds.setDouble(priv(0x09), Vr.FD, Math.PI, Math.E);
        ds.setInt(priv(0x0A), Vr.IS, 1, -2, 3);
        ds.setString(priv(0x0B), Vr.LO, "long ñame");
        ds.setString(priv(0x0C), Vr.LT, "long\\text\r\nwith lines");
        ds.setBytes(priv(0x0D), Vr.OB, new byte[] {1, 2, 3});
        ds.setBytes(priv(0x0E), Vr.OD, new byte[16]);
        ds.setBytes(priv(0x0F), Vr.OF, new byte[8]);
        ds.setBytes(priv(0x10), Vr.OL, new byte[8]);
        ds.setBytes(priv(0x11), Vr.OV, new byte[16]);
        ds.setBytes(priv(0x12), Vr.OW, new byte[] {1, 2, 3, 4});
        ds.setString(priv(0x13), Vr.PN, "Ωmega^Ann=オメガ^アン");
        ds.setString(priv(0x14), Vr.SH, "short");
        ds.setInt(priv(0x15), Vr.SL, -70000);
        ds.addItem(priv(0x16)).setString(Tag.PATIENT_ID, "nested");
        ds.setInt(priv(0x17), Vr.SS, -3);
        ds.setString(priv(0x18), Vr.ST, "short text");
        ds.setLong(priv(0x19), Vr.SV, -1L << 40);
        ds.setString(priv(0x1A), Vr.TM, "235959.999");
        ds.setString(priv(0x1B), Vr.UC, "unlimited characters ".repeat(10).trim());
        ds.setString(priv(0x1C), Vr.UI, "1.2.3.4");
        ds.setLong(priv(0x1D), Vr.UL, 3_000_000_000L);
        ds.setBytes(priv(0x1E), Vr.UN, new byte[] {9, 8, 7, 6});
        ds.setString(priv(0x1F), Vr.UR, "https://example.org/a b");
        ds.setInt(priv(0x20), Vr.US, 65535);
        ds.setString(priv(0x21), Vr.UT, "unlimited text");
        ds.setLong(priv(0x22), Vr.UV, 1L << 40);
        ds.setEmpty(priv(0x23), Vr.PN);
        ds.setSequence(priv(0x24), List.of());
        return ds;
    }

    private static byte[] write(Dataset ds, TransferSyntax ts, DicomWriter.Options options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out, ts, options);
        w.writeFileMetaInformation(DicomWriter.fileMetaInformation(ds, ts));
        w.writeDataset(ds);
        return out.toByteArray();
    }

    private static DicomFile read(byte[] b) throws IOException {
        return DicomFile.read(new ByteArrayInputStream(b), ReadOptions.DEFAULT);
    }

    @Test
    void everyVrSurvivesExplicitVr() throws IOException {
        Dataset ds = everyVr();
        for (DicomWriter.Options o : List.of(DicomWriter.Options.DEFINED_LENGTHS, DicomWriter.Options.UNDEFINED_LENGTHS,
                new DicomWriter.Options(false, true), new DicomWriter.Options(true, false))) {
            DicomFile back = read(write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, o));
            assertEquals(ds, back.dataset(), o.toString());
            assertEquals("Ωmega^Ann=オメガ^アン", back.dataset().getString(priv(0x13)));
            assertEquals(3_000_000_000L, back.dataset().getLong(priv(0x1D), 0));
            assertArrayEquals(new double[] {Math.PI, Math.E}, back.dataset().getDoubles(priv(0x09)));
        }
    }

    @Test
    void implicitVrKeepsTheBytesOfUnknownTags() throws IOException {
        Dataset ds = everyVr();
        Dataset back = read(write(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                DicomWriter.Options.UNDEFINED_LENGTHS)).dataset();
        assertEquals("XDSI ROUND TRIP", back.getString(CREATOR));
        assertEquals(Vr.UN, back.getVr(priv(0x0B)));
        for (DataElement e : ds) {
            if (e.kind() == DataElement.Kind.VALUE) {
                assertArrayEquals(e.bytes(), back.getBytes(e.tag()), Tag.toString(e.tag()));
            }
        }
        // a private sequence of undefined length is read as a sequence even without its VR
        assertEquals("nested", back.getItem(priv(0x16)).getString(Tag.PATIENT_ID));
    }

    @Test
    void longValueInAShortVrBecomesUn() throws IOException {
        Dataset ds = everyVr();
        String big = "x".repeat(70_000);
        ds.setString(priv(0x0B), Vr.LO, big);
        Dataset back = read(write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, DicomWriter.Options.DEFINED_LENGTHS))
                .dataset();
        assertEquals(Vr.UN, back.getVr(priv(0x0B)));
        assertArrayEquals(ds.getBytes(priv(0x0B)), back.getBytes(priv(0x0B)));
    }

    @Test
    void encapsulatedFragments() throws IOException {
        Dataset ds = everyVr();
        ds.setInt(Tag.ROWS, 1);
        ds.setFragments(Tag.PIXEL_DATA, Vr.OB, List.of(new byte[0], new byte[] {(byte) 0xFF, (byte) 0xD8, 1},
                new byte[] {2, 3, (byte) 0xFF, (byte) 0xD9}));
        DicomFile back = read(write(ds, TransferSyntax.JPEG_BASELINE, DicomWriter.Options.DEFINED_LENGTHS));
        assertEquals(TransferSyntax.JPEG_BASELINE, back.transferSyntax());
        List<byte[]> f = back.dataset().getFragments(Tag.PIXEL_DATA);
        assertEquals(3, f.size());
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 0}, f.get(1));
        assertArrayEquals(new byte[] {2, 3, (byte) 0xFF, (byte) 0xD9}, f.get(2));

        assertThrows(IllegalStateException.class,
                () -> write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, DicomWriter.Options.DEFINED_LENGTHS));
        assertThrows(IllegalArgumentException.class,
                () -> new DicomWriter(new ByteArrayOutputStream(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        assertThrows(IllegalArgumentException.class,
                () -> DicomWriter.fileMetaInformation(new Dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void fileMetaInformation() throws IOException {
        Dataset ds = everyVr();
        ds.setInt(0x00080000, Vr.UL, 12345); // stale group length in the dataset: dropped
        DicomFile back = read(DicomWriter.toFileBytes(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        Dataset meta = back.fileMetaInformation();
        assertArrayEquals(new byte[] {0, 1}, meta.getBytes(Tag.FILE_META_INFORMATION_VERSION));
        assertEquals("1.2.840.10008.5.1.4.1.1.7", meta.getString(Tag.MEDIA_STORAGE_SOP_CLASS_UID));
        assertEquals("2.25.99", meta.getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID));
        assertEquals(DicomWriter.IMPLEMENTATION_CLASS_UID, meta.getString(Tag.IMPLEMENTATION_CLASS_UID));
        assertEquals(DicomWriter.IMPLEMENTATION_VERSION_NAME, meta.getString(Tag.IMPLEMENTATION_VERSION_NAME));
        // (0002,0000) counts the bytes after its own 12-byte element up to the end of group 0002
        DicomReader r = new DicomReader(new ByteArrayInputStream(
                DicomWriter.toFileBytes(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));
        r.readFileMetaInformation();
        assertEquals(r.position() - 132 - 12, meta.getLong(Tag.FILE_META_INFORMATION_GROUP_LENGTH, 0));
        assertFalse(back.dataset().contains(0x00080000));
        assertTrue(DicomWriter.IMPLEMENTATION_CLASS_UID.matches("2\\.25\\.[1-9][0-9]*")
                && DicomWriter.IMPLEMENTATION_CLASS_UID.length() <= 64);
    }

    /** An instance with 300 KiB of pixel data and an element after it. */
    private Path bigInstance(TransferSyntax ts) throws IOException {
        Dataset ds = everyVr();
        byte[] pixels = new byte[300 * 1024];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + (i >> 8));
        }
        ds.setBytes(Tag.PIXEL_DATA, Vr.OW, pixels);
        ds.setBytes(Tag.DATA_SET_TRAILING_PADDING, Vr.OB, new byte[6]);
        Path file = Files.createTempFile(dir, "big", ".dcm");
        Files.write(file, DicomWriter.toFileBytes(ds, ts));
        return file;
    }

    @Test
    void bulkDataIsReferencedAndCopiedBack() throws IOException {
        Path file = bigInstance(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        DicomFile f = DicomFile.read(file, ReadOptions.DEFAULT.withBulkDataThreshold(1024));
        BulkData bulk = f.dataset().getBulkData(Tag.PIXEL_DATA);
        assertEquals(300 * 1024, bulk.length());
        assertFalse(bulk.encapsulated());
        assertEquals(6, f.dataset().getBytes(Tag.DATA_SET_TRAILING_PADDING).length);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out, f.transferSyntax()).bulkDataSource(BulkDataSource.of(file));
        w.writeFileMetaInformation(f.fileMetaInformation());
        w.writeDataset(f.dataset());
        assertArrayEquals(Files.readAllBytes(file), out.toByteArray());

        assertThrows(IllegalStateException.class,
                () -> new DicomWriter(new ByteArrayOutputStream(), f.transferSyntax()).writeDataset(f.dataset()));
    }

    @Test
    void stopAtPixelDataThenStream() throws IOException {
        Path file = bigInstance(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        Dataset original = DicomFile.read(file).dataset();
        try (DicomReader r = DicomReader.open(file).options(ReadOptions.DEFAULT.withStopTag(Tag.PIXEL_DATA))) {
            r.readFileMetaInformation();
            Dataset head = r.readDataset();
            assertEquals("2.25.99", head.getString(Tag.SOP_INSTANCE_UID));
            assertNull(head.get(Tag.PIXEL_DATA));
            ElementHeader h = r.readHeader();
            assertEquals(Tag.PIXEL_DATA, h.tag());
            assertEquals(Vr.OW, h.vr());
            ByteArrayOutputStream pixels = new ByteArrayOutputStream();
            r.copyValue(h, pixels, 1);
            assertArrayEquals(original.getBytes(Tag.PIXEL_DATA), pixels.toByteArray());
            r.options(ReadOptions.DEFAULT);
            Dataset tail = r.readDataset();
            assertEquals(List.of(Tag.DATA_SET_TRAILING_PADDING),
                    tail.elements().stream().map(DataElement::tag).toList());
            assertNull(r.readHeader());
        }
    }

    @Test
    void transcodesBetweenLittleEndianSyntaxes() throws IOException {
        Path file = bigInstance(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Dataset original = DicomFile.read(file).dataset();
        ByteArrayOutputStream implicit = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(file)) {
            DicomTranscoder.transcode(in, implicit, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
        }
        DicomFile viaImplicit = read(implicit.toByteArray());
        assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, viaImplicit.transferSyntax());
        assertArrayEquals(original.getBytes(Tag.PIXEL_DATA), viaImplicit.dataset().getBytes(Tag.PIXEL_DATA));

        ByteArrayOutputStream explicit = new ByteArrayOutputStream();
        DicomTranscoder.transcode(new ByteArrayInputStream(implicit.toByteArray()), explicit,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        Dataset back = read(explicit.toByteArray()).dataset();
        // dictionary tags keep their VR; private ones went through implicit VR and are UN now, same bytes
        for (DataElement e : original) {
            if (Tag.isPrivate(e.tag()) && !Tag.isPrivateCreator(e.tag()) && e.kind() == DataElement.Kind.VALUE) {
                assertEquals(Vr.UN, back.getVr(e.tag()));
                assertArrayEquals(e.bytes(), back.getBytes(e.tag()));
            } else if (!Tag.isPrivate(e.tag())) {
                assertEquals(e, back.get(e.tag()), Tag.toString(e.tag()));
            }
        }
    }

    @Test
    void refusesImpossibleConversions() throws IOException {
        Dataset ds = everyVr();
        ds.setFragments(Tag.PIXEL_DATA, Vr.OB, List.of(new byte[0], new byte[] {1, 2}));
        byte[] jpeg = DicomWriter.toFileBytes(ds, TransferSyntax.JPEG_BASELINE);
        UnsupportedTransferSyntaxException e = assertThrows(UnsupportedTransferSyntaxException.class,
                () -> DicomTranscoder.transcode(new ByteArrayInputStream(jpeg), new ByteArrayOutputStream(),
                        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()));
        assertEquals(TransferSyntax.JPEG_BASELINE.uid(), e.sourceUid());
        ByteArrayOutputStream same = new ByteArrayOutputStream();
        DicomTranscoder.transcode(new ByteArrayInputStream(jpeg), same, TransferSyntax.JPEG_BASELINE.uid());
        assertArrayEquals(jpeg, same.toByteArray());
        assertFalse(DicomTranscoder.canTranscode(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        assertTrue(DicomTranscoder.canTranscode(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void transcodingStreamsValuesLargerThanTheMemoryLimit() throws IOException {
        long pixelLength = 300L << 20; // beyond ReadOptions.DEFAULT.maxValueLength: only streaming gets through
        byte[] head = RawDicom.file(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .explicit(Tag.SOP_INSTANCE_UID, "UI", RawDicom.uid("1.2.3"))
                .explicitHeader(Tag.PIXEL_DATA, "OW", pixelLength).toBytes();
        InputStream in = new InputStream() {
            long pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long left = head.length + pixelLength - pos;
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                if (pos < head.length) {
                    n = Math.min(n, head.length - (int) pos);
                    System.arraycopy(head, (int) pos, b, off, n);
                } else {
                    java.util.Arrays.fill(b, off, off + n, (byte) 0x5A);
                }
                pos += n;
                return n;
            }
        };
        long[] count = new long[1];
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        DicomTranscoder.transcode(in, out, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
        assertTrue(count[0] > pixelLength && count[0] < pixelLength + 1024, Long.toString(count[0]));
    }
}
