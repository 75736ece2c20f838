package org.xdsi.registry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xdsi.schema.Schemas;

class EbrimCodecTest {
    private static final String ENTRY = "<rim:ExtrinsicObject mimeType=\"application/dicom\" lid=\"urn:uuid:1\""
            + " objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\" id=\"urn:uuid:1\" xmlns:rim=\""
            + Schemas.NS_RIM + "\"><rim:Slot name=\"creationTime\"><rim:ValueList><rim:Value>20240101120000"
            + "</rim:Value></rim:ValueList></rim:Slot><rim:Classification"
            + " classificationScheme=\"urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a\" classifiedObject=\"urn:uuid:1\""
            + " nodeRepresentation=\"18748-4\" objectType=\"urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:"
            + "Classification\" id=\"urn:uuid:2\"><rim:Slot name=\"codingScheme\"><rim:ValueList><rim:Value>"
            + "2.16.840.1.113883.6.1</rim:Value></rim:ValueList></rim:Slot><rim:Name><rim:LocalizedString"
            + " value=\"Diagnostic imaging study — Größe ✓\"/></rim:Name></rim:Classification></rim:ExtrinsicObject>";

    @Test
    void roundTripsTextWithNonAsciiCharacters() {
        assertEquals(ENTRY, EbrimCodec.decode(EbrimCodec.encode(ENTRY)));
    }

    @Test
    void storesBoilerplateInAFractionOfItsSize() {
        byte[] stored = EbrimCodec.encode(ENTRY);
        assertTrue(stored.length * 3 < ENTRY.length(), stored.length + " bytes for " + ENTRY.length() + " chars");
    }

    @Test
    void roundTripsObjectsLargerThanAnyBuffer() {
        StringBuilder big = new StringBuilder("<rim:RegistryPackage xmlns:rim=\"" + Schemas.NS_RIM + "\">");
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        while (big.length() < 300_000) {
            big.append("<rim:Slot name=\"s").append(r.nextInt()).append("\"/>");
        }
        String xml = big.append("</rim:RegistryPackage>").toString();
        assertEquals(xml, EbrimCodec.decode(EbrimCodec.encode(xml)));
        assertEquals("", EbrimCodec.decode(EbrimCodec.encode("")));
    }

    @Test
    void refusesUnknownFormatsAndTruncatedValues() {
        byte[] stored = EbrimCodec.encode(ENTRY);
        byte[] otherFormat = stored.clone();
        otherFormat[0] = 9;
        assertThrows(IllegalStateException.class, () -> EbrimCodec.decode(otherFormat));
        assertThrows(IllegalStateException.class, () -> EbrimCodec.decode(new byte[0]));
        assertThrows(IllegalStateException.class,
                () -> EbrimCodec.decode(Arrays.copyOf(stored, stored.length / 2)));
    }
}
