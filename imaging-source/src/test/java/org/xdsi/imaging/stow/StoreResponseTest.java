package org.xdsi.imaging.stow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The DICOM JSON store response: written, read back, and read as other servers write it. */
class StoreResponseTest {

    @Test
    void roundTripsThroughJson() {
        StoreResponse r = new StoreResponse("http://h/dicomweb/studies/1.2",
                List.of(new StoreResponse.Referenced("1.2.840.10008.5.1.4.1.1.7", "1.2.3", "http://h/x", null),
                        new StoreResponse.Referenced("1.2.840.10008.5.1.4.1.1.7", "1.2.4", "http://h/y",
                                StoreResponse.ALREADY_STORED)),
                List.of(new StoreResponse.Failed(null, null, 0xC000, "not \"DICOM\"\\ at\nall"),
                        new StoreResponse.Failed("1.2.840.10008.5.1.4.1.1.7", "1.2.5", 0xA900, null)));

        StoreResponse back = StoreResponse.parse(r.toJson());

        assertEquals(r.retrieveUrl(), back.retrieveUrl());
        assertEquals(r.referenced(), back.referenced());
        assertFalse(back.referenced().get(0).alreadyStored());
        assertTrue(back.referenced().get(1).alreadyStored());
        assertEquals("not \"DICOM\" at all", back.failed().get(0).comment(), "one line, no value separator");
        assertEquals(r.failed().get(1), back.failed().get(1));
        assertEquals(202, r.httpStatus());
    }

    @Test
    void statusFollowsTheOutcome() {
        StoreResponse.Referenced ok = new StoreResponse.Referenced("1.2", "1.3", null, null);
        StoreResponse.Failed bad = new StoreResponse.Failed(null, null, 0xC000, null);
        assertEquals(200, new StoreResponse(null, List.of(ok), List.of()).httpStatus());
        assertEquals(202, new StoreResponse(null, List.of(ok), List.of(bad)).httpStatus());
        assertEquals(409, new StoreResponse(null, List.of(), List.of(bad)).httpStatus());
        assertEquals("{}", new StoreResponse(null, List.of(), List.of()).toJson());
    }

    @Test
    void readsAnotherServersResponse() {
        String json = """
                {
                  "00081190": {"vr": "UR", "Value": ["https://pacs/studies/1.2.3"]},
                  "00081199": {"vr": "SQ", "Value": [
                    {"00081150": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.2"]},
                     "00081155": {"vr": "UI", "Value": ["1.2.3.4"]},
                     "00081190": {"vr": "UR", "Value": ["https://pacs/studies/1.2.3/series/1.2.3.9/instances/1.2.3.4"]},
                     "00081196": {"vr": "US", "Value": [45056]}}
                  ]},
                  "00081198": {"vr": "SQ", "Value": [
                    {"00081155": {"vr": "UI", "Value": ["1.2.3.5"]}, "00081197": {"vr": "US", "Value": [42752]}},
                    {"00081197": {"vr": "US"}}
                  ]},
                  "7FE00010": {"vr": "OB", "InlineBinary": "AAAA"}, "x": [true, false, null, -1.5e3, "\\u00e9"]
                }""";
        StoreResponse r = StoreResponse.parse(json);
        assertEquals("https://pacs/studies/1.2.3", r.retrieveUrl());
        assertEquals(1, r.referenced().size());
        assertEquals(0xB000, r.referenced().get(0).warningReason());
        assertFalse(r.referenced().get(0).alreadyStored());
        assertEquals(0xA700, r.failed().get(0).failureReason());
        assertNull(r.failed().get(0).sopClassUid());
        assertEquals(0x0110, r.failed().get(1).failureReason(), "no reason given: processing failure");
        assertEquals("refused: out of resources", StoreResponse.describeFailure(0xA700));
    }

    @Test
    void rejectsWhatIsNotAStoreResponse() {
        assertThrows(IllegalArgumentException.class, () -> StoreResponse.parse("<html>404</html>"));
        assertThrows(IllegalArgumentException.class, () -> StoreResponse.parse("[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> StoreResponse.parse("{\"a\": [1, 2}"));
        assertThrows(IllegalArgumentException.class, () -> StoreResponse.parse("[".repeat(10_000)));
        assertEquals(List.of(), StoreResponse.parse("{}").referenced());
    }
}
