package org.xdsi.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void multiValuedTextIsSplitAndTrimmed() {
        Dataset ds = new Dataset();
        ds.put(DataElement.ofBytes(Tag.IMAGE_TYPE, Vr.CS, RawDicom.text(" ORIGINAL\\PRIMARY \\\\AXIAL ")));
        assertEquals(List.of("ORIGINAL", "PRIMARY", "", "AXIAL"), ds.getStrings(Tag.IMAGE_TYPE));
        assertEquals("ORIGINAL", ds.getString(Tag.IMAGE_TYPE));
        ds.put(DataElement.ofBytes(Tag.SOP_INSTANCE_UID, Vr.UI, RawDicom.text("1.2.3\0")));
        assertEquals("1.2.3", ds.getString(Tag.SOP_INSTANCE_UID));
        // LT/ST/UT/UR: one value, backslashes kept, leading spaces kept
        ds.put(DataElement.ofBytes(Tag.TEXT_VALUE, Vr.UT, RawDicom.text("  a\\b  ")));
        assertEquals(List.of("  a\\b"), ds.getStrings(Tag.TEXT_VALUE));
    }

    @Test
    void emptyAndAbsent() {
        Dataset ds = new Dataset();
        ds.setEmpty(Tag.PATIENT_NAME, Vr.PN);
        assertTrue(ds.contains(Tag.PATIENT_NAME));
        assertFalse(ds.containsValue(Tag.PATIENT_NAME));
        assertNull(ds.getString(Tag.PATIENT_NAME));
        assertEquals("x", ds.getString(Tag.PATIENT_NAME, "x"));
        assertEquals(List.of(), ds.getStrings(Tag.PATIENT_ID));
        assertEquals(-1, ds.getInt(Tag.ROWS, -1));
        assertEquals(List.of(), ds.getSequence(Tag.CONTENT_SEQUENCE));
        assertNull(ds.getItem(Tag.CONTENT_SEQUENCE));
    }

    @Test
    void settersPadToEvenLength() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOP_INSTANCE_UID, "1.2.3");
        assertArrayEquals(new byte[] {'1', '.', '2', '.', '3', 0}, ds.getBytes(Tag.SOP_INSTANCE_UID));
        ds.setString(Tag.PATIENT_ID, "ABC");
        assertArrayEquals(new byte[] {'A', 'B', 'C', ' '}, ds.getBytes(Tag.PATIENT_ID));
        ds.setBytes(0x00091001, Vr.OB, new byte[] {7});
        assertArrayEquals(new byte[] {7, 0}, ds.getBytes(0x00091001));
    }

    @Test
    void settersRefuseWhatTheVrCannotHold() {
        Dataset ds = new Dataset();
        assertThrows(IllegalArgumentException.class, () -> ds.setString(Tag.PATIENT_ID, "a\\b"));
        assertThrows(IllegalArgumentException.class, () -> ds.setString(Tag.TEXT_VALUE, "a", "b"));
        assertThrows(IllegalArgumentException.class, () -> ds.setString(Tag.ROWS, "1"));
        assertThrows(IllegalArgumentException.class, () -> ds.setInt(Tag.ROWS, 70000));
        assertThrows(IllegalArgumentException.class, () -> ds.setInt(Tag.ROWS, -1));
        assertThrows(IllegalArgumentException.class, () -> ds.setInt(Tag.PATIENT_ID, 1));
        assertThrows(IllegalArgumentException.class, () -> ds.setDouble(Tag.WINDOW_CENTER, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ds.setString(0x00091010, "no VR known"));
    }

    @Test
    void binaryNumbers() {
        Dataset ds = new Dataset();
        ds.setInt(0x00181310, Vr.US, 0, 65535);
        assertArrayEquals(new int[] {0, 65535}, ds.getInts(0x00181310));
        ds.setInt(0x00189219, Vr.SS, -32768, 32767);
        assertArrayEquals(new int[] {-32768, 32767}, ds.getInts(0x00189219));
        ds.setLong(0x00209128, Vr.UL, 4294967295L);
        assertEquals(4294967295L, ds.getLong(0x00209128, 0));
        ds.setInt(0x00209129, Vr.SL, Integer.MIN_VALUE);
        assertEquals(Integer.MIN_VALUE, ds.getInt(0x00209129, 0));
        ds.setLong(0x00209130, Vr.SV, Long.MIN_VALUE);
        assertEquals(Long.MIN_VALUE, ds.getLong(0x00209130, 0));
        ds.setLong(0x00209131, Vr.UV, Long.MAX_VALUE);
        assertEquals(List.of(Long.toString(Long.MAX_VALUE)), ds.getStrings(0x00209131));
        ds.setInt(0x00280009, Vr.AT, Tag.PIXEL_DATA, Tag.ROWS);
        assertArrayEquals(new int[] {Tag.PIXEL_DATA, Tag.ROWS}, ds.getInts(0x00280009));
        assertArrayEquals(new byte[] {(byte) 0xE0, 0x7F, 0x10, 0, 0x28, 0, 0x10, 0}, ds.getBytes(0x00280009));
        ds.setDouble(0x00189089, Vr.FD, 0.1, -2.5);
        assertArrayEquals(new double[] {0.1, -2.5}, ds.getDoubles(0x00189089));
        ds.setDouble(0x00189090, Vr.FL, 0.5);
        assertEquals(0.5, ds.getDouble(0x00189090, 0));
        assertEquals(List.of("0.5"), ds.getStrings(0x00189090));
    }

    @Test
    void integerAndDecimalStrings() {
        Dataset ds = new Dataset();
        ds.setInt(Tag.INSTANCE_NUMBER, -12);
        assertEquals("-12", ds.getString(Tag.INSTANCE_NUMBER));
        assertEquals(-12, ds.getInt(Tag.INSTANCE_NUMBER, 0));
        ds.put(DataElement.ofBytes(Tag.NUMBER_OF_FRAMES, Vr.IS, RawDicom.text(" +7 ")));
        assertEquals(7, ds.getInt(Tag.NUMBER_OF_FRAMES, 0));
        ds.put(DataElement.ofBytes(Tag.WINDOW_CENTER, Vr.DS, RawDicom.text("1.5E2\\-.5 ")));
        assertArrayEquals(new double[] {150, -0.5}, ds.getDoubles(Tag.WINDOW_CENTER));
        ds.put(DataElement.ofBytes(Tag.WINDOW_WIDTH, Vr.DS, RawDicom.text("abc ")));
        assertEquals(99.0, ds.getDouble(Tag.WINDOW_WIDTH, 99));
        assertThrows(NumberFormatException.class, () -> ds.getDoubles(Tag.WINDOW_WIDTH));
        ds.setString(Tag.PATIENT_ID, "12");
        assertThrows(NumberFormatException.class, () -> ds.getInts(Tag.PATIENT_ID));
    }

    @Test
    void decimalStringsFitSixteenCharacters() {
        for (double v : new double[] {0, 1, -1, 0.1, 1.0 / 3, -2.0 / 3 * 1e-7, 123456789.123456789, 1e20, -1.5e-300,
                Math.PI * 1e10, 999999999999999.9, Double.MAX_VALUE, -Double.MIN_VALUE}) {
            String s = Dataset.formatDecimalString(v);
            assertTrue(s.length() <= 16, s);
            assertTrue(s.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?"), s);
            double back = Double.parseDouble(s);
            assertEquals(v, back, Math.abs(v) * 1e-9, s);
        }
        assertEquals("2048", Dataset.formatDecimalString(2048));
        assertEquals("0.25", Dataset.formatDecimalString(0.25));
    }

    @Test
    void characterSets() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SPECIFIC_CHARACTER_SET, "ISO_IR 192");
        ds.setString(Tag.PATIENT_NAME, "Ωmega^Ἀθηνᾶ");
        assertEquals("Ωmega^Ἀθηνᾶ", ds.getString(Tag.PATIENT_NAME));
        Dataset item = ds.addItem(Tag.CONTENT_SEQUENCE);
        item.setString(Tag.TEXT_VALUE, "中文");
        assertArrayEquals("中文".getBytes(StandardCharsets.UTF_8), item.getBytes(Tag.TEXT_VALUE));

        Dataset latin = new Dataset();
        latin.setString(Tag.SPECIFIC_CHARACTER_SET, "ISO_IR 100");
        latin.setString(Tag.PATIENT_NAME, "Ærø^Åsa");
        assertArrayEquals("Ærø^Åsa ".getBytes(StandardCharsets.ISO_8859_1), latin.getBytes(Tag.PATIENT_NAME));
        assertThrows(IllegalArgumentException.class, () -> latin.setString(Tag.PATIENT_NAME, "Ω"));

        // UI, CS & co. are default repertoire whatever the character set
        assertThrows(IllegalArgumentException.class, () -> ds.setString(Tag.STUDY_INSTANCE_UID, "1.2.é"));
    }

    @Test
    void otherAndUnsupportedCharacterSets() {
        Dataset cyrillic = new Dataset();
        cyrillic.setString(Tag.SPECIFIC_CHARACTER_SET, "ISO_IR 144");
        cyrillic.put(DataElement.ofBytes(Tag.PATIENT_NAME, Vr.PN, "Иванов^Пётр".getBytes(Charset.forName("ISO-8859-5"))));
        assertEquals("Иванов^Пётр", cyrillic.getString(Tag.PATIENT_NAME));
        assertTrue(cyrillic.characterSet().isExact());

        // Japanese with ISO 2022 escapes (PS3.5 H.3.1 style), decoded through ISO-2022-JP
        Dataset japanese = new Dataset();
        japanese.setString(Tag.SPECIFIC_CHARACTER_SET, "", "ISO 2022 IR 87");
        byte[] yamada = "Yamada^Tarou=山田^太郎".getBytes(Charset.forName("ISO-2022-JP"));
        japanese.put(DataElement.ofBytes(Tag.PATIENT_NAME, Vr.PN, yamada));
        assertEquals("Yamada^Tarou=山田^太郎", japanese.getString(Tag.PATIENT_NAME));
        assertFalse(japanese.characterSet().isExact());
        assertThrows(IllegalArgumentException.class, () -> japanese.setString(Tag.PATIENT_NAME, "x"));

        // unknown: Latin-1, best effort, never an exception on reading
        Dataset unknown = new Dataset();
        unknown.setString(Tag.SPECIFIC_CHARACTER_SET, "ISO 2022 IR 149", "ISO 2022 IR 58");
        unknown.put(DataElement.ofBytes(Tag.PATIENT_NAME, Vr.PN, new byte[] {'K', 'i', 'm', (byte) 0xB1}));
        assertEquals("Kim±", unknown.getString(Tag.PATIENT_NAME));
        assertFalse(unknown.characterSet().isExact());

        // no character set: ASCII to write, Latin-1 bytes tolerated on reading
        Dataset none = new Dataset();
        none.put(DataElement.ofBytes(Tag.PATIENT_NAME, Vr.PN, new byte[] {'J', (byte) 0xF6, 'r', 'g'}));
        assertEquals("Jörg", none.getString(Tag.PATIENT_NAME));
        assertThrows(IllegalArgumentException.class, () -> none.setString(Tag.PATIENT_NAME, "Jörg"));
    }

    @Test
    void orderingEqualityCopyAndToString() {
        Dataset ds = new Dataset();
        ds.setBytes(Tag.DATA_SET_TRAILING_PADDING, Vr.OB, new byte[2]);
        ds.setString(Tag.PATIENT_ID, "P1");
        ds.setBytes(Tag.PIXEL_DATA, Vr.OW, new byte[4]);
        ds.addItem(Tag.REFERENCED_SERIES_SEQUENCE).setString(Tag.SERIES_INSTANCE_UID, "1.2");
        assertEquals(List.of(Tag.REFERENCED_SERIES_SEQUENCE, Tag.PATIENT_ID, Tag.PIXEL_DATA,
                Tag.DATA_SET_TRAILING_PADDING), ds.elements().stream().map(DataElement::tag).toList());
        Dataset copy = ds.copy();
        assertEquals(ds, copy);
        copy.getItem(Tag.REFERENCED_SERIES_SEQUENCE).setString(Tag.SERIES_INSTANCE_UID, "1.3");
        assertFalse(ds.equals(copy));
        String dump = ds.toString();
        assertTrue(dump.contains("(0010,0020) LO [P1] PatientID"), dump);
        assertTrue(dump.contains("    (0020,000E) UI [1.2] SeriesInstanceUID"), dump);
        assertTrue(dump.contains("(7FE0,0010) OW (4 bytes) PixelData"), dump);
    }

    @Test
    void transferSyntaxes() {
        assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.of("1.2.840.10008.1.2"));
        assertTrue(TransferSyntax.of("1.2.840.10008.1.2.2").bigEndian());
        TransferSyntax unknownCompressed = TransferSyntax.of("1.2.840.10008.1.2.4.201");
        assertTrue(unknownCompressed.encapsulated() && unknownCompressed.explicitVr());
        assertFalse(unknownCompressed.isNative());
        assertTrue(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.isNative());
        assertThrows(IllegalArgumentException.class, () -> TransferSyntax.of(" "));
    }

    @Test
    void dictionary() {
        assertEquals(Vr.PN, ElementDictionary.vrOf(Tag.PATIENT_NAME));
        assertEquals(Vr.UL, ElementDictionary.vrOf(0x00180000));
        assertEquals(Vr.LO, ElementDictionary.vrOf(0x00290010));
        assertEquals(Vr.UN, ElementDictionary.vrOf(0x00291010));
        assertEquals(Vr.UN, ElementDictionary.vrOf(0x00181310));
        assertEquals("RetrieveLocationUID", ElementDictionary.keywordOf(Tag.RETRIEVE_LOCATION_UID));
        assertEquals("(0040,E011)", Tag.toString(Tag.RETRIEVE_LOCATION_UID));
        for (Vr vr : Vr.values()) {
            assertEquals(vr, Vr.ofCode(vr.code()));
        }
        assertNull(Vr.ofCode(('x' << 8) | 'y'));
    }
}
