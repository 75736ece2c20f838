package org.xdsi.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Broken and malicious input: always a {@link DicomFormatException} with an offset, never a hang or OOM. */
class HostileInputTest {
    private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final String IMPLICIT = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();

    private static DicomFile read(byte[] bytes) throws IOException {
        return DicomFile.read(new ByteArrayInputStream(bytes), ReadOptions.DEFAULT);
    }

    /** Reads as a stream of known length, the way files are read. */
    private static DicomFile readKnownLength(byte[] bytes, ReadOptions options) throws IOException {
        DicomReader r = new DicomReader(new ByteArrayInputStream(bytes), bytes.length).options(options);
        Dataset meta = r.readFileMetaInformation();
        return new DicomFile(meta, r.readDataset());
    }

    private static DicomFormatException fails(byte[] bytes, String reasonPart) {
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> read(bytes));
        assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
        return e;
    }

    @Test
    void emptyAndShortInput() {
        fails(new byte[0], "too short");
        fails(new byte[131], "too short");
    }

    @Test
    void missingDicmPrefix() {
        byte[] bytes = new byte[300];
        Arrays.fill(bytes, (byte) 'x');
        DicomFormatException e = fails(bytes, "no DICM prefix");
        assertEquals(128, e.offset());
    }

    @Test
    void rawDatasetOnlyWhenAskedFor() throws IOException {
        byte[] raw = RawDicom.littleEndian().explicit(Tag.PATIENT_ID, "LO", RawDicom.text("ID01")).toBytes();
        assertThrows(DicomFormatException.class, () -> read(raw));
        Dataset ds = new DicomReader(new ByteArrayInputStream(raw))
                .readDataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals("ID01", ds.getString(Tag.PATIENT_ID));
    }

    @Test
    void fileMetaWithoutTransferSyntax() {
        RawDicom r = RawDicom.littleEndian().bytes(new byte[128]).bytes(RawDicom.text("DICM"))
                .explicit(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, "UI", RawDicom.uid("1.2.3"));
        fails(r.toBytes(), "without Transfer Syntax UID");
    }

    @Test
    void deflatedIsRefusedClearly() {
        fails(RawDicom.file("1.2.840.10008.1.2.1.99").toBytes(), "deflated transfer syntax");
    }

    @Test
    void absurdLengthOnAStreamOfUnknownLength() {
        byte[] b = RawDicom.file(EXPLICIT).explicitHeader(Tag.PIXEL_DATA, "OB", 0xFFFFFFF0L).bytes(new byte[64])
                .toBytes();
        fails(b, "exceeds the limit");
        // below the limit but beyond the input: truncation, after reading what is there
        byte[] c = RawDicom.file(EXPLICIT).explicitHeader(Tag.PIXEL_DATA, "OB", 200L << 20).bytes(new byte[64])
                .toBytes();
        fails(c, "unexpected end of input");
    }

    @Test
    void absurdLengthWithKnownInputLengthFailsBeforeReading() {
        byte[] b = RawDicom.file(EXPLICIT).explicitHeader(Tag.PIXEL_DATA, "OB", 1000).bytes(new byte[64]).toBytes();
        DicomFormatException e = assertThrows(DicomFormatException.class,
                () -> readKnownLength(b, ReadOptions.DEFAULT));
        assertTrue(e.getMessage().contains("exceeds the 64 bytes left"), e.getMessage());
        // also when the value would only have been skipped as bulk data
        assertThrows(DicomFormatException.class, () -> readKnownLength(b, ReadOptions.DEFAULT.withBulkDataThreshold(0)));
    }

    @Test
    void configurableValueLimit() throws IOException {
        byte[] b = RawDicom.file(EXPLICIT).explicit(Tag.PIXEL_DATA, "OB", new byte[2048]).toBytes();
        read(b);
        DicomFormatException e = assertThrows(DicomFormatException.class,
                () -> DicomFile.read(new ByteArrayInputStream(b), ReadOptions.DEFAULT.withMaxValueLength(1024)));
        assertTrue(e.getMessage().contains("exceeds the limit of 1024"), e.getMessage());
        // a bulk value is skipped, not loaded, so the limit does not apply to it
        DicomFile f = DicomFile.read(new ByteArrayInputStream(b),
                ReadOptions.DEFAULT.withMaxValueLength(1024).withBulkDataThreshold(1024));
        assertEquals(2048, f.dataset().getBulkData(Tag.PIXEL_DATA).length());
    }

    @Test
    void oddLengths() throws IOException {
        byte[] b = RawDicom.file(EXPLICIT).explicit(Tag.PATIENT_NAME, "PN", RawDicom.text("Doe")).toBytes();
        DicomFormatException e = fails(b, "odd length 3 of (0010,0010)");
        assertEquals(RawDicom.file(EXPLICIT).size(), e.offset());
        DicomFile lenient = DicomFile.read(new ByteArrayInputStream(b),
                ReadOptions.DEFAULT.withOddLengthsAllowed(true));
        assertEquals("Doe", lenient.dataset().getString(Tag.PATIENT_NAME));
        fails(RawDicom.file(EXPLICIT).explicitHeader(Tag.REFERENCED_SERIES_SEQUENCE, "SQ", 9).item(1).bytes(new byte[1])
                .toBytes(), "odd length");
    }

    @Test
    void valueOverrunsItsItem() {
        RawDicom r = RawDicom.file(EXPLICIT).explicitHeader(Tag.REFERENCED_SERIES_SEQUENCE, "SQ", 0xFFFFFFFFL)
                .item(10).explicit(Tag.SERIES_INSTANCE_UID, "UI", RawDicom.uid("1.2.3.4.5.6.7.8")).sequenceDelimiter();
        fails(r.toBytes(), "runs past the end of its enclosing item");
    }

    @Test
    void itemOverrunsItsSequence() {
        RawDicom r = RawDicom.file(EXPLICIT).explicitHeader(Tag.REFERENCED_SERIES_SEQUENCE, "SQ", 12)
                .item(20).explicit(Tag.SERIES_INSTANCE_UID, "UI", RawDicom.uid("1.2.3.4.5.6.7"));
        fails(r.toBytes(), "runs past the end");
    }

    @Test
    void undefinedLengthItemOverrunningADefinedLengthSequence() {
        RawDicom r = RawDicom.file(EXPLICIT).explicitHeader(Tag.REFERENCED_SERIES_SEQUENCE, "SQ", 8)
                .item(0xFFFFFFFFL).explicit(Tag.SERIES_INSTANCE_UID, "UI", RawDicom.uid("1.2")).itemDelimiter();
        fails(r.toBytes(), "item runs past the end of (0008,1115)");
    }

    @Test
    void deepNesting() throws IOException {
        RawDicom r = RawDicom.file(EXPLICIT);
        for (int i = 0; i < 100_000; i++) {
            r.explicitHeader(Tag.CONTENT_SEQUENCE, "SQ", 0xFFFFFFFFL).item(0xFFFFFFFFL);
        }
        fails(r.toBytes(), "nested deeper than 32");

        RawDicom ok = RawDicom.file(EXPLICIT);
        for (int i = 0; i < 40; i++) {
            ok.explicitHeader(Tag.CONTENT_SEQUENCE, "SQ", 0xFFFFFFFFL).item(0xFFFFFFFFL);
        }
        for (int i = 0; i < 40; i++) {
            ok.itemDelimiter().sequenceDelimiter();
        }
        Dataset ds = DicomFile.read(new ByteArrayInputStream(ok.toBytes()), ReadOptions.DEFAULT.withMaxDepth(64))
                .dataset();
        int depth = 0;
        for (Dataset d = ds; d != null; d = d.getItem(Tag.CONTENT_SEQUENCE)) {
            depth++;
        }
        assertEquals(41, depth);
    }

    @Test
    void invalidVr() {
        byte[] b = RawDicom.file(EXPLICIT).tag(Tag.PATIENT_ID).bytes((byte) 'x', (byte) '1').u16(2).bytes((byte) 'A',
                (byte) 'B').toBytes();
        fails(b, "invalid VR");
    }

    @Test
    void itemsAndDelimitersOutOfPlace() {
        fails(RawDicom.file(EXPLICIT).item(0).toBytes(), "outside a sequence");
        fails(RawDicom.file(EXPLICIT).sequenceDelimiter().toBytes(), "outside a sequence");
        fails(RawDicom.file(EXPLICIT).explicitHeader(Tag.REFERENCED_SERIES_SEQUENCE, "SQ", 8).sequenceDelimiter()
                .toBytes(), "sequence delimiter in the defined-length sequence");
        fails(RawDicom.file(EXPLICIT).explicitHeader(Tag.REFERENCED_SERIES_SEQUENCE, "SQ", 0xFFFFFFFFL)
                .explicit(Tag.PATIENT_ID, "LO", RawDicom.text("ID")).toBytes(), "expected an item");
        fails(RawDicom.file(EXPLICIT).explicitHeader(Tag.REFERENCED_SERIES_SEQUENCE, "SQ", 0xFFFFFFFFL).item(8)
                .itemDelimiter().sequenceDelimiter().toBytes(), "item delimiter in a defined-length item");
    }

    @Test
    void undefinedLengthWhereNotAllowed() {
        fails(RawDicom.file(EXPLICIT).explicitHeader(Tag.PATIENT_ID, "UT", 0xFFFFFFFFL).toBytes(),
                "undefined length for (0010,0020)");
        fails(RawDicom.file(EXPLICIT).explicitHeader(Tag.PIXEL_DATA, "OB", 0xFFFFFFFFL).item(0xFFFFFFFFL).toBytes(),
                "expected a defined-length item");
    }

    @Test
    void truncatedEverywhere() throws IOException {
        Dataset ds = DcmtkWriteInteropTest.withStructure(DcmtkWriteInteropTest.secondaryCapture("ISO_IR 100", "Doe"));
        // explicit VR with undefined lengths, implicit VR with defined lengths
        for (boolean explicit : new boolean[] {true, false}) {
            TransferSyntax ts = explicit ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN
                    : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
            DicomWriter.Options options = explicit ? DicomWriter.Options.UNDEFINED_LENGTHS
                    : DicomWriter.Options.DEFINED_LENGTHS;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            DicomWriter w = new DicomWriter(out, ts, options);
            w.writeFileMetaInformation(DicomWriter.fileMetaInformation(ds, ts));
            w.writeDataset(ds);
            byte[] full = out.toByteArray();
            assertEquals(ds, read(full).dataset());
            for (int n = 0; n < full.length; n++) {
                byte[] cut = Arrays.copyOf(full, n);
                for (boolean known : new boolean[] {false, true}) {
                    try {
                        Dataset partial = known ? readKnownLength(cut, ReadOptions.DEFAULT).dataset()
                                : read(cut).dataset();
                        // a cut between two top-level elements is a shorter, valid dataset
                        assertTrue(partial.size() < ds.size(), "cut at " + n);
                        for (DataElement e : partial) {
                            assertEquals(ds.get(e.tag()), e, "cut at " + n);
                        }
                    } catch (DicomFormatException expected) {
                        assertTrue(expected.offset() >= 0 && expected.offset() <= n, expected.getMessage());
                    }
                }
            }
        }
    }

    @Test
    void randomCorruption() throws IOException {
        Dataset ds = DcmtkWriteInteropTest.withStructure(DcmtkWriteInteropTest.secondaryCapture("ISO_IR 192", "Doe"));
        Random random = new Random(42);
        for (TransferSyntax ts : List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)) {
            byte[] full = DicomWriter.toFileBytes(ds, ts);
            for (int round = 0; round < 1500; round++) {
                byte[] b = full.clone();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    int at = 132 + random.nextInt(b.length - 132);
                    b[at] = random.nextInt(3) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
                }
                try {
                    Dataset d = random.nextBoolean() ? read(b).dataset()
                            : readKnownLength(b, ReadOptions.DEFAULT.withBulkDataThreshold(64)).dataset();
                    d.toString(); // decoding whatever came out must not throw either
                } catch (DicomFormatException expected) {
                    // fine
                } catch (RuntimeException | IOException e) {
                    fail("round " + round + ": " + e, e);
                }
            }
        }
    }

    // ---- unusual but valid

    @Test
    void undefinedLengthUnIsAnImplicitVrSequence() throws IOException {
        RawDicom r = RawDicom.file(EXPLICIT).explicitHeader(Tag.REFERENCED_SERIES_SEQUENCE, "UN", 0xFFFFFFFFL)
                .item(0xFFFFFFFFL).implicit(Tag.SERIES_INSTANCE_UID, RawDicom.uid("1.2.3"))
                .implicitHeader(Tag.REFERENCED_SOP_SEQUENCE, 0xFFFFFFFFL).item(0xFFFFFFFFL)
                .implicit(Tag.REFERENCED_SOP_INSTANCE_UID, RawDicom.uid("1.2.3.4")).itemDelimiter().sequenceDelimiter()
                .itemDelimiter().sequenceDelimiter()
                .explicit(Tag.PATIENT_ID, "LO", RawDicom.text("AFTER!"));
        Dataset ds = read(r.toBytes()).dataset();
        assertEquals(Vr.SQ, ds.getVr(Tag.REFERENCED_SERIES_SEQUENCE));
        Dataset series = ds.getItem(Tag.REFERENCED_SERIES_SEQUENCE);
        assertEquals("1.2.3", series.getString(Tag.SERIES_INSTANCE_UID));
        assertEquals("1.2.3.4", series.getItem(Tag.REFERENCED_SOP_SEQUENCE).getString(Tag.REFERENCED_SOP_INSTANCE_UID));
        assertEquals("AFTER!", ds.getString(Tag.PATIENT_ID));
    }

    @Test
    void undefinedLengthItemsInsideADefinedLengthSequence() throws IOException {
        byte[] uid = RawDicom.uid("1.2.3");
        int itemLength = 8 + 8 + uid.length + 8; // item header, element, item delimiter
        RawDicom r = RawDicom.file(IMPLICIT).implicitHeader(Tag.REFERENCED_SERIES_SEQUENCE, 2L * itemLength);
        for (int i = 0; i < 2; i++) {
            r.item(0xFFFFFFFFL).implicit(Tag.SERIES_INSTANCE_UID, uid).itemDelimiter();
        }
        r.implicit(Tag.PATIENT_ID, RawDicom.text("ID"));
        Dataset ds = read(r.toBytes()).dataset();
        assertEquals(2, ds.getSequence(Tag.REFERENCED_SERIES_SEQUENCE).size());
        assertEquals("1.2.3", ds.getSequence(Tag.REFERENCED_SERIES_SEQUENCE).get(1).getString(Tag.SERIES_INSTANCE_UID));
        assertEquals("ID", ds.getString(Tag.PATIENT_ID));
    }

    @Test
    void bigEndianItemsAndValues() throws IOException {
        RawDicom r = RawDicom.file(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid());
        byte[] be = RawDicom.bigEndian().explicitHeader(Tag.REFERENCED_SERIES_SEQUENCE, "SQ", 0xFFFFFFFFL)
                .item(0xFFFFFFFFL).explicit(Tag.SERIES_INSTANCE_UID, "UI", RawDicom.uid("1.2")).itemDelimiter()
                .sequenceDelimiter().explicitHeader(Tag.ROWS, "US", 2).u16(0x0102)
                .explicitHeader(0x00209128, "UL", 4).u32(0x01020304L).toBytes();
        Dataset ds = read(r.bytes(be).toBytes()).dataset();
        assertEquals("1.2", ds.getItem(Tag.REFERENCED_SERIES_SEQUENCE).getString(Tag.SERIES_INSTANCE_UID));
        assertEquals(0x0102, ds.getInt(Tag.ROWS, 0));
        assertEquals(0x01020304, ds.getInt(0x00209128, 0));
    }
}
