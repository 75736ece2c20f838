package org.xdsi.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.repository.testing.RepositoryHarness.REPOSITORY_ID;
import static org.xdsi.repository.testing.RepositoryHarness.slot;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.repository.testing.Mtom;
import org.xdsi.repository.testing.Reply;
import org.xdsi.repository.testing.RepositoryHarness;
import org.xdsi.repository.testing.StoreFiles;
import org.xdsi.repository.testing.Wire;

/**
 * MTOM/XOP as other vendors' clients actually write it: chunked bodies, Content-Type parameters in any order and
 * unquoted, cid: references encoded or not, Content-IDs with characters that URL decoding mangles, attachments with
 * their own Content-Type, documents large enough to spill to disk. Each must be stored byte for byte.
 */
class MtomQuirksTest {
    @RegisterExtension
    static final RepositoryHarness h = RepositoryHarness.perClass();

    /** One document of one submission, ready to be written in whatever way a test likes. */
    record Case(String patientId, SubmissionBuilder submission, DocumentEntryBuilder entry, byte[] bytes) {
        String envelope(String href) {
            return h.provideEnvelope(RepositoryHarness.provideBody(submission.build(), entry.id(), href));
        }
    }

    static Case newCase(String mimeType, byte[] bytes) {
        String pid = h.fedPatient("MTOM" + System.nanoTime());
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        return new Case(pid, s, RepositoryHarness.document(s, mimeType), bytes);
    }

    /** Success, the entry registered with the bytes' hash and size, the bytes retrievable with the mimeType. */
    static void assertStored(Reply r, Case c, String mimeType) throws Exception {
        Wire.assertProvideSuccess(r);
        var entries = h.getDocuments(c.entry().uniqueIdValue());
        assertEquals(1, entries.size());
        assertEquals(Wire.sha1(c.bytes()), slot(entries.get(0), Vocabulary.SLOT_HASH));
        assertEquals(Long.toString(c.bytes().length), slot(entries.get(0), Vocabulary.SLOT_SIZE));
        Reply rr = h.retrieve(REPOSITORY_ID, c.entry().uniqueIdValue());
        Wire.assertRetrieveAnswer(rr);
        Element d = rr.documentResponses().get(0);
        assertEquals(mimeType, Reply.child(d, "mimeType"));
        assertArrayEquals(c.bytes(), rr.documentPart(d).body());
    }

    // ------------------------------------------------------------------ HTTP framing

    @Test
    void aChunkedRequestIsStoredAndAChunkedRetrieveAnswers() throws Exception {
        Case c = newCase("application/pdf", ProvideAndRegisterOverTheWireTest.binary(50_000, 11));
        String envelope = c.envelope("cid:chunked@example.org");
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment("chunked@example.org", "application/pdf",
                c.bytes());

        Reply r = new Reply(Mtom.messageId(envelope), Mtom.postChunked(h.url(), m.contentType(), m.build()));

        Wire.assertProvideSuccess(r);
        String retrieve = Mtom.envelope(Vocabulary.ACTION_RETRIEVE, h.url(),
                RepositoryHarness.retrieveBody(REPOSITORY_ID, c.entry().uniqueIdValue()));
        Mtom.Builder q = new Mtom.Builder().root(retrieve);
        Reply rr = new Reply(Mtom.messageId(retrieve), Mtom.postChunked(h.url(), q.contentType(), q.build()));
        Wire.assertRetrieveAnswer(rr);
        assertArrayEquals(c.bytes(), rr.documentPart(rr.documentResponses().get(0)).body());
    }

