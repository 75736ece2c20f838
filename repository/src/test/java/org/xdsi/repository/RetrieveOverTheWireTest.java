package org.xdsi.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.repository.testing.RepositoryHarness.REPOSITORY_ID;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.repository.testing.Reply;
import org.xdsi.repository.testing.RepositoryHarness;
import org.xdsi.repository.testing.RepositoryHarness.Doc;
import org.xdsi.repository.testing.Wire;
import org.xdsi.schema.Schemas;

/**
 * ITI-43 Retrieve Document Set over the wire (digest §5.2): per document a DocumentResponse or a RegistryError
 * (location = the DocumentUniqueId, no DocumentResponse), and Success / PartialSuccess / Failure overall.
 */
class RetrieveOverTheWireTest {
    static final String OTHER_REPOSITORY = "1.3.6.1.4.1.21367.13.50.99";
    static final String UNKNOWN_DOCUMENT = "1.2.3.4.5.6.7.8.9.404";
    static final String HOME = "urn:oid:1.3.6.1.4.1.21367.13.70.1";

    @RegisterExtension
    static final RepositoryHarness h = RepositoryHarness.perClass();

    static DocumentEntryBuilder txt;
    static DocumentEntryBuilder pdf;
    static DocumentEntryBuilder dcm;
    static byte[] txtBytes = "a text report\n".getBytes(StandardCharsets.UTF_8);
    static byte[] pdfBytes = ProvideAndRegisterOverTheWireTest.concat(
            "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), ProvideAndRegisterOverTheWireTest.binary(3000, 7));
    static byte[] dcmBytes = ProvideAndRegisterOverTheWireTest.concat(new byte[128],
            "DICM".getBytes(StandardCharsets.US_ASCII), ProvideAndRegisterOverTheWireTest.binary(70_000, 8));

    @BeforeAll
    static void submit() throws Exception {
        String pid = h.fedPatient("RET" + System.nanoTime());
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        txt = RepositoryHarness.document(s, "text/plain");
        pdf = RepositoryHarness.document(s, "application/pdf");
        dcm = RepositoryHarness.document(s, "application/dicom");
        Wire.assertProvideSuccess(h.provide(s.build(), Doc.of(txt, "text/plain", txtBytes),
                Doc.of(pdf, "application/pdf", pdfBytes), Doc.of(dcm, "application/dicom", dcmBytes)));
    }

    /** One DocumentResponse: echoed ids, the stored mimeType, the bytes as an MTOM part. */
    static void assertDocument(Reply r, Element d, String uniqueId, String mimeType, byte[] bytes) {
        assertEquals(REPOSITORY_ID, Reply.child(d, "RepositoryUniqueId"), r::everything);
        assertEquals(uniqueId, Reply.child(d, "DocumentUniqueId"), r::everything);
        assertEquals(mimeType, Reply.child(d, "mimeType"), r::everything);
        assertTrue(Reply.href(d).startsWith("cid:"), r::everything);
        assertArrayEquals(bytes, r.documentPart(d).body(), "bytes of " + uniqueId);
    }

    /** A RegistryError with severity Error, its code, and location = the requested DocumentUniqueId. */
    static void assertDocumentError(Reply r, Element e, String code, String documentUniqueId) {
        Wire.assertError(e, code, r);
        assertEquals(documentUniqueId, e.getAttribute("location"), r::everything);
        Wire.assertMentions(e, documentUniqueId);
    }

    static String request(String home, String repository, String document) {
        return "<xdsb:DocumentRequest>" + (home == null ? "" : "<xdsb:HomeCommunityId>" + home
                + "</xdsb:HomeCommunityId>") + "<xdsb:RepositoryUniqueId>" + repository
                + "</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>" + document
                + "</xdsb:DocumentUniqueId></xdsb:DocumentRequest>";
    }

    static String body(String... requests) {
        return "<xdsb:RetrieveDocumentSetRequest xmlns:xdsb=\"" + Schemas.NS_XDSB + "\">" + String.join("", requests)
                + "</xdsb:RetrieveDocumentSetRequest>";
    }

    @Test
    void severalDocumentsInOneCallComeBackByteIdenticalWithTheirMimeTypesInRequestOrder() throws Exception {
        Reply r = h.retrieve(REPOSITORY_ID, dcm.uniqueIdValue(), REPOSITORY_ID, txt.uniqueIdValue(),
                REPOSITORY_ID, pdf.uniqueIdValue());

        Wire.assertRetrieveAnswer(r);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, r.responseStatus(), r::everything);
        assertTrue(r.errors().isEmpty(), r::everything);
        List<Element> docs = r.documentResponses();
        assertEquals(3, docs.size(), r::everything);
        assertDocument(r, docs.get(0), dcm.uniqueIdValue(), "application/dicom", dcmBytes);
        assertDocument(r, docs.get(1), txt.uniqueIdValue(), "text/plain", txtBytes);
        assertDocument(r, docs.get(2), pdf.uniqueIdValue(), "application/pdf", pdfBytes);
        assertEquals(3, List.of(Reply.href(docs.get(0)), Reply.href(docs.get(1)), Reply.href(docs.get(2))).stream()
                .distinct().count(), "each document in its own part");
        assertEquals(4, r.http().parts().size(), "root part plus one part per document");
        for (Element d : docs) {
            assertNull(Reply.child(d, "HomeCommunityId"), "no HomeCommunityId when none was sent");
        }
    }

