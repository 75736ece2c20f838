package org.xdsi.registry.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.transform.dom.DOMSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.registry.testing.Queries;
import org.xdsi.registry.testing.RegistryHarness;
import org.xdsi.registry.testing.SoapClient;
import org.xdsi.schema.Schemas;

/**
 * ITI-42 and ITI-18 against the real CXF endpoint over HTTP, with SOAP 1.2 envelopes shaped like other vendors'.
 * Runs once per embedded database ({@link RegistryOverTheWireH2Test}, {@link RegistryOverTheWireDerbyTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryOverTheWireContract {
    static final String NS_RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    static final String NS_RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";

    RegistryHarness h;

    abstract String database();

    @BeforeAll
    void start() {
        h = RegistryHarness.start(database());
    }

    @AfterAll
    void stop() {
        h.close();
    }

    private int patients;

    String newPatient() {
        return h.fedPatient("P" + System.nanoTime() + "x" + (patients++));
    }

    SoapClient.Response register(SubmissionBuilder submission) {
        return h.soap.call(Vocabulary.ACTION_REGISTER, RegistryHarness.xml(submission.build()));
    }

    SoapClient.Response query(String body) {
        return h.soap.call(Vocabulary.ACTION_STORED_QUERY, body);
    }

    static void assertValid(Element bodyElement) {
        try {
            Schemas.validate(new DOMSource(bodyElement));
        } catch (Exception e) {
            throw new AssertionError("response does not validate against the schemas: " + e.getMessage(), e);
        }
    }

    static String status(SoapClient.Response r) {
        assertFalse(r.isFault(), () -> "unexpected fault: " + r.body());
        return r.bodyElement().getAttribute("status");
    }

    static List<String> errorCodes(SoapClient.Response r) {
        List<String> codes = new ArrayList<>();
        NodeList errors = r.document().getElementsByTagNameNS(NS_RS, "RegistryError");
        for (int i = 0; i < errors.getLength(); i++) {
            codes.add(((Element) errors.item(i)).getAttribute("errorCode"));
        }
        return codes;
    }

    static String codeContexts(SoapClient.Response r) {
        StringBuilder sb = new StringBuilder();
        NodeList errors = r.document().getElementsByTagNameNS(NS_RS, "RegistryError");
        for (int i = 0; i < errors.getLength(); i++) {
            sb.append(((Element) errors.item(i)).getAttribute("codeContext")).append('\n');
        }
        return sb.toString();
    }

    static void assertFailure(SoapClient.Response r, String errorCode) {
        assertEquals(Vocabulary.RESPONSE_FAILURE, status(r), r.body());
        assertTrue(errorCodes(r).contains(errorCode), () -> "expected " + errorCode + " in " + r.body());
        assertValid(r.bodyElement());
        NodeList errors = r.document().getElementsByTagNameNS(NS_RS, "RegistryError");
        for (int i = 0; i < errors.getLength(); i++) {
            Element e = (Element) errors.item(i);
            assertFalse(e.getAttribute("codeContext").isBlank(), "every error says what is wrong");
            assertEquals(Vocabulary.SEVERITY_ERROR, e.getAttribute("severity"));
        }
    }

    /** entryUUIDs of the ExtrinsicObjects in a LeafClass answer, or of the ObjectRefs in an ObjectRef answer. */
    static List<String> ids(SoapClient.Response r, String localName) {
        List<String> ids = new ArrayList<>();
        NodeList n = r.document().getElementsByTagNameNS(NS_RIM, localName);
        for (int i = 0; i < n.getLength(); i++) {
            ids.add(((Element) n.item(i)).getAttribute("id"));
        }
        return ids;
    }

    static Element extrinsicObject(SoapClient.Response r, int index) {
        return (Element) r.document().getElementsByTagNameNS(NS_RIM, "ExtrinsicObject").item(index);
    }

    String registeredUuid(String patientId, String uniqueId) {
        SoapClient.Response r = h.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.adhoc(Queries.GET_DOCUMENTS,
                "ObjectRef", List.of(Map.entry("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')"))));
        List<String> refs = ids(r, "ObjectRef");
        assertEquals(1, refs.size(), r.body());
        return refs.get(0);
    }

    @Test
    void registersAndFindsADocumentWithAddressingHeaders() {
        String pid = newPatient();
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s).title("CT chest report")
                .eventCode(new org.xdsi.metadata.model.Code("CT", "1.2.840.10008.2.16.4", "Computed Tomography"));
        SoapClient.Response r = register(s);
        assertEquals(200, r.status());
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(r), r.body());
        assertEquals(Vocabulary.ACTION_REGISTER_RESPONSE, r.header("Action"));
        assertEquals(r.messageId(), r.header("RelatesTo"));
        assertNotNull(r.header("MessageID"));
        assertValid(r.bodyElement());

        SoapClient.Response q = query(Queries.findDocuments(pid, "LeafClass"));
        assertEquals(Vocabulary.ACTION_STORED_QUERY_RESPONSE, q.header("Action"));
        assertEquals(q.messageId(), q.header("RelatesTo"));
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(q), q.body());
        assertValid(q.bodyElement());
        assertEquals(1, ids(q, "ExtrinsicObject").size(), q.body());
        Element eo = extrinsicObject(q, 0);
        assertEquals(Vocabulary.STATUS_APPROVED, eo.getAttribute("status"));
        assertTrue(eo.getAttribute("id").startsWith("urn:uuid:"));
        assertTrue(q.body().contains(d.uniqueIdValue()), "the document's uniqueId is returned");
    }

    @Test
    void missingActionIsASenderFault() {
        SoapClient.Response r = h.soap.call(null, RegistryHarness.xml(RegistryHarness.submission(newPatient()).build()));
        assertTrue(r.isFault(), r.body());
        assertTrue(r.faultCode().endsWith("Sender"), r.body());
        assertTrue(r.faultReason().contains("Action"), r.faultReason());
        assertFalse(r.body().contains("at org."), "no stack trace");
    }

    @Test
    void actionThatDoesNotMatchTheBodyIsASenderFault() {
        String pid = newPatient();
        SubmissionBuilder s = RegistryHarness.submission(pid);
        RegistryHarness.document(s);
        SoapClient.Response r = h.soap.call(Vocabulary.ACTION_STORED_QUERY, RegistryHarness.xml(s.build()));
        assertTrue(r.isFault(), r.body());
        assertTrue(r.faultReason().contains(Vocabulary.ACTION_REGISTER), r.faultReason());
        assertEquals(0, ids(query(Queries.findDocuments(pid, "ObjectRef")), "ObjectRef").size(), "nothing stored");
    }

    @Test
    void unknownActionIsASenderFault() {
        SoapClient.Response r = h.soap.call("urn:ihe:iti:2007:NoSuchThing", Queries.findDocuments(newPatient(), "ObjectRef"));
        assertTrue(r.isFault(), r.body());
        assertTrue(r.faultReason().contains("urn:ihe:iti:2007:NoSuchThing"), r.faultReason());
    }

    @Test
    void unknownPatientIsRejected() {
        String stranger = RegistryHarness.patient("NEVERFED" + System.nanoTime());
        SubmissionBuilder s = RegistryHarness.submission(stranger);
        RegistryHarness.document(s);
        SoapClient.Response r = register(s);
        assertFailure(r, "XDSUnknownPatientId");
        assertTrue(codeContexts(r).contains(stranger), codeContexts(r));
    }

    @Test
    void patientIdsThatDifferAreRejected() {
        String pid = newPatient();
        String other = newPatient();
        SubmissionBuilder s = RegistryHarness.submission(pid);
        RegistryHarness.document(s).patientId(other);
        assertFailure(register(s), "XDSPatientIdDoesNotMatch");
        assertEquals(0, ids(query(Queries.findDocuments(other, "ObjectRef")), "ObjectRef").size());
    }

    @Test
    void duplicateSubmissionSetUniqueIdIsRejected() {
        String pid = newPatient();
        SubmissionBuilder first = RegistryHarness.submission(pid);
        RegistryHarness.document(first);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(register(first)));
        SubmissionBuilder second = RegistryHarness.submission(pid).uniqueId(first.uniqueId());
        RegistryHarness.document(second);
        SoapClient.Response r = register(second);
        assertFailure(r, "XDSDuplicateUniqueIdInRegistry");
        assertTrue(codeContexts(r).contains(first.uniqueId()), codeContexts(r));
    }

    @Test
    void sameDocumentUniqueIdWithOtherBytesIsRejectedButIdenticalBytesAreAccepted() {
        String pid = newPatient();
        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(first).hashAndSize("da39a3ee5e6b4b0d3255bfef95601890afd80709", 7);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(register(first)));

        SubmissionBuilder different = RegistryHarness.submission(pid);
        RegistryHarness.document(different).uniqueId(d.uniqueIdValue())
                .hashAndSize("0000000000000000000000000000000000000001", 7);
        SoapClient.Response r = register(different);
        assertFailure(r, "XDSNonIdenticalHash");
        assertTrue(codeContexts(r).contains(d.uniqueIdValue()));

        SubmissionBuilder same = RegistryHarness.submission(pid);
        RegistryHarness.document(same).uniqueId(d.uniqueIdValue())
                .hashAndSize("DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", 7);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(register(same)));
    }

    @Test
    void unresolvedAssociationTargetIsRejected() {
        String pid = newPatient();
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s);
        s.relate(Vocabulary.APND, d.id(), "urn:uuid:00000000-0000-4000-8000-000000000000");
        assertFailure(register(s), "UnresolvedReferenceException");
    }

    @Test
    void invalidAssociationTypeIsRejected() {
        String pid = newPatient();
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder first = RegistryHarness.document(s);
        DocumentEntryBuilder second = RegistryHarness.document(s);
        s.relate("urn:example:NotAnAssociationType", second.id(), first.id());
        SoapClient.Response r = register(s);
        assertFailure(r, "XDSRegistryMetadataError");
        assertTrue(codeContexts(r).contains("urn:example:NotAnAssociationType"), codeContexts(r));
    }

    @Test
    void everyProblemIsReportedInOneResponse() {
        String pid = newPatient();
        SubmissionBuilder s = RegistryHarness.submission(pid).submissionTime("2024-13-45");
        RegistryHarness.document(s).patientId(RegistryHarness.patient("UNKNOWN" + System.nanoTime()));
        RegistryHarness.document(s).creationTime("yesterday");
        SoapClient.Response r = register(s);
        assertEquals(Vocabulary.RESPONSE_FAILURE, status(r));
        List<String> codes = errorCodes(r);
        assertTrue(codes.contains("XDSRegistryMetadataError"), codes.toString());
        assertTrue(codes.contains("XDSUnknownPatientId") || codes.contains("XDSPatientIdDoesNotMatch"), codes.toString());
        assertTrue(codes.size() >= 3, "all problems, not just the first: " + codes);
        assertValid(r.bodyElement());
    }

    @Test
    void replacementDeprecatesTheOriginalAndFollowsItIntoItsFolder() {
        String pid = newPatient();
        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder original = RegistryHarness.document(first);
        String folder = first.addFolder("Imaging", new org.xdsi.metadata.model.Code("CT", "1.2.840.10008.2.16.4", "CT"));
        first.addToFolder(folder, original.id());
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(register(first)));
        String originalUuid = registeredUuid(pid, original.uniqueIdValue());

        SubmissionBuilder second = RegistryHarness.submission(pid);
        DocumentEntryBuilder replacement = RegistryHarness.document(second);
        second.relate(Vocabulary.RPLC, replacement.id(), originalUuid);
        SoapClient.Response r = register(second);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(r), r.body());

        SoapClient.Response approved = query(Queries.findDocuments(pid, "LeafClass"));
        assertEquals(1, ids(approved, "ExtrinsicObject").size(), approved.body());
        assertTrue(approved.body().contains(replacement.uniqueIdValue()));
        SoapClient.Response deprecated = query(Queries.findDocuments(pid, "LeafClass", Queries.DEPRECATED));
        assertEquals(List.of(originalUuid), ids(deprecated, "ExtrinsicObject"));
        assertEquals(Vocabulary.STATUS_DEPRECATED, extrinsicObject(deprecated, 0).getAttribute("status"));

        String replacementUuid = registeredUuid(pid, replacement.uniqueIdValue());
        SoapClient.Response all = query(Queries.adhoc(Queries.GET_ALL, "LeafClass", List.of(
                Map.entry("$patientId", "'" + pid + "'"),
                Map.entry("$XDSDocumentEntryStatus", "('" + Queries.APPROVED + "','" + Queries.DEPRECATED + "')"),
                Map.entry("$XDSSubmissionSetStatus", "('" + Queries.APPROVED + "')"),
                Map.entry("$XDSFolderStatus", "('" + Queries.APPROVED + "')"))));
        assertValid(all.bodyElement());
        NodeList associations = all.document().getElementsByTagNameNS(NS_RIM, "Association");
        boolean inFolder = false;
        for (int i = 0; i < associations.getLength(); i++) {
            Element a = (Element) associations.item(i);
            inFolder |= Vocabulary.HAS_MEMBER.equals(a.getAttribute("associationType"))
                    && replacementUuid.equals(a.getAttribute("targetObject"))
                    && ids(all, "RegistryPackage").contains(a.getAttribute("sourceObject"));
        }
        assertTrue(inFolder, "the replacement joined the original's folder: " + all.body());

        SubmissionBuilder third = RegistryHarness.submission(pid);
        DocumentEntryBuilder late = RegistryHarness.document(third);
        third.relate(Vocabulary.RPLC, late.id(), originalUuid);
        assertFailure(register(third), "XDSRegistryDeprecatedDocumentError");
    }

    @Test
    void aFailedSubmissionLeavesNothingBehind() {
        String pid = newPatient();
        SubmissionBuilder s = RegistryHarness.submission(pid);
        RegistryHarness.document(s);
        DocumentEntryBuilder bad = RegistryHarness.document(s);
        s.relate(Vocabulary.RPLC, bad.id(), "urn:uuid:11111111-1111-4111-8111-111111111111");
        assertFailure(register(s), "UnresolvedReferenceException");
        SoapClient.Response q = query(Queries.findDocuments(pid, "ObjectRef", Queries.APPROVED, Queries.DEPRECATED));
        assertEquals(0, ids(q, "ObjectRef").size(), q.body());
    }

    @Test
    void replacingAnOriginalDeprecatesItsAddendaAndTransformsButAppendKeepsItApproved() {
        String pid = newPatient();
        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder original = RegistryHarness.document(first);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(register(first)));
        String originalUuid = registeredUuid(pid, original.uniqueIdValue());

        SubmissionBuilder second = RegistryHarness.submission(pid);
        DocumentEntryBuilder addendum = RegistryHarness.document(second);
        DocumentEntryBuilder transform = RegistryHarness.document(second).mimeType("text/plain");
        second.relate(Vocabulary.APND, addendum.id(), originalUuid);
        second.relate(Vocabulary.XFRM, transform.id(), originalUuid);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(register(second)));
        assertEquals(3, ids(query(Queries.findDocuments(pid, "ObjectRef")), "ObjectRef").size(),
                "APND and XFRM leave the original Approved");

        SubmissionBuilder third = RegistryHarness.submission(pid);
        DocumentEntryBuilder replacement = RegistryHarness.document(third);
        third.relate(Vocabulary.XFRM_RPLC, replacement.id(), originalUuid);
        SoapClient.Response r = register(third);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(r), r.body());

        SoapClient.Response approved = query(Queries.findDocuments(pid, "ObjectRef"));
        assertEquals(List.of(registeredUuid(pid, replacement.uniqueIdValue())), ids(approved, "ObjectRef"));
        SoapClient.Response deprecated = query(Queries.findDocuments(pid, "ObjectRef", Queries.DEPRECATED));
        List<String> gone = ids(deprecated, "ObjectRef");
        assertEquals(3, gone.size(), deprecated.body());
        assertTrue(gone.contains(originalUuid));
        assertTrue(gone.contains(registeredUuid(pid, addendum.uniqueIdValue())));
        assertTrue(gone.contains(registeredUuid(pid, transform.uniqueIdValue())));
    }

    @Test
    void aFolderThatGainsAMemberGetsANewLastUpdateTime() throws InterruptedException {
        String pid = newPatient();
        SubmissionBuilder first = RegistryHarness.submission(pid);
        first.addFolder("Radiology", new org.xdsi.metadata.model.Code("CT", "1.2.840.10008.2.16.4", "CT"));
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(register(first)));
        SoapClient.Response folders = query(Queries.adhoc("urn:uuid:958f3006-baad-4929-a4de-ff1114824431", "LeafClass",
                List.of(Map.entry("$XDSFolderPatientId", "'" + pid + "'"),
                        Map.entry("$XDSFolderStatus", "('" + Queries.APPROVED + "')"))));
        List<String> folderIds = ids(folders, "RegistryPackage");
        assertEquals(1, folderIds.size(), folders.body());
        String before = lastUpdateTime(folders);
        assertTrue(before != null && before.length() == 14, folders.body());

        Thread.sleep(1100);
        SubmissionBuilder second = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(second);
        second.addToFolder(folderIds.get(0), d.id());
        SoapClient.Response r = register(second);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, status(r), r.body());
        SoapClient.Response after = query(Queries.adhoc(Queries.GET_FOLDER_AND_CONTENTS, "LeafClass",
                List.of(Map.entry("$XDSFolderEntryUUID", "'" + folderIds.get(0) + "'"))));
        assertValid(after.bodyElement());
        assertTrue(Long.parseLong(lastUpdateTime(after)) > Long.parseLong(before), after.body());
        assertEquals(1, ids(after, "ExtrinsicObject").size(), after.body());
    }

    private static String lastUpdateTime(SoapClient.Response r) {
        NodeList slots = r.document().getElementsByTagNameNS(NS_RIM, "Slot");
        for (int i = 0; i < slots.getLength(); i++) {
            Element slot = (Element) slots.item(i);
            if ("lastUpdateTime".equals(slot.getAttribute("name"))) {
                return slot.getTextContent().trim();
            }
        }
        return null;
    }
}
