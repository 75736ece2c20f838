package org.xdsi.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.repository.testing.RepositoryHarness.REPOSITORY_ID;
import static org.xdsi.repository.testing.RepositoryHarness.slot;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.repository.testing.Mtom;
import org.xdsi.repository.testing.Reply;
import org.xdsi.repository.testing.RepositoryHarness;
import org.xdsi.repository.testing.RepositoryHarness.Doc;
import org.xdsi.repository.testing.StoreFiles;
import org.xdsi.repository.testing.Wire;
import org.xdsi.schema.rim.ExtrinsicObjectType;

/**
 * ITI-41 Provide and Register Document Set-b over the wire (digest §5.1): what a Document Source sends, what it
 * gets back, what the registry then holds and what the store holds. Every failure leaves nothing behind: no
 * registry entry for the patient, no new file under {@code staging/} or {@code documents/}.
 */
class ProvideAndRegisterOverTheWireTest {
    private static final AtomicInteger PATIENTS = new AtomicInteger();

    @RegisterExtension
    static final RepositoryHarness h = RepositoryHarness.perClass();

    private static String fedPatient() {
        return h.fedPatient("PNR" + PATIENTS.incrementAndGet() + "x" + System.nanoTime());
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Binary bytes that also contain CR LF and dashes, as a DICOM object or a PDF may. */
    static byte[] binary(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        byte[] tricky = "\r\n--MIMEBoundary\r\n\r\n--".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tricky, 0, b, length / 2, Math.min(tricky.length, length - length / 2));
        return b;
    }

    /** After a failure: no registry entry for the patient (ITI-18 and JDBC) and the store unchanged. */
    static void assertNothingStored(String patientId, StoreFiles before) {
        assertTrue(h.findDocuments(patientId).isEmpty(), "FindDocuments must find nothing for " + patientId);
        assertEquals(0, h.registryRows(patientId), "no SubmissionSet or DocumentEntry row for " + patientId);
        before.assertUnchanged(h.store);
    }

    /** The registered DocumentEntry of that uniqueId carries the repository's hash, size and repositoryUniqueId. */
    static ExtrinsicObjectType assertRegistered(String uniqueId, byte[] bytes, String mimeType) {
        List<ExtrinsicObjectType> found = h.getDocuments(uniqueId);
        assertEquals(1, found.size(), "GetDocuments " + uniqueId);
        ExtrinsicObjectType eo = found.get(0);
        String hash = slot(eo, Vocabulary.SLOT_HASH);
        assertEquals(Wire.sha1(bytes), hash, "hash = SHA-1 of the bytes");
        assertEquals(hash.toLowerCase(Locale.ROOT), hash, "hash is lower-case hex");
        assertEquals(Long.toString(bytes.length), slot(eo, Vocabulary.SLOT_SIZE));
        assertEquals(REPOSITORY_ID, slot(eo, Vocabulary.SLOT_REPOSITORY_UNIQUE_ID));
        assertEquals(mimeType, eo.getMimeType());
        return eo;
    }