    @Test
    void theSameDocumentRequestedTwiceComesBackTwice() throws Exception {
        Reply r = h.retrieve(REPOSITORY_ID, txt.uniqueIdValue(), REPOSITORY_ID, txt.uniqueIdValue());

        Wire.assertRetrieveAnswer(r);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, r.responseStatus(), r::everything);
        List<Element> docs = r.documentResponses();
        assertEquals(2, docs.size(), r::everything);
        assertDocument(r, docs.get(0), txt.uniqueIdValue(), "text/plain", txtBytes);
        assertDocument(r, docs.get(1), txt.uniqueIdValue(), "text/plain", txtBytes);
    }

    @Test
    void anUnknownDocumentIsXdsDocumentUniqueIdErrorWithTheUniqueIdAsLocation() throws Exception {
        Reply r = h.retrieve(REPOSITORY_ID, UNKNOWN_DOCUMENT);

        Wire.assertRetrieveAnswer(r);
        Element e = Wire.assertFailure(r, "XDSDocumentUniqueIdError");
        assertDocumentError(r, e, "XDSDocumentUniqueIdError", UNKNOWN_DOCUMENT);
        assertTrue(r.documentResponses().isEmpty(), r::everything);
        assertEquals(1, r.http().parts().size(), "no document part");
        Wire.assertSimilarIgnoringCodeContext("<xdsb:RetrieveDocumentSetResponse xmlns:xdsb=\"" + Schemas.NS_XDSB
                + "\" xmlns:rs=\"" + Schemas.NS_RS + "\"><rs:RegistryResponse status=\"" + Vocabulary.RESPONSE_FAILURE
                + "\"><rs:RegistryErrorList highestSeverity=\"" + Vocabulary.SEVERITY_ERROR + "\">"
                + "<rs:RegistryError errorCode=\"XDSDocumentUniqueIdError\" codeContext=\"(any)\" location=\""
                + UNKNOWN_DOCUMENT + "\" severity=\"" + Vocabulary.SEVERITY_ERROR + "\"/></rs:RegistryErrorList>"
                + "</rs:RegistryResponse></xdsb:RetrieveDocumentSetResponse>", r.body(), r);
    }

    @Test
    void anotherRepositorysUniqueIdIsXdsUnknownRepositoryId() throws Exception {
        Reply r = h.retrieve(OTHER_REPOSITORY, txt.uniqueIdValue());

        Wire.assertRetrieveAnswer(r);
        Element e = Wire.assertFailure(r, "XDSUnknownRepositoryId");
        assertDocumentError(r, e, "XDSUnknownRepositoryId", txt.uniqueIdValue());
        Wire.assertMentions(e, OTHER_REPOSITORY);
        assertTrue(r.documentResponses().isEmpty(), r::everything);
    }

    @Test
    void aMixIsPartialSuccessWithTheFoundDocumentsAndOneErrorPerMissingOne() throws Exception {
        Reply r = h.retrieveWith(body(request(null, REPOSITORY_ID, pdf.uniqueIdValue()),
                request(null, REPOSITORY_ID, UNKNOWN_DOCUMENT),
                request(null, OTHER_REPOSITORY, dcm.uniqueIdValue()),
                request(null, REPOSITORY_ID, txt.uniqueIdValue())));

        Wire.assertRetrieveAnswer(r);
        assertEquals(Vocabulary.RESPONSE_PARTIAL_SUCCESS, r.responseStatus(), r::everything);
        assertEquals("urn:ihe:iti:2007:ResponseStatusType:PartialSuccess", r.responseStatus());
        List<Element> docs = r.documentResponses();
        assertEquals(2, docs.size(), r::everything);
        assertDocument(r, docs.get(0), pdf.uniqueIdValue(), "application/pdf", pdfBytes);
        assertDocument(r, docs.get(1), txt.uniqueIdValue(), "text/plain", txtBytes);
        List<Element> errors = r.errors();
        assertEquals(2, errors.size(), r::everything);
        assertDocumentError(r, errors.get(0), "XDSDocumentUniqueIdError", UNKNOWN_DOCUMENT);
        assertDocumentError(r, errors.get(1), "XDSUnknownRepositoryId", dcm.uniqueIdValue());
        assertEquals(Vocabulary.SEVERITY_ERROR,
                ((Element) errors.get(0).getParentNode()).getAttribute("highestSeverity"));
    }

    @Test
    void allMissingIsFailureWithOneErrorEachAndNoDocument() throws Exception {
        Reply r = h.retrieveWith(body(request(null, REPOSITORY_ID, UNKNOWN_DOCUMENT),
                request(null, REPOSITORY_ID, UNKNOWN_DOCUMENT + ".2"),
                request(HOME, OTHER_REPOSITORY, txt.uniqueIdValue())));

        Wire.assertRetrieveAnswer(r);
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.responseStatus(), r::everything);
        assertTrue(r.documentResponses().isEmpty(), r::everything);
        List<Element> errors = r.errors();
        assertEquals(3, errors.size(), r::everything);
        assertDocumentError(r, errors.get(0), "XDSDocumentUniqueIdError", UNKNOWN_DOCUMENT);
        assertDocumentError(r, errors.get(1), "XDSDocumentUniqueIdError", UNKNOWN_DOCUMENT + ".2");
        assertDocumentError(r, errors.get(2), "XDSUnknownRepositoryId", txt.uniqueIdValue());
        assertEquals(1, r.http().parts().size(), "no document part");
    }

    @Test
    void homeCommunityIdIsEchoedOnlyWhereItWasSent() throws Exception {
        Reply r = h.retrieveWith(body(request(HOME, REPOSITORY_ID, txt.uniqueIdValue()),
                request(null, REPOSITORY_ID, pdf.uniqueIdValue())));

        Wire.assertRetrieveAnswer(r);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, r.responseStatus(), r::everything);
        List<Element> docs = r.documentResponses();
        assertEquals(2, docs.size(), r::everything);
        assertEquals(HOME, Reply.child(docs.get(0), "HomeCommunityId"), r::everything);
        assertNull(Reply.child(docs.get(1), "HomeCommunityId"), r::everything);
        assertDocument(r, docs.get(0), txt.uniqueIdValue(), "text/plain", txtBytes);
        assertDocument(r, docs.get(1), pdf.uniqueIdValue(), "application/pdf", pdfBytes);
    }

    @Test
    void theAnswerIsMtomWithTheRetrieveResponseActionAndRelatesTo() throws Exception {
        Reply r = h.retrieve(REPOSITORY_ID, txt.uniqueIdValue());

        Wire.assertRetrieveAnswer(r);
        assertEquals(Vocabulary.ACTION_RETRIEVE_RESPONSE, r.header("Action"));
        assertEquals("urn:ihe:iti:2007:RetrieveDocumentSetResponse", r.header("Action"));
        assertEquals(r.requestMessageId(), r.header("RelatesTo"));
        assertNotEquals(r.requestMessageId(), r.header("MessageID"), "the answer has its own MessageID");
        Element d = r.documentResponses().get(0);
        String type = r.documentPart(d).header("content-type");
        assertTrue(type != null && type.startsWith("text/plain"), "the document part carries the mimeType: " + type);
    }
}
