package org.xdsi.registry.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.registry.query.QueryFixture.list;
import static org.xdsi.registry.query.QueryFixture.q;

import java.io.StringReader;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.metadata.model.Code;
import org.xdsi.registry.RegistryConfig;
import org.xdsi.registry.RegistryService;
import org.xdsi.registry.testing.RegistryHarness;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.rs.RegistryResponseType;

/**
 * Stored queries over what the real ITI-42 path (RegisterHandler / SubmissionWriter) stored: real ebRIM fragments,
 * real code and value rows. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegisteredRoundTripContract {
    static final Code CLASS_A = new Code("11488-4", "2.16.840.1.113883.6.1", "Consult note");
    static final Code EVENT_CT = new Code("CT", "1.2.840.10008.2.16.4", "CT");
    static final Code EVENT_MR = new Code("MR", "1.2.840.10008.2.16.4", "MR");
    static final Code FOLDER_CODE = new Code("F1", "1.2.3.9", "Folder code");

    RegistryService service;
    StoredQueryHandler handler;
    String pid;
    String original;
    String replacement;
    String other;
    String folder;

    abstract String url();

    @BeforeAll
    void register() {
        service = new RegistryService(RegistryConfig.embedded(url(), RegistryHarness.DOMAIN));
        handler = new StoredQueryHandler(service.database().dataSource(), service.database().dialect(),
                QueryConfig.defaults());
        pid = RegistryHarness.patient("rt" + System.nanoTime());
        service.patients().register(pid);

        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder a = RegistryHarness.document(first).classCode(CLASS_A).author("^Welby^Marcus^^^Dr", "Some Hospital^^^^^^^^^1.2.3.4.5").eventCode(EVENT_CT)
                .eventCode(EVENT_MR).creationTime("20240101101010").serviceTime("20231201", "20231202")
                .referenceId("acc-1^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:accession");
        DocumentEntryBuilder b = RegistryHarness.document(first).eventCode(EVENT_CT).creationTime("20240202");
        String f = first.addFolder("Imaging", FOLDER_CODE);
        first.addToFolder(f, a.id());
        ok(service.registerDocumentSet(first.build()));
        original = byUniqueId(a.uniqueIdValue());
        other = byUniqueId(b.uniqueIdValue());
        folder = run(new QueryFixture.Request(StoredQuery.FIND_FOLDERS.id()).objectRef()
                .slot("$XDSFolderPatientId", q(pid)).slot("$XDSFolderStatus", list(Vocabulary.STATUS_APPROVED)))
                .ids().get(0);

        SubmissionBuilder second = RegistryHarness.submission(pid);
        DocumentEntryBuilder r = RegistryHarness.document(second).classCode(CLASS_A).creationTime("20240303");
        second.relate(Vocabulary.RPLC, r.id(), original);
        ok(service.registerDocumentSet(second.build()));
        replacement = byUniqueId(r.uniqueIdValue());
    }

    @AfterAll
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private static void ok(RegistryResponseType response) {
        assertEquals(Vocabulary.RESPONSE_SUCCESS, response.getStatus(), () -> RegistryHarness.xml(response));
    }

    QueryResult run(QueryFixture.Request r) {
        return handler.execute(r.build());
    }

    private String byUniqueId(String uniqueId) {
        QueryResult r = run(new QueryFixture.Request(StoredQuery.GET_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryUniqueId", list(uniqueId)));
        assertEquals(1, r.size(), () -> r.errors().toString());
        return r.ids().get(0);
    }

    private QueryFixture.Request findDocs(String... statuses) {
        return new QueryFixture.Request(StoredQuery.FIND_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryPatientId", q(pid)).slot("$XDSDocumentEntryStatus", list(statuses));
    }

    @Test
    void replacementDeprecatesTheOriginal() {
        assertEquals(sorted(other, replacement), run(findDocs(Vocabulary.STATUS_APPROVED)).ids());
        assertEquals(List.of(original), run(findDocs(Vocabulary.STATUS_DEPRECATED)).ids());
        QueryResult related = run(new QueryFixture.Request(StoredQuery.GET_RELATED_DOCUMENTS.id())
                .slot("$XDSDocumentEntryEntryUUID", q(original)).slot("$AssociationTypes", list(Vocabulary.RPLC)));
        assertEquals(3, related.size(), () -> related.errors().toString());
        assertTrue(related.fragments().stream().anyMatch(x -> x.contains("status=\"" + Vocabulary.STATUS_DEPRECATED
                + "\"") && x.contains(original)));
    }

    @Test
    void codesEventsAndReferences() {
        String ev = "$XDSDocumentEntryEventCodeList";
        assertEquals(List.of(original), run(findDocs(Vocabulary.STATUS_APPROVED, Vocabulary.STATUS_DEPRECATED)
                .slot(ev, list(EVENT_CT.queryForm())).slot(ev, list(EVENT_MR.queryForm()))).ids());
        assertEquals(sorted(original, other), run(findDocs(Vocabulary.STATUS_APPROVED, Vocabulary.STATUS_DEPRECATED)
                .slot(ev, list(EVENT_CT.queryForm()))).ids());
        assertEquals(sorted(original, replacement), run(findDocs(Vocabulary.STATUS_APPROVED,
                Vocabulary.STATUS_DEPRECATED).slot("$XDSDocumentEntryClassCode", list(CLASS_A.queryForm()))).ids());
        assertEquals(List.of(original), run(findDocs(Vocabulary.STATUS_DEPRECATED)
                .slot("$XDSDocumentEntryAuthorPerson", list("%Welby%"))
                .slot("$XDSDocumentEntryServiceStartTimeFrom", "20231201")
                .slot("$XDSDocumentEntryServiceStartTimeTo", "20231202")).ids());
        QueryResult byRef = run(new QueryFixture.Request(StoredQuery.FIND_DOCUMENTS_BY_REFERENCE_ID.id()).objectRef()
                .slot("$XDSDocumentEntryPatientId", q(pid))
                .slot("$XDSDocumentEntryStatus", list(Vocabulary.STATUS_DEPRECATED))
                .slot("$XDSDocumentEntryReferenceIdList", list("acc-1^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:accession")));
        assertEquals(List.of(original), byRef.ids(), () -> byRef.errors().toString());
    }

    @Test
    void folderCarriesTheReplacement() {
        QueryResult r = run(new QueryFixture.Request(StoredQuery.GET_FOLDER_AND_CONTENTS.id()).objectRef()
                .slot("$XDSFolderEntryUUID", q(folder)));
        assertTrue(r.ids().containsAll(List.of(folder, original, replacement)), r.ids().toString());
        assertEquals(List.of(folder), run(new QueryFixture.Request(StoredQuery.GET_FOLDERS_FOR_DOCUMENT.id())
                .objectRef().slot("$XDSDocumentEntryEntryUUID", q(replacement))).ids());
        assertEquals(List.of(folder), run(new QueryFixture.Request(StoredQuery.FIND_FOLDERS.id()).objectRef()
                .slot("$XDSFolderPatientId", q(pid)).slot("$XDSFolderStatus", list(Vocabulary.STATUS_APPROVED))
                .slot("$XDSFolderCodeList", list(FOLDER_CODE.queryForm()))).ids());
    }

    @Test
    void getAllLeafClassThroughTheServiceIsSchemaValid() throws Exception {
        String xml = service.storedQueryXml(new QueryFixture.Request(StoredQuery.GET_ALL.id())
                .slot("$patientId", q(pid))
                .slot("$XDSDocumentEntryStatus", list(Vocabulary.STATUS_APPROVED, Vocabulary.STATUS_DEPRECATED))
                .slot("$XDSSubmissionSetStatus", list(Vocabulary.STATUS_APPROVED))
                .slot("$XDSFolderStatus", list(Vocabulary.STATUS_APPROVED)).build());
        assertTrue(xml.contains("status=\"" + Vocabulary.RESPONSE_SUCCESS + "\""), xml);
        assertTrue(xml.contains("<rim:ExtrinsicObject") && xml.contains("<rim:Association"), xml);
        Schemas.validate(new StreamSource(new StringReader(xml)));
        // what the SOAP layer unmarshals
        assertEquals(Vocabulary.RESPONSE_SUCCESS, service.storedQuery(new QueryFixture.Request(StoredQuery.GET_ALL.id())
                .slot("$patientId", q(pid)).slot("$XDSDocumentEntryStatus", list(Vocabulary.STATUS_APPROVED))
                .slot("$XDSSubmissionSetStatus", list(Vocabulary.STATUS_APPROVED))
                .slot("$XDSFolderStatus", list(Vocabulary.STATUS_APPROVED)).build()).getStatus());
    }

    @Test
    void mergedPatientsEntriesAnswerUnderTheSurvivor() {
        String survivor = RegistryHarness.patient("rs" + System.nanoTime());
        String subsumed = RegistryHarness.patient("rm" + System.nanoTime());
        service.patients().register(survivor);
        service.patients().register(subsumed);
        SubmissionBuilder s = RegistryHarness.submission(subsumed);
        DocumentEntryBuilder d = RegistryHarness.document(s);
        ok(service.registerDocumentSet(s.build()));
        service.patients().merge(subsumed, survivor);
        String uuid = byUniqueId(d.uniqueIdValue());
        assertEquals(List.of(uuid), run(new QueryFixture.Request(StoredQuery.FIND_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryPatientId", q(survivor))
                .slot("$XDSDocumentEntryStatus", list(Vocabulary.STATUS_APPROVED))).ids());
        StoredQueryHandler strict = new StoredQueryHandler(service.database().dataSource(),
                service.database().dialect(),
                QueryConfig.defaults().withUnknownPatientPolicy(QueryConfig.UnknownPatientPolicy.ERROR));
        QueryResult r = strict.execute(new QueryFixture.Request(StoredQuery.FIND_DOCUMENTS.id())
                .slot("$XDSDocumentEntryPatientId", q(subsumed))
                .slot("$XDSDocumentEntryStatus", list(Vocabulary.STATUS_APPROVED)).build());
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.status());
    }

    private static List<String> sorted(String... ids) {
        return java.util.Arrays.stream(ids).sorted().toList();
    }
}