    static void assertRetrievable(String uniqueId, byte[] bytes, String mimeType) throws Exception {
        Reply r = h.retrieve(REPOSITORY_ID, uniqueId);
        Wire.assertRetrieveAnswer(r);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, r.responseStatus(), r::everything);
        Element d = r.documentResponses().get(0);
        assertEquals(mimeType, Reply.child(d, "mimeType"));
        assertArrayEquals(bytes, r.documentPart(d).body());
    }

    // ------------------------------------------------------------------ success

    @Test
    void oneDocumentIsStoredRegisteredAndAnsweredWithAnMtomSuccess() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain");
        byte[] bytes = text("Hello, repository\n");
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.provide(s.build(), Doc.of(d, "text/plain", bytes));

        Wire.assertProvideSuccess(r);
        assertEquals(1, r.http().parts().size(), "an ITI-41 answer is the root part alone");
        assertRegistered(d.uniqueIdValue(), bytes, "text/plain");
        assertEquals(1, h.findDocuments(pid).size());
        assertEquals(2, h.registryRows(pid), "one SubmissionSet and one DocumentEntry");
        StoreFiles after = StoreFiles.of(h.store);
        assertEquals(before.documents() + 1, after.documents());
        assertEquals(0, after.staged(), "staging is empty once the document is published");
        assertRetrievable(d.uniqueIdValue(), bytes, "text/plain");
    }

    @Test
    void threeDocumentsOfDifferentMimeTypesAreEachStoredAndRegistered() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder txt = RepositoryHarness.document(s, "text/plain");
        DocumentEntryBuilder pdf = RepositoryHarness.document(s, "application/pdf");
        DocumentEntryBuilder dcm = RepositoryHarness.document(s, "application/dicom");
        byte[] txtBytes = text("plain text report\r\n--not a boundary--\r\n");
        byte[] pdfBytes = concat(text("%PDF-1.4\n"), binary(5000, 1), text("\n%%EOF\n"));
        byte[] dcmBytes = concat(new byte[128], text("DICM"), binary(20_000, 2));
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.provide(s.build(), Doc.of(txt, "text/plain", txtBytes), Doc.of(pdf, "application/pdf", pdfBytes),
                Doc.of(dcm, "application/dicom", dcmBytes));

        Wire.assertProvideSuccess(r);
        assertRegistered(txt.uniqueIdValue(), txtBytes, "text/plain");
        assertRegistered(pdf.uniqueIdValue(), pdfBytes, "application/pdf");
        assertRegistered(dcm.uniqueIdValue(), dcmBytes, "application/dicom");
        assertEquals(3, h.findDocuments(pid).size());
        StoreFiles after = StoreFiles.of(h.store);
        assertEquals(before.documents() + 3, after.documents());
        assertEquals(0, after.staged());
        assertRetrievable(txt.uniqueIdValue(), txtBytes, "text/plain");
        assertRetrievable(pdf.uniqueIdValue(), pdfBytes, "application/pdf");
        assertRetrievable(dcm.uniqueIdValue(), dcmBytes, "application/dicom");
    }

    @Test
    void correctHashAndSizeFromTheSourceAreAcceptedWhateverTheHashCase() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        byte[] upper = text("hash given in upper case");
        byte[] mixed = text("hash given in mixed case");
        DocumentEntryBuilder d1 = RepositoryHarness.document(s, "text/plain")
                .hashAndSize(Wire.sha1(upper).toUpperCase(Locale.ROOT), upper.length);
        String m = Wire.sha1(mixed);
        DocumentEntryBuilder d2 = RepositoryHarness.document(s, "text/plain")
                .hashAndSize(m.substring(0, 20).toUpperCase(Locale.ROOT) + m.substring(20), mixed.length);

        Reply r = h.provide(s.build(), Doc.of(d1, "text/plain", upper), Doc.of(d2, "text/plain", mixed));

        Wire.assertProvideSuccess(r);
        assertRegistered(d1.uniqueIdValue(), upper, "text/plain");
        assertRegistered(d2.uniqueIdValue(), mixed, "text/plain");
    }

    @Test
    void aWrongHashFromTheSourceIsAMetadataErrorAndNothingIsStored() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        byte[] bytes = text("these bytes");
        String wrong = Wire.sha1(text("other bytes"));
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain").hashAndSize(wrong, bytes.length);
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.provide(s.build(), Doc.of(d, "text/plain", bytes));

        Element e = Wire.assertProvideFailure(r, "XDSRepositoryMetadataError");
        Wire.assertMentions(e, d.id(), wrong, Wire.sha1(bytes));
        assertEquals(d.id(), e.getAttribute("location"));
        assertNothingStored(pid, before);
    }

    @Test
    void aWrongSizeFromTheSourceIsAMetadataErrorAndNothingIsStored() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        byte[] bytes = text("eleven byte");
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain")
                .hashAndSize(Wire.sha1(bytes), bytes.length + 1);
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.provide(s.build(), Doc.of(d, "text/plain", bytes));

        Element e = Wire.assertProvideFailure(r, "XDSRepositoryMetadataError");
        Wire.assertMentions(e, d.id(), "size", Integer.toString(bytes.length + 1), Integer.toString(bytes.length));
        assertEquals(d.id(), e.getAttribute("location"));
        assertNothingStored(pid, before);
    }

    // ------------------------------------------------------------------ documents and entries that do not pair

    @Test
    void aDocumentEntryWithoutItsDocumentIsXdsMissingDocument() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder sent = RepositoryHarness.document(s, "text/plain");
        DocumentEntryBuilder notSent = RepositoryHarness.document(s, "text/plain");
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.provide(s.build(), Doc.of(sent, "text/plain", text("only this one")));

        Element e = Wire.assertProvideFailure(r, "XDSMissingDocument");
        Wire.assertMentions(e, notSent.id(), notSent.uniqueIdValue());
        assertEquals(notSent.id(), e.getAttribute("location"));
        assertNothingStored(pid, before);
    }

    @Test
    void aDocumentWithoutItsDocumentEntryIsXdsMissingDocumentMetadata() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain");
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.provide(s.build(), Doc.of(d, "text/plain", text("has an entry")),
                new Doc("Orphan", "orphan@example.org", "text/plain", text("has no entry")));

        Element e = Wire.assertProvideFailure(r, "XDSMissingDocumentMetadata");
        Wire.assertMentions(e, "Orphan");
        assertEquals("Orphan", e.getAttribute("location"));
        assertNothingStored(pid, before);
    }

    @Test
    void aMimePartThatNoXopIncludeReferencesIsXdsMissingDocumentMetadata() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain");
        String envelope = h.provideEnvelope(RepositoryHarness.provideBody(s.build(), d.id(), "cid:doc@example.org"));
        Mtom.Builder m = new Mtom.Builder().root(envelope)
                .attachment("doc@example.org", "text/plain", text("referenced"))
                .attachment("stray@example.org", "application/pdf", text("%PDF-1.4 referenced by nobody"));
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.send(envelope, m.contentType(), m.build());

        Element e = Wire.assertProvideFailure(r, "XDSMissingDocumentMetadata");
        Wire.assertMentions(e, "stray@example.org");
        assertNothingStored(pid, before);
    }

    @Test
    void anXopIncludeNamingNoMimePartIsXdsMissingDocument() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain");
        String envelope = h.provideEnvelope(RepositoryHarness.provideBody(s.build(), d.id(), "cid:absent@example.org"));
        Mtom.Builder m = new Mtom.Builder().root(envelope);
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.send(envelope, m.contentType(), m.build());

        Element e = Wire.assertProvideFailure(r, "XDSMissingDocument");
        Wire.assertMentions(e, d.id(), "absent@example.org");
        assertEquals(d.id(), e.getAttribute("location"));
        assertNothingStored(pid, before);
    }

    // ------------------------------------------------------------------ metadata the repository checks

    @Test
    void aDocumentEntryWithoutMimeTypeIsARepositoryMetadataError() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain").mimeType(null);
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.provide(s.build(), Doc.of(d, "text/plain", text("no mimeType in the metadata")));

        Element e = Wire.assertProvideFailure(r, "XDSRepositoryMetadataError");
        Wire.assertMentions(e, d.id(), "mimeType");
        assertNothingStored(pid, before);
    }

    @Test
    void theSameUniqueIdTwiceInOneMessageIsXdsRepositoryDuplicateUniqueIdInMessage() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d1 = RepositoryHarness.document(s, "text/plain");
        DocumentEntryBuilder d2 = RepositoryHarness.document(s, "text/plain").uniqueId(d1.uniqueIdValue());
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.provide(s.build(), Doc.of(d1, "text/plain", text("first")),
                Doc.of(d2, "text/plain", text("second")));

        Element e = Wire.assertProvideFailure(r, "XDSRepositoryDuplicateUniqueIdInMessage");
        Wire.assertMentions(e, d1.uniqueIdValue());
        assertNothingStored(pid, before);
    }

    @Test
    void aUniqueIdAlreadyStoredWithOtherBytesIsXdsNonIdenticalHashAndTheStoredBytesStay() throws Exception {
        String pid = fedPatient();
        SubmissionBuilder first = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d = RepositoryHarness.document(first, "text/plain");
        byte[] original = text("the original bytes");
        Wire.assertProvideSuccess(h.provide(first.build(), Doc.of(d, "text/plain", original)));
        StoreFiles before = StoreFiles.of(h.store);

        SubmissionBuilder second = RepositoryHarness.submission(pid);
        DocumentEntryBuilder again = RepositoryHarness.document(second, "text/plain").uniqueId(d.uniqueIdValue());
        Reply r = h.provide(second.build(), Doc.of(again, "text/plain", text("the modified bytes")));

        Element e = Wire.assertProvideFailure(r, "XDSNonIdenticalHash");
        Wire.assertMentions(e, d.uniqueIdValue());
        before.assertUnchanged(h.store);
        assertEquals(1, h.findDocuments(pid).size(), "only the first submission is registered");
        assertEquals(2, h.registryRows(pid));
        assertRetrievable(d.uniqueIdValue(), original, "text/plain");
    }

    @Test
    void theSameUniqueIdWithTheSameBytesAgainSucceedsAndIsStoredOnce() throws Exception {
        String pid = fedPatient();
        byte[] bytes = text("sent twice, identical");
        SubmissionBuilder first = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d = RepositoryHarness.document(first, "text/plain");
        Wire.assertProvideSuccess(h.provide(first.build(), Doc.of(d, "text/plain", bytes)));
        StoreFiles before = StoreFiles.of(h.store);

        SubmissionBuilder second = RepositoryHarness.submission(pid);
        DocumentEntryBuilder again = RepositoryHarness.document(second, "text/plain").uniqueId(d.uniqueIdValue());
        Reply r = h.provide(second.build(), Doc.of(again, "text/plain", bytes));

        Wire.assertProvideSuccess(r);
        before.assertUnchanged(h.store);
        assertEquals(0, StoreFiles.of(h.store).staged(), "the second copy does not linger in staging");
        List<ExtrinsicObjectType> entries = h.getDocuments(d.uniqueIdValue());
        assertEquals(1, entries.size(), "one DocumentEntry for the document, not one per submission");
        assertEquals(Wire.sha1(bytes), slot(entries.get(0), Vocabulary.SLOT_HASH));
        assertEquals(REPOSITORY_ID, slot(entries.get(0), Vocabulary.SLOT_REPOSITORY_UNIQUE_ID));
        assertEquals(1, h.findDocuments(pid).size());
        assertEquals(3, h.registryRows(pid), "two SubmissionSets, one DocumentEntry");
        assertRetrievable(d.uniqueIdValue(), bytes, "text/plain");
    }

    // ------------------------------------------------------------------ the registry's answer

    @Test
    void registryErrorsComeBackUnchangedAndNothingIsStored() throws Exception {
        String unfed = "UNFED" + System.nanoTime() + "^^^&" + RepositoryHarness.DOMAIN + "&ISO";
        SubmissionBuilder s = RepositoryHarness.submission(unfed);
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain");
        byte[] bytes = text("for a patient the registry does not know");
        StoreFiles before = StoreFiles.of(h.store);

        Reply r = h.provide(s.build(), Doc.of(d, "text/plain", bytes));

        Wire.assertProvideAnswer(r);
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.responseStatus(), r::everything);
        assertTrue(r.errors().stream().anyMatch(e -> "XDSUnknownPatientId".equals(e.getAttribute("errorCode"))),
                r::everything);
        for (Element e : r.errors()) {
            Wire.assertError(e, e.getAttribute("errorCode"), r);
        }
        // what the registry itself answers to the submission the repository forwarded (hash, size, repository id
        // added): the repository passes it on unchanged
        d.hashAndSize(Wire.sha1(bytes), bytes.length).repositoryUniqueId(REPOSITORY_ID);
        String registryAnswer = RepositoryHarness.xml(new org.xdsi.schema.rs.ObjectFactory()
                .createRegistryResponse(h.registry.local().registerDocumentSet(s.build())));
        Wire.assertSimilar(registryAnswer, r.body(), r);
        assertEquals(0, h.registryRows(unfed));
        before.assertUnchanged(h.store);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
