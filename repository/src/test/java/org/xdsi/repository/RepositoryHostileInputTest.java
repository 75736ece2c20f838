package org.xdsi.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.repository.testing.LogCapture;
import org.xdsi.repository.testing.Mtom;
import org.xdsi.repository.testing.Reply;
import org.xdsi.repository.testing.RepositoryHarness;
import org.xdsi.repository.testing.StoreFiles;
import org.xdsi.repository.testing.Wire;
import org.xdsi.schema.Schemas;

/**
 * Requests a repository must refuse: not MTOM, the wrong or no wsa:Action, cut-off multipart bodies, hostile XML.
 * Each is answered with a clear SOAP fault or a Failure, never a stack trace; nothing is stored or registered; and
 * the repository keeps serving.
 */
class RepositoryHostileInputTest {
    @RegisterExtension
    static final RepositoryHarness h = RepositoryHarness.perClass();

    /** An ITI-41 submission of one document for a fed patient. */
    record Case(String patientId, SubmissionBuilder submission, DocumentEntryBuilder entry, byte[] bytes) {
        String body(String href) {
            return RepositoryHarness.provideBody(submission.build(), entry.id(), href);
        }
    }

    static Case newCase(int size) {
        String pid = h.fedPatient("HOSTILE" + System.nanoTime());
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        return new Case(pid, s, RepositoryHarness.document(s, "application/pdf"),
                ProvideAndRegisterOverTheWireTest.binary(size, size));
    }

    static void assertNothingStored(Case c, StoreFiles before) {
        assertTrue(h.findDocuments(c.patientId()).isEmpty(), "FindDocuments finds nothing");
        assertEquals(0, h.registryRows(c.patientId()), "no registry rows for the patient");
        before.assertUnchanged(h.store);
    }

    /** The repository still stores and answers a well-formed request. */
    static void assertStillServing() throws Exception {
        Case c = newCase(2000);
        Reply r = h.provide(c.submission().build(), RepositoryHarness.Doc.of(c.entry(), "application/pdf", c.bytes()));
        Wire.assertProvideSuccess(r);
        assertEquals(1, h.findDocuments(c.patientId()).size());
    }

    // ------------------------------------------------------------------ not MTOM

    @Test
    void aPlainSoapRequestIsASenderFaultSayingMtomIsRequired() throws Exception {
        Case c = newCase(500);
        // the document inline as base64, which a Simple SOAP client would send
        String body = c.body("x").replace("<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"x\"/>",
                Base64.getEncoder().encodeToString(c.bytes()));
        String envelope = h.provideEnvelope(body);
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.send(envelope, "application/soap+xml; charset=UTF-8", envelope.getBytes(StandardCharsets.UTF_8));

        Wire.assertSenderFault(r, "MTOM", "application/soap+xml");
        assertNothingStored(c, before);
    }

    @Test
    void aPlainSoapRetrieveIsASenderFaultToo() throws Exception {
        String envelope = Mtom.envelope(Vocabulary.ACTION_RETRIEVE, h.url(),
                RepositoryHarness.retrieveBody(RepositoryHarness.REPOSITORY_ID, "1.2.3"));

        Reply r = h.send(envelope, "application/soap+xml; charset=UTF-8", envelope.getBytes(StandardCharsets.UTF_8));

        Wire.assertSenderFault(r, "MTOM");
    }

    // ------------------------------------------------------------------ wsa:Action

    static Reply provideWithAction(Case c, String action) throws Exception {
        String envelope = Mtom.envelope(action, h.url(), c.body("cid:doc@example.org"));
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment("doc@example.org", "application/pdf", c.bytes());
        return h.send(envelope, m.contentType(), m.build());
    }

    @Test
    void theRetrieveActionOnAProvideBodyIsASenderFaultNamingBoth() throws Exception {
        Case c = newCase(800);
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = provideWithAction(c, Vocabulary.ACTION_RETRIEVE);

        Wire.assertSenderFault(r, "'" + Vocabulary.ACTION_RETRIEVE + "'", "ProvideAndRegisterDocumentSetRequest",
                Vocabulary.ACTION_PROVIDE_AND_REGISTER);
        assertEquals("ActionNotSupported", Reply.local(r.faultSubcode()), r::everything);
        assertNothingStored(c, before);
    }