    @Test
    void theWsdlIsStillServedOverAPlainGet() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.url() + "?wsdl")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("DocumentRepository"), r.body());
        assertTrue(r.body().contains("definitions"), r.body());
    }

    static Stream<Arguments> contentTypes() {
        Map<String, BiFunction<String, String, String>> variants = new LinkedHashMap<>();
        variants.put("parameters reversed, quoted", (b, root) -> "multipart/related; start-info=\"application/soap+xml\";"
                + " start=\"<" + root + ">\"; type=\"application/xop+xml\"; boundary=\"" + b + "\"");
        variants.put("no quotes at all", (b, root) -> "multipart/related;start-info=application/soap+xml;start=<" + root
                + ">;type=application/xop+xml;boundary=" + b);
        variants.put("start before boundary, start-info unquoted", (b, root) -> "multipart/related; start=\"<" + root
                + ">\"; start-info=application/soap+xml; boundary=" + b + "; type=\"application/xop+xml\"");
        variants.put("no start: the root is the first part", (b, root) -> "multipart/related; type=\"application/xop+xml\";"
                + " boundary=\"" + b + "\"; start-info=\"application/soap+xml\"");
        variants.put("mixed case names", (b, root) -> "Multipart/Related; Type=\"application/xop+xml\"; Boundary=\"" + b
                + "\"; Start=\"<" + root + ">\"; Start-Info=\"application/soap+xml\"");
        variants.put("with an action parameter", (b, root) -> "multipart/related; type=\"application/xop+xml\"; boundary=\""
                + b + "\"; start=\"<" + root + ">\"; start-info=\"application/soap+xml\"; action=\""
                + Vocabulary.ACTION_PROVIDE_AND_REGISTER + "\"");
        return variants.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentTypes")
    void contentTypeParametersInAnyOrderQuotedOrNot(String name, BiFunction<String, String, String> contentType)
            throws Exception {
        Case c = newCase("text/plain", ("written with " + name).getBytes(StandardCharsets.UTF_8));
        String envelope = c.envelope("cid:doc@example.org");
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment("doc@example.org", "text/plain", c.bytes());

        Reply r = h.send(envelope, contentType.apply(m.boundary(), m.rootId()), m.build());

        assertStored(r, c, "text/plain");
    }

    @Test
    void aJavaMailStyleBoundaryWithEqualsSignsAndDots() throws Exception {
        Case c = newCase("text/plain", "boundary with = and .".getBytes(StandardCharsets.UTF_8));
        String envelope = c.envelope("cid:doc@example.org");
        String boundary = "----=_Part_0_1613376374.1700000000000";
        String rootId = "root.part@example.org";
        byte[] body = ProvideAndRegisterOverTheWireTest.concat(
                ("--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\""
                        + "\r\nContent-ID: <" + rootId + ">\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                envelope.getBytes(StandardCharsets.UTF_8),
                ("\r\n--" + boundary + "\r\nContent-Type: text/plain\r\nContent-ID: <doc@example.org>\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8),
                c.bytes(), ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String type = "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary + "\"; start=\"<"
                + rootId + ">\"; start-info=\"application/soap+xml\"";

        assertStored(h.send(envelope, type, body), c, "text/plain");
    }

    // ------------------------------------------------------------------ cid: references and Content-IDs

    enum Href {
        /** The Content-ID as it is, what many clients send. */
        RAW {
            String of(String contentId) {
                return "cid:" + contentId;
            }
        },
        /** RFC 2392: every character outside the URL-safe set percent-encoded. */
        ENCODED {
            String of(String contentId) {
                return "cid:" + URLEncoder.encode(contentId, StandardCharsets.UTF_8).replace("+", "%20");
            }
        },
        /** CXF's own clients: only '@' and ':' encoded. */
        CXF {
            String of(String contentId) {
                return "cid:" + contentId.replace("%", "%25").replace("@", "%40").replace(":", "%3A");
            }
        };

        abstract String of(String contentId);
    }

    static Stream<Arguments> contentIds() {
        String[] ids = {
            "1.doc@example.org",
            "a+b@example.org",
            "key=value@example.org",
            "dir/sub/part@example.org",
            "a%20b@example.org",
            "all+of=them/%41@example.org",
            "urn:uuid:7b3c1f0e-0a4f-4b8e-9b1e-3f1a2c9d8e7f",
        };
        return Stream.of(ids).flatMap(id -> Stream.of(Href.values()).map(href -> Arguments.of(id, href)));
    }

    @ParameterizedTest(name = "Content-ID <{0}>, href {1}")
    @MethodSource("contentIds")
    void contentIdsWithOddCharactersAndHrefsEncodedOrNot(String contentId, Href href) throws Exception {
        Case c = newCase("text/plain", ("Content-ID " + contentId + " " + href).getBytes(StandardCharsets.UTF_8));
        String envelope = c.envelope(href.of(contentId));
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment(contentId, "text/plain", c.bytes());

        assertStored(h.send(envelope, m.contentType(), m.build()), c, "text/plain");
    }

    /**
     * A '%' not followed by two hex digits is legal in a Content-ID (RFC 5322 atext). The repository compares the
     * Content-ID as sent (CXF's own parser URL-decoded it and failed), so such a part is found and stored.
     */
    @Test
    void aContentIdWithABarePercentSignIsStored() throws Exception {
        Case c = newCase("text/plain", "50% off".getBytes(StandardCharsets.UTF_8));
        String envelope = c.envelope(Href.ENCODED.of("50%off@example.org"));
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment("50%off@example.org", "text/plain", c.bytes());

        assertStored(h.send(envelope, m.contentType(), m.build()), c, "text/plain");
    }

    // ------------------------------------------------------------------ the attachments' own headers

    static Stream<Arguments> attachmentTypes() {
        return Stream.of(
                Arguments.of("application/pdf", "application/pdf"),
                Arguments.of("application/dicom", "application/dicom"),
                Arguments.of("application/dicom", "application/octet-stream"),
                Arguments.of("application/pdf", "application/pdf; name=\"report.pdf\""),
                Arguments.of("text/xml", "text/xml; charset=ISO-8859-1"));
    }

    @ParameterizedTest(name = "entry {0}, part {1}")
    @MethodSource("attachmentTypes")
    void theEntrysMimeTypeIsStoredWhateverContentTypeThePartCarries(String mimeType, String partType)
            throws Exception {
        Case c = newCase(mimeType, ProvideAndRegisterOverTheWireTest.binary(2048, partType.hashCode()));
        String envelope = c.envelope("cid:part@example.org");
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment("part@example.org", partType, c.bytes());

        assertStored(h.send(envelope, m.contentType(), m.build()), c, mimeType);
    }

    @Test
    void anAttachmentWithoutContentTransferEncodingAndWithExtraHeaders() throws Exception {
        Case c = newCase("application/pdf", ProvideAndRegisterOverTheWireTest.binary(4096, 5));
        String envelope = c.envelope("cid:extra@example.org");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Id", "<extra@example.org>");
        headers.put("Content-Type", "application/pdf");
        headers.put("Content-Disposition", "attachment; filename=\"report.pdf\"");
        headers.put("Content-Description", "a report");
        Mtom.Builder m = new Mtom.Builder().root(envelope).part(headers, c.bytes());

        assertStored(h.send(envelope, m.contentType(), m.build()), c, "application/pdf");
    }

    @Test
    void aDocumentLargerThanTheInMemoryThresholdRoundTripsAndLeavesNoSpillFile() throws Exception {
        Case c = newCase("application/dicom", ProvideAndRegisterOverTheWireTest.binary(3 * 1024 * 1024 + 17, 99));
        StoreFiles before = StoreFiles.of(h.store);

        assertStored(h.provide(c.submission().build(),
                RepositoryHarness.Doc.of(c.entry(), "application/dicom", c.bytes())), c, "application/dicom");

        StoreFiles after = StoreFiles.of(h.store);
        assertEquals(before.documents() + 1, after.documents());
        assertEquals(0, after.staged());
        Path spill = h.store.resolve("mime-spill");
        if (Files.isDirectory(spill)) {
            try (Stream<Path> left = Files.list(spill)) {
                assertTrue(left.findAny().isEmpty(), "CXF's spill files are removed after the request");
            }
        }
    }

    @Test
    void documentsWhosePartsComeInAnotherOrderThanTheirReferencesAreStoredAndNoSpillFileStays() throws Exception {
        String pid = h.fedPatient("MTOM" + System.nanoTime());
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder small = RepositoryHarness.document(s, "text/plain");
        DocumentEntryBuilder large = RepositoryHarness.document(s, "application/dicom");
        byte[] smallBytes = "referenced first, sent last".getBytes(StandardCharsets.UTF_8);
        byte[] largeBytes = ProvideAndRegisterOverTheWireTest.binary(2 * 1024 * 1024 + 5, 17);
        String envelope = h.provideEnvelope(RepositoryHarness.provideBody(s.build(), small.id(), "cid:small@example.org",
                large.id(), "cid:large@example.org"));
        // the large part comes first but is referenced second: it is read past, so it is kept aside until read
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment("large@example.org", "application/dicom",
                largeBytes).attachment("small@example.org", "text/plain", smallBytes);

        Wire.assertProvideSuccess(h.send(envelope, m.contentType(), m.build()));

        for (var d : new Object[][] {{small, smallBytes, "text/plain"}, {large, largeBytes, "application/dicom"}}) {
            Reply rr = h.retrieve(REPOSITORY_ID, ((DocumentEntryBuilder) d[0]).uniqueIdValue());
            Wire.assertRetrieveAnswer(rr);
            Element doc = rr.documentResponses().get(0);
            assertEquals(d[2], Reply.child(doc, "mimeType"));
            assertArrayEquals((byte[]) d[1], rr.documentPart(doc).body());
        }
        try (Stream<Path> left = Files.list(h.store.resolve("mime-spill"))) {
            assertTrue(left.findAny().isEmpty(), "spill files are removed after the request");
        }
    }

    @Test
    void aBase64EncodedAttachmentIsStoredDecoded() throws Exception {
        Case c = newCase("application/pdf", ProvideAndRegisterOverTheWireTest.binary(10_000, 23));
        String envelope = c.envelope("cid:b64@example.org");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/pdf");
        headers.put("Content-Transfer-Encoding", "base64");
        headers.put("Content-ID", "<b64@example.org>");
        Mtom.Builder m = new Mtom.Builder().root(envelope).part(headers,
                java.util.Base64.getMimeEncoder().encode(c.bytes()));

        assertStored(h.send(envelope, m.contentType(), m.build()), c, "application/pdf");
    }

    @Test
    void aRequestWithMoreMimePartsThanAllowedIsAFailureSayingSo() throws Exception {
        Case c = newCase("text/plain", "one document".getBytes(StandardCharsets.UTF_8));
        String envelope = c.envelope("cid:doc@example.org");
        Mtom.Builder m = new Mtom.Builder().root(envelope).attachment("doc@example.org", "text/plain", c.bytes());
        for (int i = 0; i < 60; i++) {
            m.attachment("extra" + i + "@example.org", "text/plain", new byte[] {'x'});
        }
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.send(envelope, m.contentType(), m.build());

        Wire.assertProvideAnswer(r);
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.responseStatus(), r::everything);
        assertTrue(r.everything().contains("more than 50 MIME parts"), r::everything);
        assertTrue(h.findDocuments(c.patientId()).isEmpty());
        before.assertUnchanged(h.store);
    }
}
