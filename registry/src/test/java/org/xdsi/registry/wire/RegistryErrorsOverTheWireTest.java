package org.xdsi.registry.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.registry.wire.Wire.context;
import static org.xdsi.registry.wire.Wire.list;
import static org.xdsi.registry.wire.Wire.q;
import static org.xdsi.registry.wire.Wire.set;
import static org.xdsi.registry.wire.Wire.slot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Element;
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

/**
 * Every registry error code of the issue over the wire (H2): errorCode, severity, a codeContext that names the
 * offending value, {@code location} (the offending object's id) where the registry can name one, and a
 * schema-valid Failure without objects. A second registry carries an affinity-domain code list and a result cap of
 * 2. Also the unmodified vendor samples of the schemas module, registered and found.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryErrorsOverTheWireTest {
    static final String IMMUNIZATION = "11369-6^^2.16.840.1.113883.6.1";

    RegistryHarness h;
    /** classCode restricted to 11369-6, maxQueryResults 2. */
    RegistryHarness restricted;
    int patients;

    @BeforeAll
    void start() throws IOException {
        h = RegistryHarness.start("h2");
        restricted = RegistryHarness.start(new RegistryConfig(TestDatabases.url("h2"), null, null, RegistryHarness.DOMAIN,
                false, CodeLists.parse("classCode = " + IMMUNIZATION), 2, null));
    }

    @AfterAll
    void stop() {
        if (h != null) {
            h.close();
        }
        if (restricted != null) {
            restricted.close();
        }
    }

    private String newPatient(RegistryHarness on) {
        return on.fedPatient("ERR" + (patients++));
    }

    private static SoapClient.Response register(RegistryHarness on, SubmissionBuilder s) {
        SoapClient.Response r = on.soap.call(Vocabulary.ACTION_REGISTER, RegistryHarness.xml(s.build()));
        assertEquals(Vocabulary.ACTION_REGISTER_RESPONSE, r.header("Action"), r.body());
        assertEquals(r.messageId(), r.header("RelatesTo"));
        return r;
    }

    private SoapClient.Response register(SubmissionBuilder s) {
        return register(h, s);
    }

    private static void assertOk(SoapClient.Response r) {
        Wire.assertRegisterEnvelope(r);
        Wire.assertSuccess(r);
    }

    private static SoapClient.Response query(RegistryHarness on, String queryId, String returnType,
                                             List<Map.Entry<String, String>> slots) {
        SoapClient.Response r = on.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.adhoc(queryId, returnType, slots));
        Wire.assertQueryEnvelope(r);
        return r;
    }

    private SoapClient.Response query(String queryId, String returnType, List<Map.Entry<String, String>> slots) {
        return query(h, queryId, returnType, slots);
    }

    /** Nothing of the patient became visible. */
    private void assertNothingStored(RegistryHarness on, String pid) {
        SoapClient.Response r = on.soap.call(Vocabulary.ACTION_STORED_QUERY,
                Queries.findDocuments(pid, "ObjectRef", Queries.APPROVED, Queries.DEPRECATED));
        assertEquals(Set.of(), Wire.ids(r, "ObjectRef"), r.body());
    }

    private String uuidOf(RegistryHarness on, String uniqueId) {
        SoapClient.Response r = query(on, StoredQueriesOverTheWireContract.GET_DOCUMENTS, "ObjectRef",
                List.of(slot("$XDSDocumentEntryUniqueId", list(uniqueId))));
        Set<String> ids = Wire.ids(r, "ObjectRef");
        assertEquals(1, ids.size(), r.body());
        return ids.iterator().next();
    }

    private static void assertContext(Element e, String... fragments) {
        for (String f : fragments) {
            assertTrue(context(e).contains(f), () -> "codeContext should name '" + f + "': " + context(e));
        }
    }

    // ------------------------------------------------------------------------------------------- ITI-42: metadata

    @Test
    void missingRequiredAttribute() {
        String pid = newPatient(h);
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = s.addDocument().repositoryUniqueId(RegistryHarness.REPOSITORY); // no hash, no size
        SoapClient.Response r = register(s);
        Element e = Wire.assertFailure(r, "XDSRegistryMetadataError");
        assertContext(e, "hash");
        assertEquals(d.id(), e.getAttribute("location"), "location names the offending DocumentEntry");
        assertTrue(Wire.errors(r).stream().anyMatch(x -> context(x).contains("size")), "size is missing too: " + r.body());
        assertNothingStored(h, pid);
    }

    @Test
    void missingMimeType() {
        String pid = newPatient(h);
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s);
        String withoutMimeType = RegistryHarness.xml(s.build()).replaceFirst(" mimeType=\"[^\"]*\"", "");
        SoapClient.Response r = h.soap.call(Vocabulary.ACTION_REGISTER, withoutMimeType);
        Element e = Wire.assertFailure(r, "XDSRegistryMetadataError");
        assertContext(e, "mimeType is missing");
        assertEquals(d.id(), e.getAttribute("location"));
        assertNothingStored(h, pid);
    }

    @Test
    void badDtm() {
        String pid = newPatient(h);
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s).creationTime("2024-03-15T10:15:00Z");
        Element e = Wire.assertFailure(register(s), "XDSRegistryMetadataError");
        assertContext(e, "creationTime", "2024-03-15T10:15:00Z");
        assertEquals(d.id(), e.getAttribute("location"));
        assertNothingStored(h, pid);
    }

    @Test
    void badCx() {
        String pid = newPatient(h);
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s).sourcePatientId("89765a87b^^^1.3.6.1.4.1.21367.2005.3.7");
        Element e = Wire.assertFailure(register(s), "XDSRegistryMetadataError");
        assertContext(e, "sourcePatientId", "89765a87b^^^1.3.6.1.4.1.21367.2005.3.7");
        assertEquals(d.id(), e.getAttribute("location"));
    }

    @Test
    void badCxPatientIdOfTheSubmissionSet() {
        String bad = "1234567^^^1.3.6.1.4.1.21367.13.20.1000";
        SubmissionBuilder s = new SubmissionBuilder(bad, RegistryHarness.SOURCE_ID).author("^Welby^Marcus", null);
        RegistryHarness.document(s);
        SoapClient.Response r = register(s);
        Element e = Wire.assertFailure(r, "XDSRegistryMetadataError");
        assertContext(e, bad);
    }

    @Test
    void badXcnAuthorPerson() {
        String pid = newPatient(h);
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s).author("Smitty^Gerald", "Some Hospital^^^^^^^^^1.2.3.4.5");
        Element e = Wire.assertFailure(register(s), "XDSRegistryMetadataError");
        assertContext(e, "authorPerson", "Smitty^Gerald");
        assertEquals(d.id(), e.getAttribute("location"));
    }

    @Test
    void badXonAuthorInstitution() {
        String pid = newPatient(h);
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s).author("^Welby^Marcus^^^Dr", "^^^^^^^^^1.2.3.4.5");
        Element e = Wire.assertFailure(register(s), "XDSRegistryMetadataError");
        assertContext(e, "authorInstitution", "^^^^^^^^^1.2.3.4.5");
        assertEquals(d.id(), e.getAttribute("location"));
    }

    @Test
    void invalidAssociationType() {
        String pid = newPatient(h);
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder first = RegistryHarness.document(s);
        DocumentEntryBuilder second = RegistryHarness.document(s);
        s.relate("urn:ihe:iti:2007:AssociationType:REPLACES", second.id(), first.id());
        SoapClient.Response r = register(s);
        Element e = Wire.assertFailure(r, "XDSRegistryMetadataError");
        assertContext(e, "urn:ihe:iti:2007:AssociationType:REPLACES");
        assertNothingStored(h, pid);
    }

    // ------------------------------------------------------------------------------------------- ITI-42: patients

    @Test
    void patientIdDoesNotMatch() {
        String pid = newPatient(h);
        String other = newPatient(h);
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s).patientId(other);
        Element e = Wire.assertFailure(register(s), "XDSPatientIdDoesNotMatch");
        assertContext(e, other, pid);
        assertEquals(d.id(), e.getAttribute("location"));
        assertNothingStored(h, other);
    }

    @Test
    void unknownPatientId() {
        String stranger = RegistryHarness.patient("NEVERFED-ERR");
        SubmissionBuilder s = RegistryHarness.submission(stranger);
        RegistryHarness.document(s);
        Element e = Wire.assertFailure(register(s), "XDSUnknownPatientId");
        assertContext(e, stranger);
        assertTrue(!e.getAttribute("location").isEmpty(), "location names an object carrying the id");
    }

    // ------------------------------------------------------------------------------------------- ITI-42: uniqueIds

    @Test
    void duplicateUniqueIdInRegistry() {
        String pid = newPatient(h);
        SubmissionBuilder first = RegistryHarness.submission(pid);
        RegistryHarness.document(first);
        assertOk(register(first));
        SubmissionBuilder second = RegistryHarness.submission(pid).uniqueId(first.uniqueId());
        RegistryHarness.document(second);
        Element e = Wire.assertFailure(register(second), "XDSDuplicateUniqueIdInRegistry");
        assertContext(e, first.uniqueId());
        assertEquals("SubmissionSet", e.getAttribute("location"));
    }

    @Test
    void nonIdenticalHash() {
        String pid = newPatient(h);
        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(first).hashAndSize("7c196f11f35b2a52d5edb9a7d79d55448fcd3da8", 92);
        assertOk(register(first));
        SubmissionBuilder second = RegistryHarness.submission(pid);
        DocumentEntryBuilder again = RegistryHarness.document(second).uniqueId(d.uniqueIdValue())
                .hashAndSize("0000000000000000000000000000000000000001", 92);
        SoapClient.Response r = register(second);
        Element e = Wire.assertFailure(r, "XDSNonIdenticalHash");
        assertContext(e, d.uniqueIdValue());
        assertEquals(again.id(), e.getAttribute("location"));
        assertTrue(Wire.errors(r).stream().noneMatch(x -> x.getAttribute("errorCode").equals("XDSNonIdenticalSize")),
                "same size: " + r.body());
    }

    @Test
    void nonIdenticalSize() {
        String pid = newPatient(h);
        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(first).hashAndSize("7c196f11f35b2a52d5edb9a7d79d55448fcd3da8", 92);
        assertOk(register(first));
        SubmissionBuilder second = RegistryHarness.submission(pid);
        DocumentEntryBuilder again = RegistryHarness.document(second).uniqueId(d.uniqueIdValue())
                .hashAndSize("7c196f11f35b2a52d5edb9a7d79d55448fcd3da8", 93);
        SoapClient.Response r = register(second);
        Element e = Wire.assertFailure(r, "XDSNonIdenticalSize");
        assertContext(e, d.uniqueIdValue());
        assertEquals(again.id(), e.getAttribute("location"));
    }

    @Test
    void duplicateUniqueIdInMessage() {
        String pid = newPatient(h);
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder first = RegistryHarness.document(s);
        DocumentEntryBuilder second = RegistryHarness.document(s).uniqueId(first.uniqueIdValue());
        Element e = Wire.assertFailure(register(s), "XDSRegistryDuplicateUniqueIdInMessage");
        assertContext(e, first.uniqueIdValue());
        assertEquals(second.id(), e.getAttribute("location"));
        assertNothingStored(h, pid);
    }

    // ------------------------------------------------------------------------------------------- ITI-42: references

    @Test
    void unresolvedReference() {
        String pid = newPatient(h);
        String nowhere = "urn:uuid:00000000-0000-4000-8000-00000000beef";
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s);
        s.relate(Vocabulary.APND, d.id(), nowhere);
        Element e = Wire.assertFailure(register(s), "UnresolvedReferenceException");
        assertContext(e, nowhere);
        assertTrue(e.getAttribute("location").startsWith("Association"), "location names the association: "
                + e.getAttribute("location"));
        assertNothingStored(h, pid);
    }

    @Test
    void replacingADeprecatedDocument() {
        String pid = newPatient(h);
        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder original = RegistryHarness.document(first);
        assertOk(register(first));
        String originalUuid = uuidOf(h, original.uniqueIdValue());
        SubmissionBuilder second = RegistryHarness.submission(pid);
        DocumentEntryBuilder replacement = RegistryHarness.document(second);
        second.relate(Vocabulary.RPLC, replacement.id(), originalUuid);
        assertOk(register(second));

        SubmissionBuilder third = RegistryHarness.submission(pid);
        DocumentEntryBuilder late = RegistryHarness.document(third);
        third.relate(Vocabulary.RPLC, late.id(), originalUuid);
        SoapClient.Response r = register(third);
        Element e = Wire.assertFailure(r, "XDSRegistryDeprecatedDocumentError");
        assertContext(e, originalUuid);
        assertTrue(e.getAttribute("location").startsWith("Association"), e.getAttribute("location"));
        SoapClient.Response q = h.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.findDocuments(pid, "ObjectRef",
                Queries.APPROVED, Queries.DEPRECATED));
        assertEquals(2, Wire.ids(q, "ObjectRef").size(), "the late replacement was not stored: " + q.body());
    }

    // ------------------------------------------------------------------------------------------- code lists

    @Test
    void codeOutsideTheConfiguredCodeList() {
        String pid = newPatient(restricted);
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s); // default classCode 18748-4
        SoapClient.Response r = register(restricted, s);
        Element e = Wire.assertFailure(r, "XDSRegistryMetadataError");
        assertContext(e, "classCode", DocumentEntryBuilder.DEFAULT_CLASS.queryForm());
        assertEquals(d.id(), e.getAttribute("location"));
        assertNothingStored(restricted, pid);

        SubmissionBuilder allowed = RegistryHarness.submission(pid);
        RegistryHarness.document(allowed).classCode(new Code("11369-6", "2.16.840.1.113883.6.1", "any display name"));
        assertOk(register(restricted, allowed));
    }

    // ------------------------------------------------------------------------------------------- ITI-18

    @Test
    void paramNumberBothSelectors() {
        SoapClient.Response r = query(StoredQueriesOverTheWireContract.GET_DOCUMENTS, "ObjectRef", List.of(
                slot("$XDSDocumentEntryEntryUUID", list("urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1")),
                slot("$XDSDocumentEntryUniqueId", list("1.2.3.4"))));
        Element e = Wire.assertFailure(r, "XDSStoredQueryParamNumber");
        assertContext(e, "$XDSDocumentEntryEntryUUID", "$XDSDocumentEntryUniqueId");
    }

    @Test
    void paramNumberSingleValuedParameterTwice() {
        String pid = newPatient(h);
        SoapClient.Response r = query(Queries.FIND_DOCUMENTS, "ObjectRef", List.of(
                slot("$XDSDocumentEntryPatientId", q(pid)), slot("$XDSDocumentEntryPatientId", q(pid)),
                slot("$XDSDocumentEntryStatus", list(Queries.APPROVED))));
        assertContext(Wire.assertFailure(r, "XDSStoredQueryParamNumber"), "$XDSDocumentEntryPatientId");

        SoapClient.Response two = query(Queries.FIND_DOCUMENTS, "ObjectRef", List.of(
                slot("$XDSDocumentEntryPatientId", q(pid)), slot("$XDSDocumentEntryStatus", list(Queries.APPROVED)),
                slot("$XDSDocumentEntryCreationTimeFrom", "(20240101,20240102)")));
        assertContext(Wire.assertFailure(two, "XDSStoredQueryParamNumber"), "$XDSDocumentEntryCreationTimeFrom");

        SoapClient.Response ss = query(StoredQueriesOverTheWireContract.GET_SUBMISSION_SET_AND_CONTENTS, "ObjectRef",
                List.of(slot("$XDSSubmissionSetUniqueId", list("1.2.3", "1.2.4"))));
        assertContext(Wire.assertFailure(ss, "XDSStoredQueryParamNumber"), "$XDSSubmissionSetUniqueId");
    }

    @Test
    void missingParam() {
        SoapClient.Response r = query(Queries.FIND_DOCUMENTS, "ObjectRef",
                List.of(slot("$XDSDocumentEntryStatus", list(Queries.APPROVED))));
        assertContext(Wire.assertFailure(r, "XDSStoredQueryMissingParam"), "$XDSDocumentEntryPatientId");
        SoapClient.Response status = query(Queries.FIND_DOCUMENTS, "ObjectRef",
                List.of(slot("$XDSDocumentEntryPatientId", q(newPatient(h)))));
        assertContext(Wire.assertFailure(status, "XDSStoredQueryMissingParam"), "$XDSDocumentEntryStatus");
        SoapClient.Response none = query(StoredQueriesOverTheWireContract.GET_DOCUMENTS, "ObjectRef", List.of());
        assertContext(Wire.assertFailure(none, "XDSStoredQueryMissingParam"), "$XDSDocumentEntryEntryUUID",
                "$XDSDocumentEntryUniqueId");
        SoapClient.Response related = query(StoredQueriesOverTheWireContract.GET_RELATED_DOCUMENTS, "ObjectRef",
                List.of(slot("$XDSDocumentEntryEntryUUID", q("urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1"))));
        assertContext(Wire.assertFailure(related, "XDSStoredQueryMissingParam"), "$AssociationTypes");
    }

    @Test
    void unknownStoredQuery() {
        String id = "urn:uuid:00000000-1111-4222-8333-444444444444";
        SoapClient.Response r = query(id, "LeafClass", List.of(slot("$XDSDocumentEntryPatientId", q("x"))));
        assertContext(Wire.assertFailure(r, "XDSUnknownStoredQuery"), id);
    }

    @Test
    void tooManyResults() {
        String pid = newPatient(restricted);
        SubmissionBuilder s = RegistryHarness.submission(pid);
        Code allowed = new Code("11369-6", "2.16.840.1.113883.6.1", "Immunization");
        for (int i = 0; i < 3; i++) {
            RegistryHarness.document(s).classCode(allowed);
        }
        assertOk(register(restricted, s));
        for (String returnType : List.of("ObjectRef", "LeafClass")) {
            SoapClient.Response r = query(restricted, Queries.FIND_DOCUMENTS, returnType, List.of(
                    slot("$XDSDocumentEntryPatientId", q(pid)), slot("$XDSDocumentEntryStatus", list(Queries.APPROVED))));
            assertContext(Wire.assertFailure(r, "XDSTooManyResults"), "2");
        }
        // two objects are within the cap
        SoapClient.Response two = query(restricted, StoredQueriesOverTheWireContract.FIND_SUBMISSION_SETS, "ObjectRef", List.of(
                slot("$XDSSubmissionSetPatientId", q(pid)), slot("$XDSSubmissionSetStatus", list(Queries.APPROVED))));
        Wire.assertSuccess(two);
        assertEquals(1, Wire.ids(two, "ObjectRef").size());
    }

    @Test
    void resultNotSinglePatient() {
        String a = newPatient(h);
        String b = newPatient(h);
        SubmissionBuilder sa = RegistryHarness.submission(a);
        DocumentEntryBuilder da = RegistryHarness.document(sa);
        assertOk(register(sa));
        SubmissionBuilder sb = RegistryHarness.submission(b);
        DocumentEntryBuilder db = RegistryHarness.document(sb);
        assertOk(register(sb));
        List<Map.Entry<String, String>> slots = List.of(slot("$XDSDocumentEntryUniqueId",
                list(da.uniqueIdValue(), db.uniqueIdValue())));
        Element e = Wire.assertFailure(query(StoredQueriesOverTheWireContract.GET_DOCUMENTS, "LeafClass", slots),
                "XDSResultNotSinglePatient");
        assertTrue(context(e).contains(a) || context(e).contains(b) || context(e).contains("patient"), context(e));
        // ObjectRef carries no patient data: allowed
        SoapClient.Response refs = query(StoredQueriesOverTheWireContract.GET_DOCUMENTS, "ObjectRef", slots);
        Wire.assertSuccess(refs);
        assertEquals(2, Wire.ids(refs, "ObjectRef").size());
    }

    @Test
    void malformedParameterValue() {
        String pid = newPatient(h);
        for (Map.Entry<String, String> bad : List.of(
                slot("$XDSDocumentEntryPatientId", "'" + pid),
                slot("$XDSDocumentEntryClassCode", "('18748-4^^2.16.840.1.113883.6.1'"),
                slot("$XDSDocumentEntryCreationTimeFrom", "2024-01-01"),
                slot("$XDSDocumentEntryEventCodeList", "('CT^^^1.2.840.10008.2.16.4')"))) {
            List<Map.Entry<String, String>> slots = new java.util.ArrayList<>(List.of(
                    slot("$XDSDocumentEntryPatientId", q(pid)), slot("$XDSDocumentEntryStatus", list(Queries.APPROVED))));
            slots.removeIf(x -> x.getKey().equals(bad.getKey()));
            slots.add(bad);
            SoapClient.Response r = query(Queries.FIND_DOCUMENTS, "ObjectRef", slots);
            Element e = Wire.assertFailure(r, "XDSRegistryError");
            assertContext(e, bad.getKey());
        }
    }

    // ------------------------------------------------------------------------------------------- vendor samples

    private static String resource(String name) {
        try (InputStream in = RegistryErrorsOverTheWireTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Strips the XML declaration so the text can sit in a soap:Body. */
    private static String body(String xml) {
        return xml.replaceFirst("^\\s*<\\?xml[^>]*\\?>", "");
    }

    @Test
    void unmodifiedVendorSamplesAreRegisteredAndFound() {
        // the sample carries hash, size and repositoryUniqueId already: it is registered as it is
        String patient = "1234567^^^&" + RegistryHarness.DOMAIN + "&ISO";
        h.fedPatient("1234567");
        SoapClient.Response r = h.soap.call(Vocabulary.ACTION_REGISTER, body(resource("/samples/iti42-SubmitObjectsRequest.xml")));
        assertOk(r);

        SoapClient.Response q = h.soap.call(Vocabulary.ACTION_STORED_QUERY,
                body(resource("/samples/iti18-AdhocQueryRequest-FindDocuments.xml")));
        Wire.assertQueryEnvelope(q);
        Wire.assertSuccess(q);
        Wire.assertEveryObjectHasStatus(q);
        List<Element> found = Wire.objects(q, "ExtrinsicObject");
        assertEquals(1, found.size(), q.body());
        assertEquals("1.3.6.1.4.1.21367.2010.1.2.300.20240315101500.1", Wire.uniqueIdOf(found.get(0)));
        assertEquals("Discharge Summary", Wire.nameOf(found.get(0)));
        assertEquals(List.of("7c196f11f35b2a52d5edb9a7d79d55448fcd3da8"), Wire.slotValues(found.get(0), "hash"));
        assertEquals(5, Wire.slotValues(found.get(0), "sourcePatientInfo").size());
        assertTrue(found.get(0).getAttribute("id").startsWith("urn:uuid:"));

        SoapClient.Response all = query(StoredQueriesOverTheWireContract.GET_ALL, "LeafClass", List.of(
                slot("$patientId", q(patient)), slot("$XDSDocumentEntryStatus", list(Queries.APPROVED)),
                slot("$XDSSubmissionSetStatus", list(Queries.APPROVED)), slot("$XDSFolderStatus", list(Queries.APPROVED))));
        Wire.assertSuccess(all);
        assertEquals(2, Wire.objects(all, "RegistryPackage").size(), "SubmissionSet and Folder: " + all.body());
        assertEquals(4, Wire.objects(all, "Association").size(), "the four HasMembers: " + all.body());
        assertEquals(set("1.3.6.1.4.1.21367.2010.1.2.300.20240315102000.2", "1.3.6.1.4.1.21367.2010.1.2.300.20240315102000.3"),
                set(Wire.objects(all, "RegistryPackage").stream().map(Wire::uniqueIdOf).toList()));
    }
}
