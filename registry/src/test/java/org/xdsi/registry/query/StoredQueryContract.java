package org.xdsi.registry.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.registry.query.QueryFixture.*;

import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.registry.store.RegistryDatabase;
import org.xdsi.schema.Schemas;

/** Every stored query against a real database; subclasses choose H2 or Derby. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoredQueryContract {
    static final String APPROVED = Vocabulary.STATUS_APPROVED;
    static final String DEPRECATED = Vocabulary.STATUS_DEPRECATED;

    RegistryDatabase db;
    StoredQueryHandler handler;

    /** A fresh database URL. */
    abstract String url(String name);

    @BeforeAll
    void open() throws Exception {
        db = RegistryDatabase.open(url("q" + UUID.randomUUID().toString().replace("-", "")), null, null);
        QueryFixture.load(db.dataSource());
        handler = new StoredQueryHandler(db.dataSource(), db.dialect(), QueryConfig.defaults());
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
    }

    QueryResult run(Request r) {
        return handler.execute(r.build());
    }

    static Request findDocs(String... statuses) {
        return new Request(StoredQuery.FIND_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryPatientId", q(P1))
                .slot("$XDSDocumentEntryStatus", list(statuses.length == 0 ? new String[] {APPROVED} : statuses));
    }

    static void assertIds(QueryResult r, String... ids) {
        assertEquals(List.of(), r.errors(), "errors");
        assertEquals(Vocabulary.RESPONSE_SUCCESS, r.status());
        assertEquals(List.of(ids), r.ids());
    }

    static void assertError(QueryResult r, ErrorCode code, String contextPart) {
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.status(), () -> r.errors().toString());
        assertTrue(r.ids().isEmpty());
        XdsError e = r.errors().stream().filter(x -> x.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + r.errors()));
        assertTrue(e.codeContext().contains(contextPart), e.codeContext());
        String xml = r.toResponseXml();
        int errorList = xml.indexOf("<rs:RegistryErrorList");
        assertTrue(errorList > 0 && errorList < xml.indexOf("<rim:RegistryObjectList"), xml);
        assertTrue(xml.contains("<rim:RegistryObjectList></rim:RegistryObjectList>"), xml);
    }

    // ---------- FindDocuments

    @Test
    void findDocumentsStatusAndType() {
        assertIds(run(findDocs()), D1, D2, D4);
        assertIds(run(findDocs(DEPRECATED)), D3);
        assertIds(run(findDocs(APPROVED, DEPRECATED)), D1, D2, D3, D4);
        assertIds(run(findDocs().slot("$XDSDocumentEntryType", list(Vocabulary.ON_DEMAND_DOCUMENT))), D5);
        assertIds(run(findDocs().slot("$XDSDocumentEntryType",
                list(Vocabulary.STABLE_DOCUMENT, Vocabulary.ON_DEMAND_DOCUMENT))), D1, D2, D4, D5);
        // unknown status values ignored
        assertIds(run(findDocs(APPROVED, "urn:oasis:names:tc:ebxml-regrep:StatusType:Bogus")), D1, D2, D4);
    }

    @Test
    void findDocumentsSingleValuedCodes() {
        assertIds(run(findDocs(APPROVED, DEPRECATED).slot("$XDSDocumentEntryClassCode", "('c1^^S')")), D1, D3, D4);
        assertIds(run(findDocs().slot("$XDSDocumentEntryClassCode", "('c1^^S','c2^^S')")), D1, D2, D4);
        assertIds(run(findDocs().slot("$XDSDocumentEntryTypeCode", "('t2^^S')")), D2);
        assertIds(run(findDocs().slot("$XDSDocumentEntryPracticeSettingCode", "('p2^^S')")), D2);
        assertIds(run(findDocs().slot("$XDSDocumentEntryHealthcareFacilityTypeCode", "('h1^^S')")), D1, D4);
        assertIds(run(findDocs().slot("$XDSDocumentEntryFormatCode", "('f2^^S')")), D2);
        // same code in another scheme does not match
        assertIds(run(findDocs().slot("$XDSDocumentEntryClassCode", "('c1^^Other')")));
        // list split over several Value elements
        assertIds(run(findDocs().slot("$XDSDocumentEntryClassCode", "('c1^^S')", "('c2^^S')")), D1, D2, D4);
    }

    @Test
    void findDocumentsAndOrCodes() {
        String ev = "$XDSDocumentEntryEventCodeList";
        Request both = findDocs(APPROVED, DEPRECATED);
        assertIds(run(findDocs(APPROVED, DEPRECATED).slot(ev, "('e1^^ev','e2^^ev')")), D1, D2, D3);
        // (e1) AND (e2)
        assertIds(run(findDocs(APPROVED, DEPRECATED).slot(ev, "('e1^^ev')").slot(ev, "('e2^^ev')")), D1);
        // (e2 OR e3) AND (e1)
        assertIds(run(findDocs(APPROVED, DEPRECATED).slot(ev, "('e2^^ev','e3^^ev')").slot(ev, "('e1^^ev')")),
                D1, D3);
        String conf = "$XDSDocumentEntryConfidentialityCode";
        assertIds(run(both.slot(conf, "('N^^conf')").slot(conf, "('R^^conf')")), D3);
        assertIds(run(findDocs().slot(conf, "('R^^conf')")), D2);
    }

    @Test
    void findDocumentsTimeRanges() {
        String from = "$XDSDocumentEntryCreationTimeFrom";
        String to = "$XDSDocumentEntryCreationTimeTo";
        // From inclusive, To exclusive; D4 (no creationTime) excluded once a bound is given
        assertIds(run(findDocs().slot(from, "20240101")), D1, D2);
        assertIds(run(findDocs().slot(from, "20240101000001")), D2);
        assertIds(run(findDocs().slot(to, "20240201")), D1);
        assertIds(run(findDocs().slot(from, "20240101").slot(to, "202402010000")), D1);
        // On-Demand entries ignore creationTime bounds
        assertIds(run(findDocs().slot(from, "2099").slot("$XDSDocumentEntryType",
                list(Vocabulary.ON_DEMAND_DOCUMENT))), D5);
        // serviceStart: D2 has none, so is not filtered
        assertIds(run(findDocs().slot("$XDSDocumentEntryServiceStartTimeFrom", "20240115")), D2, D4);
        assertIds(run(findDocs().slot("$XDSDocumentEntryServiceStartTimeTo", "20240115")), D1, D2);
        assertIds(run(findDocs().slot("$XDSDocumentEntryServiceStopTimeFrom", "20231210")
                .slot("$XDSDocumentEntryServiceStopTimeTo", "20231211")), D1, D2, D4);
        assertIds(run(findDocs().slot("$XDSDocumentEntryServiceStopTimeTo", "20231210")), D2, D4);
    }

    @Test
    void findDocumentsAuthorLike() {
        String a = "$XDSDocumentEntryAuthorPerson";
        assertIds(run(findDocs().slot(a, "('%Welby%')")), D1, D4);
        assertIds(run(findDocs().slot(a, "('^Sm_th^John')")), D2);
        assertIds(run(findDocs().slot(a, "('%Welby%','%Smith%')")), D1, D2, D4);
        assertIds(run(findDocs(DEPRECATED).slot(a, "('^O''Brien^50%')")), D3);
        // backslash is not an escape character for the consumer
        assertIds(run(findDocs(DEPRECATED).slot(a, "('^O''Brien^50\\%_off')")));
        assertIds(run(findDocs().slot(a, "('nobody')")));
    }

    @Test
    void findDocumentsByReferenceId() {
        String ref = "$XDSDocumentEntryReferenceIdList";
        Request base = new Request(StoredQuery.FIND_DOCUMENTS_BY_REFERENCE_ID.id()).objectRef()
                .slot("$XDSDocumentEntryPatientId", q(P1))
                .slot("$XDSDocumentEntryStatus", list(APPROVED, DEPRECATED));
        assertIds(run(base.slot(ref, list("ref1^^^&1.2&ISO"))), D1, D4);
        assertIds(run(new Request(StoredQuery.FIND_DOCUMENTS_BY_REFERENCE_ID.id()).objectRef()
                .slot("$XDSDocumentEntryPatientId", q(P1)).slot("$XDSDocumentEntryStatus", list(APPROVED, DEPRECATED))
                .slot(ref, list("ref1^^^&1.2&ISO", "ref2^^^&1.2&ISO")).slot(ref, list("ref2^^^&1.2&ISO"))), D3, D4);
        // exact match: wildcards are not patterns here; SQL metacharacters are plain data
        assertIds(run(new Request(StoredQuery.FIND_DOCUMENTS_BY_REFERENCE_ID.id()).objectRef()
                .slot("$XDSDocumentEntryPatientId", q(P1)).slot("$XDSDocumentEntryStatus", list(DEPRECATED))
                .slot(ref, list(REF_HOSTILE))), D3);
        assertIds(run(new Request(StoredQuery.FIND_DOCUMENTS_BY_REFERENCE_ID.id()).objectRef()
                .slot("$XDSDocumentEntryPatientId", q(P1)).slot("$XDSDocumentEntryStatus", list(APPROVED))
                .slot(ref, list("ref%"))));
        assertError(run(new Request(StoredQuery.FIND_DOCUMENTS_BY_REFERENCE_ID.id())
                .slot("$XDSDocumentEntryPatientId", q(P1)).slot("$XDSDocumentEntryStatus", list(APPROVED))),
                ErrorCode.XDSStoredQueryMissingParam, ref);
    }

    @Test
    void sqlMetacharactersAreData() {
        assertIds(run(new Request(StoredQuery.FIND_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryPatientId", q(P1 + "' OR '1'='1"))
                .slot("$XDSDocumentEntryStatus", list(APPROVED))));
        assertIds(run(findDocs().slot("$XDSDocumentEntryClassCode", list("c1^^S'; DELETE FROM patient; --"))));
        assertIds(run(findDocs().slot("$XDSDocumentEntryAuthorPerson", list("%'; --"))));
        assertIds(run(findDocs()), D1, D2, D4);
    }

    @Test
    void unknownAndMergedPatient() {
        Request unknown = new Request(StoredQuery.FIND_DOCUMENTS.id())
                .slot("$XDSDocumentEntryPatientId", q(UNKNOWN)).slot("$XDSDocumentEntryStatus", list(APPROVED));
        assertIds(run(unknown));
        StoredQueryHandler strict = new StoredQueryHandler(db.dataSource(), db.dialect(),
                QueryConfig.defaults().withUnknownPatientPolicy(QueryConfig.UnknownPatientPolicy.ERROR));
        assertError(strict.execute(unknown.build()), ErrorCode.XDSUnknownPatientId, UNKNOWN);
        assertError(strict.execute(new Request(StoredQuery.FIND_DOCUMENTS.id())
                .slot("$XDSDocumentEntryPatientId", q(P3)).slot("$XDSDocumentEntryStatus", list(APPROVED)).build()),
                ErrorCode.XDSUnknownPatientId, "$XDSDocumentEntryPatientId");
        assertEquals(3, strict.execute(findDocs().build()).size());
    }

    // ---------- FindSubmissionSets / FindFolders

    @Test
    void findSubmissionSets() {
        Request base = new Request(StoredQuery.FIND_SUBMISSION_SETS.id()).objectRef()
                .slot("$XDSSubmissionSetPatientId", q(P1)).slot("$XDSSubmissionSetStatus", list(APPROVED));
        assertIds(run(base), SS1, SS2);
        assertIds(run(copySs().slot("$XDSSubmissionSetSourceId", list("1.9.8"))), SS2);
        assertIds(run(copySs().slot("$XDSSubmissionSetSubmissionTimeFrom", "20240101120000")
                .slot("$XDSSubmissionSetSubmissionTimeTo", "20240201120000")), SS1);
        assertIds(run(copySs().slot("$XDSSubmissionSetAuthorPerson", q("^O'Brien%"))), SS2);
        assertIds(run(copySs().slot("$XDSSubmissionSetContentType", list("ct1^^LN"))), SS1);
        assertIds(run(new Request(StoredQuery.FIND_SUBMISSION_SETS.id()).objectRef()
                .slot("$XDSSubmissionSetPatientId", q(P1)).slot("$XDSSubmissionSetStatus", list(DEPRECATED))));
    }

    private static Request copySs() {
        return new Request(StoredQuery.FIND_SUBMISSION_SETS.id()).objectRef()
                .slot("$XDSSubmissionSetPatientId", q(P1)).slot("$XDSSubmissionSetStatus", list(APPROVED));
    }

    @Test
    void findFolders() {
        String codes = "$XDSFolderCodeList";
        assertIds(run(folders()), F1, F2);
        assertIds(run(folders().slot(codes, "('fc1^^S')")), F1);
        assertIds(run(folders().slot(codes, "('fc1^^S','fc2^^S')")), F1, F2);
        assertIds(run(folders().slot(codes, "('fc2^^S')").slot(codes, "('fc1^^S')")), F1);
        assertIds(run(folders().slot("$XDSFolderLastUpdateTimeFrom", "20240105")), F1, F2);
        assertIds(run(folders().slot("$XDSFolderLastUpdateTimeTo", "20240301")), F1);
    }

    private static Request folders() {
        return new Request(StoredQuery.FIND_FOLDERS.id()).objectRef()
                .slot("$XDSFolderPatientId", q(P1)).slot("$XDSFolderStatus", list(APPROVED));
    }

    // ---------- GetAll

    @Test
    void getAll() {
        Request r = new Request(StoredQuery.GET_ALL.id()).objectRef().slot("$patientId", q(P1))
                .slot("$XDSDocumentEntryStatus", list(APPROVED, DEPRECATED))
                .slot("$XDSSubmissionSetStatus", list(APPROVED)).slot("$XDSFolderStatus", list(APPROVED));
        assertIds(run(r), SS1, SS2, D1, D2, D3, D4, F1, F2, A_SS1_D1, A_SS1_D2, A_SS1_F1, A_F1_D1, A_F1_D2,
                A_SS1_AF1D1, A_SS1_AF1D2, A_XFRM_D2_D1, A_SS2_D3, A_SS2_D4, A_SS2_D5, A_SS2_F2, A_RPLC_D4_D3);
        QueryResult leaf = run(new Request(StoredQuery.GET_ALL.id()).slot("$patientId", q(P2))
                .slot("$XDSDocumentEntryStatus", list(APPROVED)).slot("$XDSSubmissionSetStatus", list(APPROVED))
                .slot("$XDSFolderStatus", list(APPROVED)).slot("$XDSDocumentEntryConfidentialityCode", "('N^^conf')")
                .slot("$XDSDocumentEntryFormatCode", "('f1^^S')"));
        assertIds(leaf, SS3, D6, A_SS3_D6);
        assertError(run(new Request(StoredQuery.GET_ALL.id()).slot("$patientId", q(P1))
                .slot("$XDSDocumentEntryStatus", list(APPROVED)).slot("$XDSSubmissionSetStatus", list(APPROVED))),
                ErrorCode.XDSStoredQueryMissingParam, "$XDSFolderStatus");
    }

    // ---------- by-id queries

    @Test
    void getDocuments() {
        assertIds(run(new Request(StoredQuery.GET_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryEntryUUID", list(D2, D1, id("ffff")))), D1, D2);
        assertIds(run(new Request(StoredQuery.GET_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryUniqueId", list("1.2.840.2.3"))), D3);
        assertIds(run(new Request(StoredQuery.GET_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryLogicalID", list(D4))), D4);
        QueryResult leaf = run(new Request(StoredQuery.GET_DOCUMENTS.id()).slot("$XDSDocumentEntryEntryUUID", list(D3)));
        assertIds(leaf, D3);
        assertTrue(leaf.fragments().get(0).startsWith("<rim:ExtrinsicObject status=\"" + DEPRECATED + "\""),
                leaf.fragments().get(0));
        assertError(run(new Request(StoredQuery.GET_DOCUMENTS.id()).slot("$XDSDocumentEntryEntryUUID", list(D1))
                .slot("$XDSDocumentEntryUniqueId", list("1.2.840.2.1"))), ErrorCode.XDSStoredQueryParamNumber,
                "$XDSDocumentEntryUniqueId");
        assertError(run(new Request(StoredQuery.GET_DOCUMENTS.id()).slot("$MetadataLevel", "1")),
                ErrorCode.XDSStoredQueryMissingParam, "$XDSDocumentEntryEntryUUID");
    }

    @Test
    void longIdListsAreChunked() {
        String[] ids = new String[StoredQueryHandler.CHUNK + 7];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(String.format("e%03d", i));
        }
        ids[3] = D4;
        ids[StoredQueryHandler.CHUNK + 1] = D1;
        ids[ids.length - 1] = D2;
        assertIds(run(new Request(StoredQuery.GET_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryEntryUUID", list(ids))), D1, D2, D4);
    }

    @Test
    void resultNotSinglePatient() {
        Request leaf = new Request(StoredQuery.GET_DOCUMENTS.id()).slot("$XDSDocumentEntryEntryUUID", list(D1, D6));
        QueryResult r = run(leaf);
        assertError(r, ErrorCode.XDSResultNotSinglePatient, "$XDSDocumentEntryEntryUUID");
        assertTrue(r.fragments().isEmpty());
        assertIds(run(new Request(StoredQuery.GET_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryEntryUUID", list(D1, D6))), D1, D6);
    }

    @Test
    void getFolders() {
        assertIds(run(new Request(StoredQuery.GET_FOLDERS.id()).objectRef().slot("$XDSFolderEntryUUID", list(F1, F2))),
                F1, F2);
        assertIds(run(new Request(StoredQuery.GET_FOLDERS.id()).objectRef()
                .slot("$XDSFolderUniqueId", list("1.2.840.3.2"))), F2);
        assertIds(run(new Request(StoredQuery.GET_FOLDERS.id()).objectRef().slot("$XDSFolderLogicalID", list(F1))), F1);
    }

    @Test
    void getAssociations() {
        assertIds(run(new Request(StoredQuery.GET_ASSOCIATIONS.id()).objectRef().slot("$uuid", list(D1))),
                A_SS1_D1, A_F1_D1, A_XFRM_D2_D1);
        assertIds(run(new Request(StoredQuery.GET_ASSOCIATIONS.id()).slot("$uuid", list(D3, F2))),
                A_SS2_D3, A_SS2_F2, A_RPLC_D4_D3);
        assertError(run(new Request(StoredQuery.GET_ASSOCIATIONS.id())), ErrorCode.XDSStoredQueryMissingParam,
                "$uuid");
    }

    @Test
    void getDocumentsAndAssociations() {
        assertIds(run(new Request(StoredQuery.GET_DOCUMENTS_AND_ASSOCIATIONS.id()).objectRef()
                .slot("$XDSDocumentEntryUniqueId", list("1.2.840.2.4"))), D4, A_SS2_D4, A_RPLC_D4_D3);
    }

    @Test
    void getSubmissionSets() {
        assertIds(run(new Request(StoredQuery.GET_SUBMISSION_SETS.id()).objectRef().slot("$uuid", list(D1, F2))),
                SS1, SS2, A_SS1_D1, A_SS2_F2);
    }

    @Test
    void getSubmissionSetAndContents() {
        assertIds(run(new Request(StoredQuery.GET_SUBMISSION_SET_AND_CONTENTS.id()).objectRef()
                .slot("$XDSSubmissionSetEntryUUID", q(SS1))),
                SS1, D1, D2, F1, A_SS1_D1, A_SS1_D2, A_SS1_F1, A_F1_D1, A_F1_D2, A_SS1_AF1D1, A_SS1_AF1D2,
                A_XFRM_D2_D1);
        // filter drops D2 and every association touching it
        assertIds(run(new Request(StoredQuery.GET_SUBMISSION_SET_AND_CONTENTS.id()).objectRef()
                .slot("$XDSSubmissionSetUniqueId", q("1.2.840.1.1"))
                .slot("$XDSDocumentEntryFormatCode", "('f1^^S')")),
                SS1, D1, F1, A_SS1_D1, A_SS1_F1, A_F1_D1, A_SS1_AF1D1);
        assertIds(run(new Request(StoredQuery.GET_SUBMISSION_SET_AND_CONTENTS.id()).objectRef()
                .slot("$XDSSubmissionSetEntryUUID", q(SS2))
                .slot("$XDSDocumentEntryType", list(Vocabulary.STABLE_DOCUMENT, Vocabulary.ON_DEMAND_DOCUMENT))),
                SS2, D3, D4, D5, F2, A_SS2_D3, A_SS2_D4, A_SS2_D5, A_SS2_F2, A_RPLC_D4_D3);
        assertError(run(new Request(StoredQuery.GET_SUBMISSION_SET_AND_CONTENTS.id())
                .slot("$XDSSubmissionSetEntryUUID", list(SS1, SS2))), ErrorCode.XDSStoredQueryParamNumber,
                "$XDSSubmissionSetEntryUUID");
    }

    @Test
    void getFolderAndContents() {
        assertIds(run(new Request(StoredQuery.GET_FOLDER_AND_CONTENTS.id()).objectRef()
                .slot("$XDSFolderEntryUUID", q(F1))), D1, D2, F1, A_F1_D1, A_F1_D2);
        assertIds(run(new Request(StoredQuery.GET_FOLDER_AND_CONTENTS.id()).objectRef()
                .slot("$XDSFolderUniqueId", q("1.2.840.3.1"))
                .slot("$XDSDocumentEntryConfidentialityCode", "('R^^conf')")), D2, F1, A_F1_D2);
        assertIds(run(new Request(StoredQuery.GET_FOLDER_AND_CONTENTS.id()).objectRef()
                .slot("$XDSFolderEntryUUID", q(F2))), F2);
    }

    @Test
    void getFoldersForDocument() {
        assertIds(run(new Request(StoredQuery.GET_FOLDERS_FOR_DOCUMENT.id()).objectRef()
                .slot("$XDSDocumentEntryEntryUUID", q(D2))), F1);
        assertIds(run(new Request(StoredQuery.GET_FOLDERS_FOR_DOCUMENT.id()).objectRef()
                .slot("$XDSDocumentEntryUniqueId", q("1.2.840.2.1"))), F1);
        assertIds(run(new Request(StoredQuery.GET_FOLDERS_FOR_DOCUMENT.id()).objectRef()
                .slot("$XDSDocumentEntryEntryUUID", q(D4))));
    }

    @Test
    void getRelatedDocuments() {
        assertIds(run(new Request(StoredQuery.GET_RELATED_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryEntryUUID", q(D3))
                .slot("$AssociationTypes", list(Vocabulary.RPLC, Vocabulary.XFRM))), D3, D4, A_RPLC_D4_D3);
        assertIds(run(new Request(StoredQuery.GET_RELATED_DOCUMENTS.id()).objectRef()
                .slot("$XDSDocumentEntryUniqueId", q("1.2.840.2.1"))
                .slot("$AssociationTypes", list(Vocabulary.RPLC))));
        assertIds(run(new Request(StoredQuery.GET_RELATED_DOCUMENTS.id())
                .slot("$XDSDocumentEntryUniqueId", q("1.2.840.2.1"))
                .slot("$AssociationTypes", list(Vocabulary.XFRM))), D1, D2, A_XFRM_D2_D1);
        assertError(run(new Request(StoredQuery.GET_RELATED_DOCUMENTS.id())
                .slot("$XDSDocumentEntryEntryUUID", q(D3))), ErrorCode.XDSStoredQueryMissingParam, "$AssociationTypes");
    }

    // ---------- errors and configuration

    @Test
    void parameterErrors() {
        assertError(run(new Request("urn:uuid:00000000-0000-0000-0000-000000000000")),
                ErrorCode.XDSUnknownStoredQuery, "urn:uuid:00000000-0000-0000-0000-000000000000");
        assertError(run(new Request(StoredQuery.FIND_DOCUMENTS.id()).slot("$XDSDocumentEntryStatus", list(APPROVED))),
                ErrorCode.XDSStoredQueryMissingParam, "$XDSDocumentEntryPatientId");
        assertError(run(findDocs("urn:bogus")), ErrorCode.XDSStoredQueryMissingParam, "$XDSDocumentEntryStatus");
        assertError(run(findDocs().slot("$XDSDocumentEntryPatientId", q(P1))), ErrorCode.XDSStoredQueryParamNumber,
                "$XDSDocumentEntryPatientId");
        assertError(run(findDocs().slot("$XDSDocumentEntryCreationTimeFrom", "('2024','2025')")),
                ErrorCode.XDSStoredQueryParamNumber, "$XDSDocumentEntryCreationTimeFrom");
        assertError(run(findDocs().slot("$XDSDocumentEntryCreationTimeFrom", "'yesterday'")),
                ErrorCode.XDSRegistryError, "$XDSDocumentEntryCreationTimeFrom");
        assertError(run(findDocs().slot("$XDSDocumentEntryClassCode", "('c1^^S'")),
                ErrorCode.XDSRegistryError, "$XDSDocumentEntryClassCode");
        assertError(run(findDocs().slot("$XDSDocumentEntryClassCode", "('c1^^S)")),
                ErrorCode.XDSRegistryError, "$XDSDocumentEntryClassCode");
        assertError(run(findDocs().slot("$XDSDocumentEntryClassCode", "('c1^^^S')")),
                ErrorCode.XDSRegistryError, "$XDSDocumentEntryClassCode");
        assertError(run(findDocs().slot("$XDSDocumentEntryClassCode", "('c1')")),
                ErrorCode.XDSRegistryError, "$XDSDocumentEntryClassCode");
        // MU parameters accepted
        assertIds(run(findDocs().slot("$MetadataLevel", "2").slot("$XDSAssociationStatus", list(APPROVED))
                .slot("$XDSDocumentEntryDocumentAvailability", list("urn:ihe:iti:2010:DocumentAvailability:Online"))),
                D1, D2, D4);
    }

    @Test
    void tooManyResults() throws Exception {
        StoredQueryHandler small = new StoredQueryHandler(db.dataSource(), db.dialect(),
                QueryConfig.defaults().withMaxResults(3));
        assertEquals(3, small.execute(findDocs().build()).size());
        assertError(small.execute(findDocs(APPROVED, DEPRECATED).build()), ErrorCode.XDSTooManyResults, "3");
        assertError(small.execute(new Request(StoredQuery.GET_SUBMISSION_SET_AND_CONTENTS.id())
                .slot("$XDSSubmissionSetEntryUUID", q(SS1)).build()), ErrorCode.XDSTooManyResults, "3");
    }

    @Test
    void homeCommunity() {
        StoredQueryHandler homed = new StoredQueryHandler(db.dataSource(), db.dialect(),
                QueryConfig.defaults().withHomeCommunityId(HOME));
        QueryResult refs = homed.execute(findDocs().home(HOME).build());
        assertIds(refs, D1, D2, D4);
        assertTrue(refs.toResponseXml().contains("<rim:ObjectRef id=\"" + D1 + "\" home=\"" + HOME + "\"/>"));
        QueryResult leaf = homed.execute(new Request(StoredQuery.GET_DOCUMENTS.id())
                .slot("$XDSDocumentEntryEntryUUID", list(D1)).build());
        assertTrue(leaf.fragments().get(0).contains("home=\"" + HOME + "\""));
        assertError(homed.execute(findDocs().home("urn:oid:9.9.9").build()), ErrorCode.XDSUnknownCommunity,
                "urn:oid:9.9.9");
        // an unconfigured registry accepts any @home
        assertIds(run(findDocs().home("urn:oid:9.9.9")), D1, D2, D4);
    }

    @Test
    void returnTypes() {
        QueryResult refs = run(findDocs());
        assertTrue(refs.objectRef());
        assertTrue(refs.fragments().isEmpty());
        QueryResult other = run(findDocs().returnType("Whatever"));
        assertFalse(other.objectRef());
        assertEquals(3, other.fragments().size());
    }

    @Test
    void leafClassResponseIsSchemaValid() throws Exception {
        StoredQueryHandler homed = new StoredQueryHandler(db.dataSource(), db.dialect(),
                QueryConfig.defaults().withHomeCommunityId(HOME));
        QueryResult r = homed.execute(new Request(StoredQuery.GET_SUBMISSION_SET_AND_CONTENTS.id())
                .slot("$XDSSubmissionSetEntryUUID", q(SS1)).build());
        assertEquals(12, r.size());
        String xml = r.toResponseXml();
        Schemas.validate(new StreamSource(new StringReader(xml)));
        Schemas.validate(new StreamSource(new StringReader(run(findDocs().slot("$XDSDocumentEntryPatientId", q(P1)))
                .toResponseXml())));
        Schemas.validate(new StreamSource(new StringReader(run(findDocs()).toResponseXml())));
    }
}
