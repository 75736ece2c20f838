package org.xdsi.registry.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.registry.testing.Queries;
import org.xdsi.registry.testing.RegistryHarness;
import org.xdsi.registry.testing.SoapClient;

/** What an attacker or a broken client sends: every case gets a clean answer, nothing is stored, no hang. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    RegistryHarness h;
    String pid;

    @BeforeAll
    void start() {
        h = RegistryHarness.start("h2");
        pid = h.fedPatient("HOSTILE1");
    }

    @AfterAll
    void stop() {
        h.close();
    }

    private String submissionXml() {
        SubmissionBuilder s = RegistryHarness.submission(pid);
        RegistryHarness.document(s);
        return RegistryHarness.xml(s.build());
    }

    private void assertCleanSenderFault(SoapClient.Response r) {
        assertTrue(r.status() >= 400 && r.status() < 600, "HTTP status " + r.status());
        assertTrue(r.isFault(), r.body());
        assertTrue(r.faultCode().endsWith("Sender"), "Sender fault: " + r.body());
        assertFalse(r.body().contains("\tat ") || r.body().contains("at org.") || r.body().contains("Exception:"),
                "no stack trace: " + r.body());
    }

    private void assertNothingStored() {
        SoapClient.Response q = h.soap.call(Vocabulary.ACTION_STORED_QUERY,
                Queries.findDocuments(pid, "ObjectRef", Queries.APPROVED, Queries.DEPRECATED));
        assertEquals(0, q.document().getElementsByTagNameNS("urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0", "ObjectRef").getLength(),
                q.body());
    }

    @Test
    void externalEntityIsRefused(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOPSECRET");
        String body = SoapClient.envelope(Vocabulary.ACTION_REGISTER, "urn:uuid:1", submissionXml()
                .replace("Some Hospital", "&xxe;"));
        String payload = "<?xml version=\"1.0\"?><!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>" + body.substring(body.indexOf("<soap:Envelope"));
        SoapClient.Response r = h.soap.post(payload, "application/soap+xml; charset=UTF-8", "urn:uuid:1");
        assertCleanSenderFault(r);
        assertFalse(r.body().contains("TOPSECRET"));
        assertNothingStored();
    }

    @Test
    void entityExpansionBombIsRefusedQuickly() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE soap:Envelope [<!ENTITY lol \"lol\">");
        String prev = "lol";
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append('&').append(prev).append(';');
            }
            dtd.append("\">");
            prev = "lol" + i;
        }
        dtd.append("]>");
        String body = SoapClient.envelope(Vocabulary.ACTION_STORED_QUERY, "urn:uuid:2",
                Queries.findDocuments("&" + prev + ";", "ObjectRef"));
        String payload = "<?xml version=\"1.0\"?>" + dtd + body.substring(body.indexOf("<soap:Envelope"));
        SoapClient.Response r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> h.soap.post(payload, "application/soap+xml; charset=UTF-8", "urn:uuid:2"));
        assertCleanSenderFault(r);
    }

    @Test
    void nonXmlBodyIsASenderFault() {
        SoapClient.Response r = h.soap.post("this is not XML at all {\"json\": true}",
                "application/soap+xml; charset=UTF-8", "urn:uuid:3");
        assertCleanSenderFault(r);
    }

    @Test
    void truncatedXmlIsASenderFault() {
        String whole = SoapClient.envelope(Vocabulary.ACTION_REGISTER, "urn:uuid:4", submissionXml());
        SoapClient.Response r = h.soap.post(whole.substring(0, whole.length() / 2),
                "application/soap+xml; charset=UTF-8", "urn:uuid:4");
        assertCleanSenderFault(r);
        assertNothingStored();
    }

    Stream<Arguments> unreadableBodies() {
        String whole = SoapClient.envelope(Vocabulary.ACTION_REGISTER, "urn:uuid:6", submissionXml());
        byte[] badUtf8 = whole.replace("Some Hospital", "Some XHospital").getBytes(StandardCharsets.UTF_8);
        int x = new String(badUtf8, StandardCharsets.ISO_8859_1).indexOf("XHospital");
        badUtf8[x] = (byte) 0xC3; // a two-byte sequence whose second byte is no continuation byte
        return Stream.of(
                Arguments.of("a stray '<'", bytes(whole.replace("<rim:RegistryObjectList>",
                        "<rim:RegistryObjectList><<")), "is not well-formed XML at line 1, column "),
                Arguments.of("a close tag that does not match", bytes(whole.replace("</rim:RegistryObjectList>", "")),
                        "is not well-formed XML at line 1, column "),
                Arguments.of("cut in the middle", bytes(whole.substring(0, whole.length() / 2)),
                        "ended before its XML was complete at line 1, column "),
                Arguments.of("an undeclared prefix", bytes(whole.replace("<rim:RegistryObjectList>",
                        "<rim:RegistryObjectList><foo:bar/>")), "undeclared namespace prefix 'foo' at line 1"),
                Arguments.of("a DOCTYPE", bytes("<?xml version=\"1.0\"?><!DOCTYPE soap:Envelope [<!ENTITY x \"y\">]>"
                        + whole.substring(whole.indexOf("<soap:Envelope"))), "DOCTYPE is not allowed"),
                Arguments.of("no XML at all", bytes("this is not XML"), "is not well-formed XML at line 1, column 1"),
                Arguments.of("invalid UTF-8", badUtf8, "is not correctly encoded text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void anUnreadableBodyIsASenderFaultSayingWhatAndWhereInPlainWords(String name, byte[] payload, String says) {
        SoapClient.Response r = h.soap.post(HttpRequest.BodyPublishers.ofByteArray(payload),
                "application/soap+xml; charset=UTF-8", "urn:uuid:6");
        assertCleanSenderFault(r);
        String reason = r.faultReason();
        assertTrue(reason.contains(says), () -> "'" + reason + "' should say '" + says + "'");
        for (String internal : List.of("Exception", "XMLStreamReader", "wstx", "Woodstox", "(code ", "[row,col",
                "\n", "javax.", "com.ctc")) {
            assertFalse(reason.contains(internal), () -> "parser internals ('" + internal + "') in: " + reason);
        }
        assertNothingStored();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fiftyMegabyteMetadataIsRefused() {
        String head = SoapClient.envelope(Vocabulary.ACTION_REGISTER, "urn:uuid:5", submissionXml());
        int cut = head.indexOf("</rim:RegistryObjectList>");
        assertTrue(cut > 0, head);
        StringBuilder padding = new StringBuilder(50 * 1024 * 1024 + 1024);
        String slot = "<rim:ExtrinsicObject id=\"pad%d\" mimeType=\"text/plain\" objectType=\"" + Vocabulary.STABLE_DOCUMENT
                + "\"><rim:Slot name=\"urn:example:pad\"><rim:ValueList><rim:Value>" + "x".repeat(200)
                + "</rim:Value></rim:ValueList></rim:Slot></rim:ExtrinsicObject>";
        for (int i = 0; padding.length() < 50 * 1024 * 1024; i++) {
            padding.append(String.format(slot, i));
        }
        String payload = head.substring(0, cut) + padding + head.substring(cut);
        SoapClient.Response r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> h.soap.post(HttpRequest.BodyPublishers.ofString(payload), "application/soap+xml; charset=UTF-8", "urn:uuid:5"));
        assertTrue(r.isFault() || r.status() == 413, "refused: " + r.status() + " " + r.body());
        if (r.isFault()) {
            assertTrue(r.faultReason().contains("limit"), r.faultReason());
        }
        assertNothingStored();
    }

    @Test
    void sqlMetacharactersInQueryParametersAreHarmless() {
        for (String evil : List.of("x' OR '1'='1", "x'; DROP TABLE document_entry; --", "%", "_", "\\", "x\"--")) {
            String quoted = "'" + evil.replace("'", "''") + "'";
            for (Map.Entry<String, String> slot : List.of(
                    Map.entry("$XDSDocumentEntryPatientId", quoted),
                    Map.entry("$XDSDocumentEntryClassCode", "(" + quoted + ")"),
                    Map.entry("$XDSDocumentEntryAuthorPerson", "(" + quoted + ")"),
                    Map.entry("$XDSDocumentEntryEventCodeList", "(" + quoted + ")"),
                    Map.entry("$XDSDocumentEntryCreationTimeFrom", evil))) {
                List<Map.Entry<String, String>> slots = new java.util.ArrayList<>(List.of(
                        Map.entry("$XDSDocumentEntryPatientId", "'" + pid + "'"),
                        Map.entry("$XDSDocumentEntryStatus", "('" + Queries.APPROVED + "')")));
                slots.removeIf(s -> s.getKey().equals(slot.getKey()));
                slots.add(slot);
                SoapClient.Response r = h.soap.call(Vocabulary.ACTION_STORED_QUERY,
                        Queries.adhoc(Queries.FIND_DOCUMENTS, "ObjectRef", slots));
                assertFalse(r.isFault(), r.body());
                Element response = r.bodyElement();
                assertEquals("AdhocQueryResponse", response.getLocalName());
                assertFalse(r.body().contains("SQL"), "no database internals: " + r.body());
            }
        }
        // the table is still there and still answers
        SubmissionBuilder s = RegistryHarness.submission(h.fedPatient("HOSTILE2"));
        RegistryHarness.document(s);
        SoapClient.Response ok = h.soap.call(Vocabulary.ACTION_REGISTER, RegistryHarness.xml(s.build()));
        assertEquals(Vocabulary.RESPONSE_SUCCESS, ok.bodyElement().getAttribute("status"), ok.body());
    }
}
