package org.xdsi.registry.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.xdsi.metadata.model.Code;
import org.xdsi.registry.testing.Queries;
import org.xdsi.registry.testing.RegistryHarness;
import org.xdsi.registry.testing.SoapClient;
import org.xdsi.schema.Schemas;

/**
 * Each of the 14 stored queries once over the wire against one small patient record: the answer is Success,
 * carries the response action, validates against the schemas and holds exactly the expected objects.
 * (The query engine's parameter-by-parameter suite is {@code org.xdsi.registry.query.StoredQueryContract}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EveryStoredQueryContract {
    static final String NS_RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    static final String ACCESSION = "ACC-77^^^&1.2.3.4&ISO^urn:ihe:iti:xds:2013:accession";

    RegistryHarness h;
    String pid;
    String docA;
    String docB;
    String docC;
    String folder;
    String firstSet;
    String secondSet;

    abstract String database();

    /** Record: SS1 {A (accession), B, folder F holding A}; SS2 {C appends A}. */
    @BeforeAll
    void start() {
        h = RegistryHarness.start(database());
        pid = h.fedPatient("EVERYQ1");
        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder a = RegistryHarness.document(first).referenceId(ACCESSION)
                .eventCode(new Code("CT", "1.2.840.10008.2.16.4", "CT"));
        DocumentEntryBuilder b = RegistryHarness.document(first);
        String f = first.addFolder("Imaging", new Code("CT", "1.2.840.10008.2.16.4", "CT"));
        first.addToFolder(f, a.id());
        assertSuccess(h.soap.call(Vocabulary.ACTION_REGISTER, RegistryHarness.xml(first.build())));
        docA = single(ids(by(Queries.GET_DOCUMENTS, "ObjectRef", "$XDSDocumentEntryUniqueId", "('" + a.uniqueIdValue() + "')"), "ObjectRef"));
        docB = single(ids(by(Queries.GET_DOCUMENTS, "ObjectRef", "$XDSDocumentEntryUniqueId", "('" + b.uniqueIdValue() + "')"), "ObjectRef"));

        SubmissionBuilder second = RegistryHarness.submission(pid);
        DocumentEntryBuilder c = RegistryHarness.document(second);
        second.relate(Vocabulary.APND, c.id(), docA);
        assertSuccess(h.soap.call(Vocabulary.ACTION_REGISTER, RegistryHarness.xml(second.build())));
        docC = single(ids(by(Queries.GET_DOCUMENTS, "ObjectRef", "$XDSDocumentEntryUniqueId", "('" + c.uniqueIdValue() + "')"), "ObjectRef"));

        folder = single(ids(query("urn:uuid:958f3006-baad-4929-a4de-ff1114824431", "ObjectRef", List.of(
                Map.entry("$XDSFolderPatientId", "'" + pid + "'"),
                Map.entry("$XDSFolderStatus", "('" + Queries.APPROVED + "')"))), "ObjectRef"));
        firstSet = setOf(docA);
        secondSet = setOf(docC);
    }

    @AfterAll
    void stop() {
        h.close();
    }

    private String setOf(String doc) {
        return single(ids(by("urn:uuid:51224314-5390-4169-9b91-b1980040715a", "LeafClass", "$uuid", "('" + doc + "')"),
                "RegistryPackage"));
    }

    SoapClient.Response query(String queryId, String returnType, List<Map.Entry<String, String>> slots) {
        SoapClient.Response r = h.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.adhoc(queryId, returnType, slots));
        assertSuccess(r);
        assertEquals(Vocabulary.ACTION_STORED_QUERY_RESPONSE, r.header("Action"));
        assertEquals(r.messageId(), r.header("RelatesTo"));
        return r;
    }

    SoapClient.Response by(String queryId, String returnType, String slot, String value) {
        return query(queryId, returnType, List.of(Map.entry(slot, value)));
    }

    static void assertSuccess(SoapClient.Response r) {
        assertFalse(r.isFault(), r.body());
        Element body = r.bodyElement();
        assertEquals(Vocabulary.RESPONSE_SUCCESS, body.getAttribute("status"), r.body());
        try {
            Schemas.validate(new DOMSource(body));
        } catch (Exception e) {
            throw new AssertionError("response does not validate: " + e.getMessage() + "\n" + r.body(), e);
        }
    }

    static List<String> ids(SoapClient.Response r, String element) {
        List<String> ids = new ArrayList<>();
        NodeList n = r.document().getElementsByTagNameNS(NS_RIM, element);
        for (int i = 0; i < n.getLength(); i++) {
            Element e = (Element) n.item(i);
            if (e.getParentNode().getLocalName().equals("RegistryObjectList")) {
                ids.add(e.getAttribute("id"));
            }
        }
        return ids;
    }

    static String single(List<String> ids) {
        assertEquals(1, ids.size(), ids.toString());
        return ids.get(0);
    }

    static void assertSet(List<String> expected, List<String> actual) {
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(actual));
    }

    List<Element> associations(SoapClient.Response r) {
        List<Element> out = new ArrayList<>();
        NodeList n = r.document().getElementsByTagNameNS(NS_RIM, "Association");
        for (int i = 0; i < n.getLength(); i++) {
            out.add((Element) n.item(i));
        }
        return out;
    }

    @Test
    void findDocuments() {
        SoapClient.Response r = query(Queries.FIND_DOCUMENTS, "LeafClass", List.of(
                Map.entry("$XDSDocumentEntryPatientId", "'" + pid + "'"),
                Map.entry("$XDSDocumentEntryStatus", "('" + Queries.APPROVED + "')"),
                Map.entry("$XDSDocumentEntryEventCodeList", "('CT^^1.2.840.10008.2.16.4')")));
        assertSet(List.of(docA), ids(r, "ExtrinsicObject"));
    }

    @Test
    void findDocumentsByReferenceId() {
        SoapClient.Response r = query("urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492", "ObjectRef", List.of(
                Map.entry("$XDSDocumentEntryPatientId", "'" + pid + "'"),
                Map.entry("$XDSDocumentEntryStatus", "('" + Queries.APPROVED + "')"),
                Map.entry("$XDSDocumentEntryReferenceIdList", "('" + ACCESSION + "')")));
        assertSet(List.of(docA), ids(r, "ObjectRef"));
    }

    @Test
    void findSubmissionSets() {
        SoapClient.Response r = query("urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9", "LeafClass", List.of(
                Map.entry("$XDSSubmissionSetPatientId", "'" + pid + "'"),
                Map.entry("$XDSSubmissionSetStatus", "('" + Queries.APPROVED + "')")));
        assertSet(List.of(firstSet, secondSet), ids(r, "RegistryPackage"));
    }

    @Test
    void findFolders() {
        SoapClient.Response r = query("urn:uuid:958f3006-baad-4929-a4de-ff1114824431", "LeafClass", List.of(
                Map.entry("$XDSFolderPatientId", "'" + pid + "'"),
                Map.entry("$XDSFolderStatus", "('" + Queries.APPROVED + "')"),
                Map.entry("$XDSFolderCodeList", "('CT^^1.2.840.10008.2.16.4')")));
        assertSet(List.of(folder), ids(r, "RegistryPackage"));
    }

    @Test
    void getAll() {
        SoapClient.Response r = query(Queries.GET_ALL, "LeafClass", List.of(
                Map.entry("$patientId", "'" + pid + "'"),
                Map.entry("$XDSDocumentEntryStatus", "('" + Queries.APPROVED + "')"),
                Map.entry("$XDSSubmissionSetStatus", "('" + Queries.APPROVED + "')"),
                Map.entry("$XDSFolderStatus", "('" + Queries.APPROVED + "')")));
        assertSet(List.of(docA, docB, docC), ids(r, "ExtrinsicObject"));
        assertSet(List.of(firstSet, secondSet, folder), ids(r, "RegistryPackage"));
        // SS1-A, SS1-B, SS1-F, F-A, SS1-(F-A); SS2-C, C APND A
        assertEquals(7, ids(r, "Association").size(), r.body());
    }

    @Test
    void getDocuments() {
        SoapClient.Response r = by(Queries.GET_DOCUMENTS, "LeafClass", "$XDSDocumentEntryEntryUUID", "('" + docA + "','" + docB + "')");
        assertSet(List.of(docA, docB), ids(r, "ExtrinsicObject"));
    }

    @Test
    void getFolders() {
        SoapClient.Response r = by("urn:uuid:5737b14c-8a1a-4539-b659-e03a34a5e1e4", "LeafClass", "$XDSFolderEntryUUID", "('" + folder + "')");
        assertSet(List.of(folder), ids(r, "RegistryPackage"));
    }

    @Test
    void getAssociations() {
        SoapClient.Response r = by("urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155", "LeafClass", "$uuid", "('" + docC + "')");
        // SS2 -> C and C APND A
        assertEquals(2, ids(r, "Association").size(), r.body());
        assertTrue(associations(r).stream().anyMatch(a -> Vocabulary.APND.equals(a.getAttribute("associationType"))
                && docC.equals(a.getAttribute("sourceObject")) && docA.equals(a.getAttribute("targetObject"))));
    }

    @Test
    void getDocumentsAndAssociations() {
        SoapClient.Response r = by("urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a", "LeafClass", "$XDSDocumentEntryEntryUUID", "('" + docC + "')");
        assertSet(List.of(docC), ids(r, "ExtrinsicObject"));
        assertEquals(2, ids(r, "Association").size(), r.body());
    }

    @Test
    void getSubmissionSets() {
        SoapClient.Response r = by("urn:uuid:51224314-5390-4169-9b91-b1980040715a", "LeafClass", "$uuid", "('" + docB + "')");
        assertSet(List.of(firstSet), ids(r, "RegistryPackage"));
        assertEquals(1, ids(r, "Association").size(), r.body());
    }

    @Test
    void getSubmissionSetAndContents() {
        SoapClient.Response r = by("urn:uuid:e8e3cb2c-e39c-46b9-99e4-c12f57260b83", "LeafClass", "$XDSSubmissionSetEntryUUID", "'" + firstSet + "'");
        assertSet(List.of(docA, docB), ids(r, "ExtrinsicObject"));
        assertSet(List.of(firstSet, folder), ids(r, "RegistryPackage"));
    }

    @Test
    void getFolderAndContents() {
        SoapClient.Response r = by(Queries.GET_FOLDER_AND_CONTENTS, "LeafClass", "$XDSFolderEntryUUID", "'" + folder + "'");
        assertSet(List.of(docA), ids(r, "ExtrinsicObject"));
        assertSet(List.of(folder), ids(r, "RegistryPackage"));
    }

    @Test
    void getFoldersForDocument() {
        SoapClient.Response r = by("urn:uuid:10cae35a-c7f9-4cf5-b61e-fc3278ffb578", "ObjectRef", "$XDSDocumentEntryEntryUUID", "'" + docA + "'");
        assertSet(List.of(folder), ids(r, "ObjectRef"));
    }

    @Test
    void getRelatedDocuments() {
        SoapClient.Response r = query("urn:uuid:d90e5407-b356-4d91-a89f-873917b4b0e6", "LeafClass", List.of(
                Map.entry("$XDSDocumentEntryEntryUUID", "'" + docA + "'"),
                Map.entry("$AssociationTypes", "('" + Vocabulary.APND + "')")));
        assertSet(List.of(docA, docC), ids(r, "ExtrinsicObject"));
        assertEquals(1, ids(r, "Association").size(), r.body());
    }
}
