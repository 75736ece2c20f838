package org.xdsi.registry.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.xdsi.registry.RegistryConfig;
import org.xdsi.registry.register.CodeLists;
import org.xdsi.registry.testing.Queries;
import org.xdsi.registry.testing.RegistryHarness;
import org.xdsi.registry.testing.SoapClient;
import org.xdsi.registry.testing.TestDatabases;
import org.xdsi.schema.Schemas;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * The error codes not covered by {@link RegistryOverTheWireContract}, over the wire against a registry with a
 * configured code list and a small result cap; and XMLUnit proof that a LeafClass answer is what was submitted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoreErrorsOverTheWireTest {
    static final String NS_RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    static final String NS_RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";

    RegistryHarness h;

    @BeforeAll
    void start() throws Exception {
        CodeLists lists = CodeLists.parse("classCode = " + org.xdsi.metadata.build.DocumentEntryBuilder.DEFAULT_CLASS.queryForm()
                + "\nmimeType = application/pdf\nmimeType = text/plain\n");
        h = RegistryHarness.start(new RegistryConfig(TestDatabases.url("h2"), null, null, RegistryHarness.DOMAIN, false,
                lists, 3, null));
    }

    @AfterAll
    void stop() {
        h.close();
    }

    private SoapClient.Response register(SubmissionBuilder s) {
        return h.soap.call(Vocabulary.ACTION_REGISTER, RegistryHarness.xml(s.build()));
    }

    private static Element error(SoapClient.Response r, String code) {
        assertFalse(r.isFault(), r.body());
        try {
            Schemas.validate(new DOMSource(r.bodyElement()));
        } catch (Exception e) {
            throw new AssertionError("response does not validate: " + e.getMessage(), e);
        }
        NodeList errors = r.document().getElementsByTagNameNS(NS_RS, "RegistryError");
        for (int i = 0; i < errors.getLength(); i++) {
            Element e = (Element) errors.item(i);
            if (code.equals(e.getAttribute("errorCode"))) {
                assertEquals(Vocabulary.SEVERITY_ERROR, e.getAttribute("severity"));
                assertEquals(Vocabulary.RESPONSE_FAILURE, r.bodyElement().getAttribute("status"));
                return e;
            }
        }
        throw new AssertionError("no " + code + " in " + r.body());
    }

    @Test
    void codeOutsideTheDomainsCodeListIsRejected() {
        SubmissionBuilder s = RegistryHarness.submission(h.fedPatient("CODES1"));
        RegistryHarness.document(s).classCode(new Code("11369-6", "2.16.840.1.113883.6.1", "Immunization"));
        Element e = error(register(s), "XDSRegistryMetadataError");
        assertTrue(e.getAttribute("codeContext").contains("11369-6^^2.16.840.1.113883.6.1"), e.getAttribute("codeContext"));
    }

    @Test
    void mimeTypeOutsideTheDomainsListIsRejected() {
        SubmissionBuilder s = RegistryHarness.submission(h.fedPatient("CODES2"));
        RegistryHarness.document(s).mimeType("application/x-unknown");
        Element e = error(register(s), "XDSRegistryMetadataError");
        assertTrue(e.getAttribute("codeContext").contains("application/x-unknown"), e.getAttribute("codeContext"));
    }

    @Test
    void sameUniqueIdTwiceInOneMessage() {
        SubmissionBuilder s = RegistryHarness.submission(h.fedPatient("DUP1"));
        DocumentEntryBuilder first = RegistryHarness.document(s);
        RegistryHarness.document(s).uniqueId(first.uniqueIdValue());
        Element e = error(register(s), "XDSRegistryDuplicateUniqueIdInMessage");
        assertTrue(e.getAttribute("codeContext").contains(first.uniqueIdValue()));
    }

    @Test
    void sameUniqueIdSameHashOtherSize() {
        String pid = h.fedPatient("SIZE1");
        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(first).hashAndSize("2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", 10);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, register(first).bodyElement().getAttribute("status"));
        SubmissionBuilder second = RegistryHarness.submission(pid);
        RegistryHarness.document(second).uniqueId(d.uniqueIdValue()).hashAndSize("2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", 11);
        Element e = error(register(second), "XDSNonIdenticalSize");
        assertTrue(e.getAttribute("codeContext").contains(d.uniqueIdValue()));
    }

    private SoapClient.Response query(String queryId, String returnType, List<Map.Entry<String, String>> slots) {
        return h.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.adhoc(queryId, returnType, slots));
    }

    @Test
    void storedQueryErrors() {
        String pid = h.fedPatient("QERR1");
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder mine = RegistryHarness.document(s);
        for (int i = 0; i < 3; i++) {
            RegistryHarness.document(s);
        }
        assertEquals(Vocabulary.RESPONSE_SUCCESS, register(s).bodyElement().getAttribute("status"));
        String other = h.fedPatient("QERR2");
        SubmissionBuilder t = RegistryHarness.submission(other);
        DocumentEntryBuilder otherDoc = RegistryHarness.document(t);
        assertEquals(Vocabulary.RESPONSE_SUCCESS, register(t).bodyElement().getAttribute("status"));

        Element tooMany = error(h.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.findDocuments(pid, "ObjectRef")),
                "XDSTooManyResults");
        assertFalse(tooMany.getAttribute("codeContext").isBlank());

        Element missing = error(query(Queries.FIND_DOCUMENTS, "ObjectRef",
                List.of(Map.entry("$XDSDocumentEntryStatus", "('" + Queries.APPROVED + "')"))), "XDSStoredQueryMissingParam");
        assertTrue(missing.getAttribute("codeContext").contains("$XDSDocumentEntryPatientId"));

        Element number = error(query(Queries.GET_DOCUMENTS, "ObjectRef", List.of(
                Map.entry("$XDSDocumentEntryUniqueId", "('1.2.3')"),
                Map.entry("$XDSDocumentEntryEntryUUID", "('urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1')"))),
                "XDSStoredQueryParamNumber");
        assertFalse(number.getAttribute("codeContext").isBlank());

        error(query("urn:uuid:00000000-0000-4000-8000-000000000000", "ObjectRef", List.of()), "XDSUnknownStoredQuery");

        Element malformed = error(query(Queries.FIND_DOCUMENTS, "ObjectRef", List.of(
                Map.entry("$XDSDocumentEntryPatientId", "'" + pid + "'"),
                Map.entry("$XDSDocumentEntryStatus", "('" + Queries.APPROVED + "')"),
                Map.entry("$XDSDocumentEntryCreationTimeFrom", "'not-a-time"))), "XDSRegistryError");
        assertTrue(malformed.getAttribute("codeContext").contains("$XDSDocumentEntryCreationTimeFrom"),
                malformed.getAttribute("codeContext"));

        String mixed = "('" + uuidOf(otherDoc) + "','" + uuidOf(mine) + "')";
        error(query(Queries.GET_DOCUMENTS, "LeafClass", List.of(Map.entry("$XDSDocumentEntryEntryUUID", mixed))),
                "XDSResultNotSinglePatient");
    }

    private String uuidOf(DocumentEntryBuilder d) {
        SoapClient.Response r = query(Queries.GET_DOCUMENTS, "ObjectRef",
                List.of(Map.entry("$XDSDocumentEntryUniqueId", "('" + d.uniqueIdValue() + "')")));
        return ((Element) r.document().getElementsByTagNameNS(NS_RIM, "ObjectRef").item(0)).getAttribute("id");
    }

    @Test
    void leafClassAnswerIsWhatWasSubmitted() throws Exception {
        String pid = h.fedPatient("XMLUNIT1");
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s).title("CT Thorax").serviceTime("202401011200", "202401011230")
                .eventCode(new Code("CT", "1.2.840.10008.2.16.4", "CT")).referenceId("A1^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:accession");
        String submitted = RegistryHarness.xml(s.build());
        assertEquals(Vocabulary.RESPONSE_SUCCESS, register(s).bodyElement().getAttribute("status"));
        SoapClient.Response r = query(Queries.GET_DOCUMENTS, "LeafClass",
                List.of(Map.entry("$XDSDocumentEntryUniqueId", "('" + d.uniqueIdValue() + "')")));
        Element returned = (Element) r.document().getElementsByTagNameNS(NS_RIM, "ExtrinsicObject").item(0);
        Element sent = (Element) SoapClient.parse(submitted).getElementsByTagNameNS(NS_RIM, "ExtrinsicObject").item(0);
        // the registry assigns ids (entry, classification, identifier), lid and status; everything else comes back
        Diff diff = DiffBuilder.compare(sent).withTest(returned).ignoreWhitespace().checkForSimilar()
                .withAttributeFilter(a -> !List.of("id", "lid", "status", "classifiedObject", "registryObject", "objectType")
                        .contains(a.getLocalName()))
                .build();
        assertFalse(diff.hasDifferences(), diff.toString());
    }
}