    @Test
    void theProvideActionOnARetrieveBodyIsASenderFaultNamingBoth() throws Exception {
        String envelope = Mtom.envelope(Vocabulary.ACTION_PROVIDE_AND_REGISTER, h.url(),
                RepositoryHarness.retrieveBody(RepositoryHarness.REPOSITORY_ID, "1.2.3"));
        Mtom.Builder m = new Mtom.Builder().root(envelope);

        Reply r = h.send(envelope, m.contentType(), m.build());

        Wire.assertSenderFault(r, Vocabulary.ACTION_PROVIDE_AND_REGISTER, "RetrieveDocumentSetRequest",
                "'" + Vocabulary.ACTION_RETRIEVE + "'");
    }

    @Test
    void anUnknownActionIsAFault() throws Exception {
        Case c = newCase(300);
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = provideWithAction(c, "urn:example:NotAnXdsAction");

        Wire.assertSenderFault(r, "urn:example:NotAnXdsAction");
        assertNothingStored(c, before);
    }

    @Test
    void aMissingActionIsASenderFault() throws Exception {
        Case c = newCase(300);
        String envelope = Mtom.envelope(Vocabulary.ACTION_PROVIDE_AND_REGISTER, h.url(), c.body("cid:doc@example.org"))
                .replaceAll("<a:Action[^>]*>[^<]*</a:Action>", "");
        assertFalse(envelope.contains("Action"));
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment("doc@example.org", "application/pdf", c.bytes());
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.send(envelope, m.contentType(), m.build());

        Wire.assertSenderFault(r, "wsa:Action");
        assertEquals("MessageAddressingHeaderRequired", Reply.local(r.faultSubcode()), r::everything);
        assertNothingStored(c, before);
    }

    // ------------------------------------------------------------------ truncated multipart

    static Stream<Arguments> cuts() {
        return Stream.of(
                Arguments.of("in the middle of the attachment", Cut.MIDDLE_OF_ATTACHMENT),
                Arguments.of("right after the attachment's headers", Cut.AFTER_ATTACHMENT_HEADERS),
                Arguments.of("after the attachment's bytes, before the closing boundary", Cut.BEFORE_CLOSING),
                Arguments.of("in the middle of the root part", Cut.MIDDLE_OF_ROOT),
                Arguments.of("after the root part, the attachment missing", Cut.AFTER_ROOT));
    }

    /** Where the request is cut, and the refusal expected: a fault (null) or a Failure with this error code. */
    enum Cut {
        MIDDLE_OF_ATTACHMENT("XDSRepositoryError", "closing MIME boundary"),
        AFTER_ATTACHMENT_HEADERS("XDSRepositoryError", "closing MIME boundary"),
        BEFORE_CLOSING("XDSRepositoryError", "closing MIME boundary"),
        MIDDLE_OF_ROOT(null, null),
        AFTER_ROOT("XDSMissingDocument", "doc@example.org");

        final String code;
        final String mentions;

        Cut(String code, String mentions) {
            this.code = code;
            this.mentions = mentions;
        }
    }

    /** The request cut as named; Content-Length is the truncated length, as a client that gave up would send. */
    static byte[] truncated(Case c, Mtom.Builder m, String envelope, Cut cut) {
        m.root(envelope);
        byte[] afterRoot = m.truncated(0);
        m.attachment("doc@example.org", "application/pdf", c.bytes());
        byte[] all = m.truncated(0);
        int attachmentEnd = all.length - 2; // before the part's CR LF
        int attachmentStart = attachmentEnd - c.bytes().length;
        return switch (cut) {
            case MIDDLE_OF_ATTACHMENT -> java.util.Arrays.copyOf(all, attachmentStart + c.bytes().length / 2);
            case AFTER_ATTACHMENT_HEADERS -> java.util.Arrays.copyOf(all, attachmentStart);
            case BEFORE_CLOSING -> all;
            case MIDDLE_OF_ROOT -> java.util.Arrays.copyOf(afterRoot, afterRoot.length / 2);
            case AFTER_ROOT -> afterRoot;
        };
    }

