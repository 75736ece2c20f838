package org.xdsi.imaging.retrieve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.imaging.retrieve.Fixtures.JPEG;
import static org.xdsi.imaging.retrieve.Fixtures.MONO16;
import static org.xdsi.imaging.retrieve.Fixtures.MONO16_BIG_ENDIAN;
import static org.xdsi.imaging.retrieve.Fixtures.MONO16_IMPLICIT;
import static org.xdsi.imaging.retrieve.Fixtures.SERIES_JPEG;
import static org.xdsi.imaging.retrieve.RetrieveHarness.SOURCE_UID;
import static org.xdsi.imaging.retrieve.TestImages.SERIES_MONO;
import static org.xdsi.imaging.retrieve.TestImages.STUDY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xdsi.imaging.dicom.DicomFile;
import org.xdsi.imaging.dicom.DicomTools;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;
import org.xdsi.imaging.retrieve.Rad69Messages.Document_;
import org.xdsi.imaging.retrieve.Rad69Messages.Exchange;
import org.xdsi.imaging.retrieve.Rad69Messages.Ref;

/** RAD-69 over HTTP: SOAP 1.2 + WS-Addressing requests as consumers send them, MTOM answers checked to the byte. */
class Rad69OverTheWireTest {
    private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final String IMPLICIT = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();

    @TempDir
    static Path dir;
    static Fixtures fixtures;
    static RetrieveHarness harness;

