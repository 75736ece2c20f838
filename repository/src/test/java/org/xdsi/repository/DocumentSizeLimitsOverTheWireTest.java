package org.xdsi.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.repository.testing.RepositoryHarness.REPOSITORY_ID;
import static org.xdsi.repository.testing.RepositoryHarness.slot;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.repository.testing.Reply;
import org.xdsi.repository.testing.RepositoryHarness;
import org.xdsi.repository.testing.RepositoryHarness.Doc;
import org.xdsi.repository.testing.StoreFiles;
import org.xdsi.repository.testing.Wire;
import org.xdsi.schema.rim.ExtrinsicObjectType;

/** The smallest and the largest documents: 0 bytes, and a repository configured for at most 1000 bytes. */
class DocumentSizeLimitsOverTheWireTest {
    static final int MAX = 1000;

    @RegisterExtension
    static final RepositoryHarness h = RepositoryHarness.perClass(
            store -> RepositoryConfig.of(REPOSITORY_ID, store).withMaxDocumentBytes(MAX));

    static String fedPatient() {
        return h.fedPatient("SIZE" + System.nanoTime());
    }

    @Test
    void aZeroByteDocumentIsStoredRegisteredAndRetrievedAsZeroBytes() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain");

        Reply r = h.provide(s.build(), Doc.of(d, "text/plain", new byte[0]));

        Wire.assertProvideSuccess(r);
        ExtrinsicObjectType eo = h.getDocuments(d.uniqueIdValue()).get(0);
        assertEquals("0", slot(eo, Vocabulary.SLOT_SIZE));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", slot(eo, Vocabulary.SLOT_HASH), "SHA-1 of nothing");
        Reply rr = h.retrieve(REPOSITORY_ID, d.uniqueIdValue());
        Wire.assertRetrieveAnswer(rr);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, rr.responseStatus(), rr::everything);
        Element doc = rr.documentResponses().get(0);
        assertEquals("text/plain", Reply.child(doc, "mimeType"));
        assertArrayEquals(new byte[0], rr.documentPart(doc).body());
    }

    @Test
    void aDocumentOfExactlyTheMaximumIsAccepted() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d = RepositoryHarness.document(s, "application/pdf");
        byte[] bytes = ProvideAndRegisterOverTheWireTest.binary(MAX, 1);

        Wire.assertProvideSuccess(h.provide(s.build(), Doc.of(d, "application/pdf", bytes)));

        assertEquals(Integer.toString(MAX), slot(h.getDocuments(d.uniqueIdValue()).get(0), Vocabulary.SLOT_SIZE));
    }

    @Test
    void aDocumentOverTheMaximumIsAFailureSayingSoAndNothingIsStored() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d = RepositoryHarness.document(s, "application/pdf");
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.provide(s.build(), Doc.of(d, "application/pdf", ProvideAndRegisterOverTheWireTest.binary(MAX + 1, 2)));

        Element e = Wire.assertProvideFailure(r, "XDSRepositoryError");
        Wire.assertMentions(e, d.id(), d.uniqueIdValue(), "larger than", Integer.toString(MAX), "nothing was stored");
        assertEquals(d.id(), e.getAttribute("location"));
        assertTrue(h.findDocuments(pid).isEmpty());
        assertEquals(0, h.registryRows(pid));
        before.assertUnchanged(h.store);
    }

    @Test
    void aLargeDocumentAfterASmallOneDiscardsTheSmallOneToo() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder small = RepositoryHarness.document(s, "text/plain");
        DocumentEntryBuilder large = RepositoryHarness.document(s, "application/dicom");
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.provide(s.build(), Doc.of(small, "text/plain", new byte[10]),
                Doc.of(large, "application/dicom", ProvideAndRegisterOverTheWireTest.binary(600_000, 3)));

        Element e = Wire.assertProvideFailure(r, "XDSRepositoryError");
        Wire.assertMentions(e, large.id(), Integer.toString(MAX));
        assertTrue(h.findDocuments(pid).isEmpty());
        assertEquals(0, h.registryRows(pid));
        before.assertUnchanged(h.store);
        List<ExtrinsicObjectType> none = h.getDocuments(small.uniqueIdValue());
        assertTrue(none.isEmpty(), "the small document, already staged, is not registered either");
        SubmissionBuilder retry = RepositoryHarness.submission(pid);
        DocumentEntryBuilder alone = RepositoryHarness.document(retry, "text/plain").uniqueId(small.uniqueIdValue());
        Wire.assertProvideSuccess(h.provide(retry.build(), Doc.of(alone, "text/plain", new byte[10])));
        assertEquals(1, h.findDocuments(pid).size(), "the small one alone is accepted afterwards");
    }
}