    @ParameterizedTest(name = "cut {0}")
    @MethodSource("cuts")
    void aTruncatedMultipartIsRefusedCleanlyNothingIsStoredAndTheServerKeepsServing(String name, Cut cut)
            throws Exception {
        Case c = newCase(40_000);
        String envelope = h.provideEnvelope(c.body("cid:doc@example.org"));
        Mtom.Builder m = new Mtom.Builder();
        byte[] body = truncated(c, m, envelope, cut);
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.send(envelope, m.contentType(), body);

        assertRefused(r);
        if (cut.code == null) {
            assertTrue(r.isFault(), r::everything);
        } else {
            Wire.assertMentions(Wire.assertProvideFailure(r, cut.code), cut.mentions);
        }
        assertNothingStored(c, before);
        assertStillServing();
    }

    /** A SOAP fault, or an ITI-41 Failure; never a success, never Java internals. */
    static void assertRefused(Reply r) {
        if (r.isFault()) {
            assertTrue(r.status() >= 400, r::everything);
            assertFalse(r.faultReason() == null || r.faultReason().isBlank(), r::everything);
            Wire.assertNoJavaInternals(r);
        } else {
            Wire.assertProvideAnswer(r);
            assertEquals(Vocabulary.RESPONSE_FAILURE, r.responseStatus(), r::everything);
            assertFalse(r.errors().isEmpty(), r::everything);
            r.errors().forEach(e -> Wire.assertError(e, e.getAttribute("errorCode"), r));
        }
    }

    // ------------------------------------------------------------------ a client that goes away mid-upload

    /** Where the upload stops: bytes of the whole request that the client sends before it goes away. */
    enum Stop {
        IN_THE_SOAP_PART, IN_THE_ATTACHMENT, BEFORE_THE_CLOSING_BOUNDARY;

        int sent(byte[] all, int attachmentSize) {
            return switch (this) {
                case IN_THE_SOAP_PART -> 700;
                case IN_THE_ATTACHMENT -> all.length - attachmentSize / 2;
                case BEFORE_THE_CLOSING_BOUNDARY -> all.length - 10;
            };
        }
    }

    static Stream<Arguments> goneMidUpload() {
        return Stream.of(Stop.values()).flatMap(stop -> Stream.of(Arguments.of(stop, true), Arguments.of(stop, false)));
    }

    /**
     * A raw client that announces the whole request (Content-Length), sends part of it and goes away: it either
     * stops sending but still listens ({@code listens}, a half-closed socket), or closes the socket at once.
     */
    @ParameterizedTest(name = "stops {0}, still listening: {1}")
    @MethodSource("goneMidUpload")
    void aClientThatGoesAwayMidUploadLeavesNothingAndNoStackTrace(Stop stop, boolean listens) throws Exception {
        Case c = newCase(400_000); // larger than what CXF keeps in memory: the attachment spills to a file
        String envelope = h.provideEnvelope(c.body("cid:doc@example.org"));
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment("doc@example.org", "application/pdf", c.bytes());
        byte[] all = m.build();
        StoreFiles before = StoreFiles.of(h.store);
        URI url = URI.create(h.url());

        String answer = null;
        try (LogCapture log = LogCapture.start()) {
            try (Socket s = new Socket(url.getHost(), url.getPort())) {
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                        + "\r\nContent-Type: " + m.contentType() + "\r\nContent-Length: " + all.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(all, 0, stop.sent(all, c.bytes().length));
                out.flush();
                if (listens) {
                    s.shutdownOutput(); // EOF long before Content-Length
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    s.getInputStream().transferTo(got);
                    answer = got.toString(StandardCharsets.ISO_8859_1);
                }
            }
            assertTrue(log.await("connection was closed or broke off", 20_000), () -> "the server noticed: "
                    + log.events().stream().map(e -> e.getFormattedMessage()).toList());
            assertEquals(List.of(), log.warningsWithStackTraces(), "no stack trace for a client that left");
        }

        if (listens) { // a response can still be written: a SOAP fault saying what happened, no internals
            assertTrue(answer.startsWith("HTTP/1.1 500") || answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("Fault") && answer.contains("Sender"), answer);
            assertTrue(answer.contains("the request body could not be read to its end: the connection was closed or"
                    + " broke off"), answer);
            assertFalse(answer.contains(Vocabulary.RESPONSE_SUCCESS), answer);
            assertFalse(answer.matches("(?s).*\\bat (org|java)\\..*") || answer.matches("(?s).*\\w+Exception\\b.*"),
                    answer);
        }
        assertNothingStored(c, before);
        assertEquals(0, StoreFiles.of(h.store).staged(), "staging is empty");
        assertNoSpilledAttachments();
        assertStillServing();
    }