    @BeforeAll
    static void start() throws Exception {
        fixtures = Fixtures.create(Files.createDirectories(dir.resolve("archive")));
        harness = new RetrieveHarness(new FolderInstanceLocator(fixtures.root), dir.resolve("tmp"));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static Ref mono(String sop) {
        return new Ref(STUDY, SERIES_MONO, sop, SOURCE_UID);
    }

    private static Map<String, Document_> bySop(Exchange x) {
        return x.documents().stream().collect(Collectors.toMap(Document_::documentUniqueId, d -> d));
    }

    @Test
    void instancesInTheirStoredSyntaxAreTheStoredBytes() throws Exception {
        Exchange x = Rad69Messages.sendMtom(harness.rad69Url(), Rad69Messages.body(
                List.of(mono(MONO16), mono(MONO16_IMPLICIT), new Ref(STUDY, SERIES_JPEG, JPEG, SOURCE_UID)),
                EXPLICIT, IMPLICIT, TransferSyntax.JPEG_BASELINE.uid()));
        x.assertMtomResponse();
        assertEquals("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success", x.status());
        assertTrue(x.errors().isEmpty());
        Map<String, Document_> docs = bySop(x);
        assertEquals(3, docs.size());
        for (Document_ d : docs.values()) {
            assertEquals("application/dicom", d.mimeType());
            assertEquals(SOURCE_UID, d.repositoryUniqueId());
        }
        assertArrayEquals(Files.readAllBytes(fixtures.mono(MONO16)), docs.get(MONO16).bytes());
        assertArrayEquals(Files.readAllBytes(fixtures.mono(MONO16_IMPLICIT)), docs.get(MONO16_IMPLICIT).bytes());
        assertArrayEquals(Files.readAllBytes(fixtures.file(SERIES_JPEG, JPEG)), docs.get(JPEG).bytes());
    }

    @Test
    void uncompressedInstancesAreTranscodedToARequestedSyntax() throws Exception {
        Exchange x = Rad69Messages.sendMtom(harness.rad69Url(), Rad69Messages.body(
                List.of(mono(MONO16), mono(MONO16_IMPLICIT), mono(MONO16_BIG_ENDIAN)), IMPLICIT));
        x.assertMtomResponse();
        Map<String, Document_> docs = bySop(x);
        assertEquals(3, docs.size());
        for (String sop : List.of(MONO16, MONO16_IMPLICIT, MONO16_BIG_ENDIAN)) {
            Path received = dir.resolve("received-" + sop + ".dcm");
            Files.write(received, docs.get(sop).bytes());
            DicomTools.Result dump = DicomTools.runOk(dir, "dcmdump", "-q", received.toString());
            assertTrue(dump.stdout().contains("=LittleEndianImplicit"), dump.stdout());
            assertTrue(dump.stderrLines("E:").isEmpty(), dump.stderr());
            DicomFile got = DicomFile.read(received);
            DicomFile stored = DicomFile.read(fixtures.mono(sop));
            assertEquals(IMPLICIT, got.transferSyntax().uid());
            assertArrayEquals(stored.dataset().getBytes(Tag.PIXEL_DATA), got.dataset().getBytes(Tag.PIXEL_DATA));
            assertEquals(sop, got.dataset().getString(Tag.SOP_INSTANCE_UID));
        }
        // transcoded straight into the answer: no copy left behind
        if (Files.isDirectory(dir.resolve("tmp"))) {
            try (var left = Files.list(dir.resolve("tmp"))) {
                assertEquals(List.of(), left.toList());
            }
        }
        // and the other way: implicit to explicit, read back by dcmdump
        Exchange y = Rad69Messages.sendMtom(harness.rad69Url(), Rad69Messages.body(List.of(mono(MONO16_IMPLICIT)),
                EXPLICIT));
        Path received = dir.resolve("received-explicit.dcm");
        Files.write(received, y.documents().get(0).bytes());
        DicomTools.Result dump = DicomTools.runOk(dir, "dcmdump", "-q", received.toString());
        assertTrue(dump.stdout().contains("=LittleEndianExplicit"), dump.stdout());
        assertTrue(dump.stdout().contains("(0008,0018) UI [" + MONO16_IMPLICIT + "]"), dump.stdout());
    }

    @Test
    void mixedRequestIsAPartialSuccessWithOneErrorPerMissingInstance() throws Exception {
        Exchange x = Rad69Messages.sendMtom(harness.rad69Url(), Rad69Messages.body(List.of(
                mono(MONO16), mono("2.25.999"), new Ref(STUDY, SERIES_MONO, MONO16_IMPLICIT, "1.2.3.4.5"),
                new Ref("2.25.1234", SERIES_MONO, MONO16, SOURCE_UID)), EXPLICIT));
        x.assertMtomResponse();
        assertEquals("urn:ihe:iti:2007:ResponseStatusType:PartialSuccess", x.status());
        assertEquals(List.of(MONO16), x.documents().stream().map(Document_::documentUniqueId).toList());
        List<Element> errors = x.errors();
        assertEquals(3, errors.size());
        assertError(errors.get(0), "XDSDocumentUniqueIdError", "2.25.999");
        assertError(errors.get(1), "XDSUnknownRepositoryId", MONO16_IMPLICIT);
        // the instance exists, but not in the study the request names
        assertError(errors.get(2), "XDSDocumentUniqueIdError", MONO16);
    }

    @Test
    void compressedInstanceWithoutItsSyntaxInTheListIsAnError() throws Exception {
        Exchange x = Rad69Messages.sendMtom(harness.rad69Url(), Rad69Messages.body(
                List.of(new Ref(STUDY, SERIES_JPEG, JPEG, SOURCE_UID)), EXPLICIT, IMPLICIT));
        x.assertMtomResponse();
        assertEquals("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure", x.status());
        assertTrue(x.documents().isEmpty());
        assertEquals(1, x.errors().size());
        assertError(x.errors().get(0), "XDSRepositoryError", JPEG);
        assertTrue(x.errors().get(0).getAttribute("codeContext").contains(TransferSyntax.JPEG_BASELINE.uid()));
    }

    @Test
    void plainSoapRequestIsRefusedWithAFaultNamingMtom() throws Exception {
        Exchange x = Rad69Messages.sendPlain(harness.rad69Url(), Rad69Messages.ACTION,
                Rad69Messages.body(List.of(mono(MONO16)), EXPLICIT));
        assertSenderFault(x, "MTOM");
    }

    @Test
    void wrongActionIsASenderFault() throws Exception {
        Exchange x = Rad69Messages.sendMtom(harness.rad69Url(), Rad69Messages.body(List.of(mono(MONO16)), EXPLICIT),
                "urn:ihe:iti:2007:RetrieveDocumentSet");
        assertSenderFault(x, "urn:ihe:rad:2009:RetrieveImagingDocumentSet");
    }

    @Test
    void anotherBodyElementIsASenderFault() throws Exception {
        Exchange x = Rad69Messages.sendMtom(harness.rad69Url(), "<xdsb:RetrieveDocumentSetRequest"
                + " xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\"><xdsb:DocumentRequest><xdsb:RepositoryUniqueId>1.2"
                + "</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>1.3</xdsb:DocumentUniqueId></xdsb:DocumentRequest>"
                + "</xdsb:RetrieveDocumentSetRequest>");
        assertSenderFault(x, "RetrieveImagingDocumentSetRequest");
    }

    @Test
    void doctypeIsRefusedWithoutExpandingEntities() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET-7f3a");
        String messageId = "urn:uuid:" + java.util.UUID.randomUUID();
        String envelope = Rad69Messages.envelope(Rad69Messages.ACTION, harness.rad69Url(), messageId,
                Rad69Messages.body(List.of(mono(MONO16)), EXPLICIT).replace(MONO16, "&xxe;"))
                .replaceFirst("\\?>", "?><!DOCTYPE e [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>");
        String boundary = "b" + java.util.UUID.randomUUID();
        String message = "--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8;"
                + " type=\"application/soap+xml\"\r\nContent-ID: <root@x>\r\n\r\n" + envelope + "\r\n--" + boundary
                + "--\r\n";
        Http.Answer a = Http.post(harness.rad69Url(), "multipart/related; boundary=\"" + boundary + "\";"
                + " type=\"application/xop+xml\"; start=\"<root@x>\"; start-info=\"application/soap+xml\"",
                message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(a.status() == 400 || a.status() == 500, a::describe);
        String text = new String(a.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("Fault"), text);
        assertTrue(!text.contains("SECRET-7f3a"), text);
        // and the service still answers
        Exchange x = Rad69Messages.sendMtom(harness.rad69Url(), Rad69Messages.body(List.of(mono(MONO16)), EXPLICIT));
        x.assertMtomResponse();
    }

    private static void assertSenderFault(Exchange x, String mention) {
        assertTrue(x.answer().status() == 400 || x.answer().status() == 500, x.answer()::describe);
        String envelope = new String(x.answer().contentType().startsWith("multipart") ? x.parts().get(0).body()
                : x.answer().body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(envelope.contains(":Sender<") || envelope.contains(":Sender "), envelope);
        assertTrue(envelope.contains(mention), envelope);
        assertTrue(!envelope.contains("Exception") && !envelope.contains("at org."), envelope);
    }

    @Test
    void wsdlIsTheContract() throws Exception {
        Http.Answer a = Http.get(harness.rad69Url() + "?wsdl");
        assertEquals(200, a.status());
        assertTrue(a.text().contains("urn:ihe:rad:2009:RetrieveImagingDocumentSet"), a.text());
    }

    private static void assertError(Element e, String code, String location) {
        assertEquals(code, e.getAttribute("errorCode"));
        assertEquals(location, e.getAttribute("location"));
        assertEquals("urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error", e.getAttribute("severity"));
        assertTrue(!e.getAttribute("codeContext").isBlank());
    }
}