    static void assertNoSpilledAttachments() throws Exception {
        Path spill = h.store.resolve("mime-spill");
        if (Files.isDirectory(spill)) {
            try (Stream<Path> files = Files.list(spill)) {
                assertEquals(List.of(), files.toList(), "CXF's temporary attachment files are gone");
            }
        }
    }

    // ------------------------------------------------------------------ hostile or broken XML

    @Test
    void aDoctypeWithAnEntityIsRefusedAndNothingIsStored() throws Exception {
        Case c = newCase(300);
        String envelope = h.provideEnvelope(c.body("cid:doc@example.org").replace("<xdsb:Document id=",
                "<xdsb:Document title=\"&xxe;\" id="));
        envelope = envelope.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM "
                        + "\"file:///etc/passwd\">]>");
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment("doc@example.org", "application/pdf", c.bytes());
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.send(envelope, m.contentType(), m.build());

        assertTrue(r.isFault(), r::everything);
        assertTrue(r.status() >= 400, r::everything);
        assertFalse(r.everything().contains("root:"), "no file content leaks");
        Wire.assertNoJavaInternals(r);
        assertNothingStored(c, before);
    }

    @Test
    void aRootPartThatIsNotXmlIsAFault() throws Exception {
        Mtom.Builder m = new Mtom.Builder().root("this is not XML at all");

        Reply r = h.send(null, m.contentType(), m.build());

        assertTrue(r.isFault(), r::everything);
        assertTrue(r.status() >= 400, r::everything);
        Wire.assertNoJavaInternals(r);
    }

    @Test
    void aBodyElementTheRepositoryDoesNotServeIsASenderFaultSayingWhatItServes() throws Exception {
        String envelope = Mtom.envelope(Vocabulary.ACTION_PROVIDE_AND_REGISTER, h.url(),
                "<lcm:SubmitObjectsRequest xmlns:lcm=\"" + Schemas.NS_LCM + "\"/>");
        Mtom.Builder m = new Mtom.Builder().root(envelope);

        Reply r = h.send(envelope, m.contentType(), m.build());

        Wire.assertSenderFault(r, "SubmitObjectsRequest", "ProvideAndRegisterDocumentSetRequest",
                "RetrieveDocumentSetRequest");
    }

    @Test
    void aBoundaryThatNeverAppearsIsRefused() throws Exception {
        Case c = newCase(300);
        String envelope = h.provideEnvelope(c.body("cid:doc@example.org"));
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment("doc@example.org", "application/pdf", c.bytes());
        String wrongBoundary = m.contentType().replace(m.boundary(), "NotTheBoundaryUsed");
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.send(envelope, wrongBoundary, m.build());

        assertTrue(r.status() >= 400, r::everything);
        assertFalse(r.everything().matches("(?s).*\\bat (org|java)\\..*"), r::everything);
        assertNothingStored(c, before);
    }

    @Test
    void anEmptyRequestIsRefused() throws Exception {
        Reply r = h.send(null, new Mtom.Builder().contentType(), new byte[0]);

        assertTrue(r.status() >= 400, r::everything);
        assertFalse(r.everything().matches("(?s).*\\bat (org|java)\\..*"), r::everything);
        assertFalse(r.everything().matches("(?s).*\\w+Exception\\b.*"), r::everything);
    }
}
