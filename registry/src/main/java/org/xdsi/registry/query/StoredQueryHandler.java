package org.xdsi.registry.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.ErrorCollector;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.registry.store.EbrimCodec;
import org.xdsi.registry.store.SqlDialect;
import org.xdsi.registry.store.Status;
import org.xdsi.registry.store.StoredXml;
import org.xdsi.registry.store.ValueAttribute;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.rim.AdhocQueryType;

/**
 * ITI-18 Registry Stored Query: the 14 stored queries of digest §4.2 over the registry tables.
 *
 * <p>Every query is a fixed small number of SQL statements with {@code ?} parameters only, started from the indexes
 * (patient-scoped queries from {@code (patient_id, status, ...)}, by-id queries from uuid / unique_id / lid, and
 * association look-ups from {@code as_source} / {@code as_target}); multi-valued filters are {@code EXISTS} sub-queries
 * on {@code object_value}, one per AND group. Every statement is capped with {@code FETCH FIRST maxResults+1 ROWS ONLY}
 * so that an answer of more than {@link QueryConfig#maxResults()} objects (all kinds counted together) is detected
 * without reading it: Failure with XDSTooManyResults and no objects. Value lists of by-id queries are sent in chunks
 * of {@value #CHUNK} values.
 *
 * <p><b>Result order</b> (stable, identical on every database): by kind — SubmissionSets, DocumentEntries, Folders,
 * Associations — and within a kind by entryUUID (Java {@code String} order, so independent of database collation).
 *
 * <p><b>Time ranges</b>: {@code From <= attribute < To}, both bounds padded to 14 digits like the stored values (so
 * {@code 2004} means {@code 20040000000000}). An entry without creationTime (or a SubmissionSet without submissionTime,
 * a Folder without lastUpdateTime) is excluded once a bound on that attribute is given, except On-Demand entries, for
 * which creationTime bounds are ignored; an entry without serviceStartTime / serviceStopTime is not filtered by those
 * bounds (digest §4.1).
 *
 * <p>The handler never throws for bad input: problems become RegistryErrors in the {@link QueryResult}. A database
 * failure is logged and answered with XDSRegistryError and a neutral codeContext.
 */
public final class StoredQueryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StoredQueryHandler.class);

    /** Values per IN list of the by-id look-ups. */
    static final int CHUNK = 500;

    private static final String P_DE_PATIENT = "$XDSDocumentEntryPatientId";
    private static final String P_DE_STATUS = "$XDSDocumentEntryStatus";
    private static final String P_DE_TYPE = "$XDSDocumentEntryType";
    private static final String P_DE_FORMAT = "$XDSDocumentEntryFormatCode";
    private static final String P_DE_CONF = "$XDSDocumentEntryConfidentialityCode";
    private static final String P_DE_UUID = "$XDSDocumentEntryEntryUUID";
    private static final String P_DE_UNIQUE = "$XDSDocumentEntryUniqueId";
    private static final String P_DE_LID = "$XDSDocumentEntryLogicalID";
    private static final String P_SS_UUID = "$XDSSubmissionSetEntryUUID";
    private static final String P_SS_UNIQUE = "$XDSSubmissionSetUniqueId";
    private static final String P_SS_STATUS = "$XDSSubmissionSetStatus";
    private static final String P_FD_UUID = "$XDSFolderEntryUUID";
    private static final String P_FD_UNIQUE = "$XDSFolderUniqueId";
    private static final String P_FD_LID = "$XDSFolderLogicalID";
    private static final String P_FD_STATUS = "$XDSFolderStatus";
    private static final String P_UUID = "$uuid";
    private static final String P_HOME = "$homeCommunityId";

    // Derby wants typed NULLs in a select list
    private static final String NO_ID = "CAST(NULL AS VARCHAR(64))";
    private static final String DE_COLS = "d.uuid, d.patient_id, d.status, " + NO_ID + ", " + NO_ID;
    private static final String SS_COLS = "s.uuid, s.patient_id, s.status, " + NO_ID + ", " + NO_ID;
    private static final String FD_COLS = "f.uuid, f.patient_id, f.status, " + NO_ID + ", " + NO_ID;
    private static final String AS_COLS = "a.uuid, CAST(NULL AS VARCHAR(256)), a.status, a.source_uuid, a.target_uuid";
    /** The stored ebRIM column of every object table. */
    private static final String XML_COLUMN = "ebrim_deflated";

    private final DataSource ds;
    /** Kept for dialect differences; every statement here is SQL that H2, Derby and PostgreSQL share. */
    @SuppressWarnings("unused")
    private final SqlDialect dialect;
    private final QueryConfig config;

    public StoredQueryHandler(DataSource ds, SqlDialect dialect, QueryConfig config) {
        this.ds = ds;
        this.dialect = dialect;
        this.config = config == null ? QueryConfig.defaults() : config;
    }

    /** Runs the stored query; never throws for bad input or database trouble. */
    public QueryResult execute(AdhocQueryRequest request) {
        boolean objectRef = request != null && request.getResponseOption() != null
                && "ObjectRef".equalsIgnoreCase(trim(request.getResponseOption().getReturnType()));
        ErrorCollector errors = new ErrorCollector();
        try {
            AdhocQueryType adhoc = request == null ? null : request.getAdhocQuery();
            if (adhoc == null) {
                errors.error(ErrorCode.XDSUnknownStoredQuery, "AdhocQuery: missing", null);
                return QueryResult.failure(errors.all(), objectRef);
            }
            StoredQuery query = StoredQuery.ofId(adhoc.getId());
            if (query == null) {
                errors.error(ErrorCode.XDSUnknownStoredQuery, "AdhocQuery/@id: unknown stored query "
                        + QueryParameters.shorten(String.valueOf(adhoc.getId())), null);
                return QueryResult.failure(errors.all(), objectRef);
            }
            QueryParameters params = QueryParameters.parse(adhoc.getSlot(), errors);
            checkHome("AdhocQuery/@home", trim(adhoc.getHome()), errors);
            if (params.has(P_HOME)) {
                checkHome(P_HOME, params.single(P_HOME, false), errors);
            }
            Run run = new Run(query, params, errors, !objectRef);
            run.prepare();
            if (errors.hasErrors()) {
                return QueryResult.failure(errors.all(), objectRef);
            }
            try (Connection c = ds.getConnection()) {
                run.execute(c);
            }
            if (errors.hasErrors()) {
                return QueryResult.failure(errors.all(), objectRef);
            }
            return run.result(objectRef);
        } catch (TooMany e) {
            return QueryResult.failure(List.of(XdsError.error(ErrorCode.XDSTooManyResults,
                    "AdhocQuery: the answer has more than " + config.maxResults()
                            + " objects; narrow the query (e.g. FindDocuments as ObjectRef, then GetDocuments on slices)",
                    null)), objectRef);
        } catch (SQLException e) {
            LOG.error("stored query failed in the database", e);
            return QueryResult.failure(List.of(XdsError.error(ErrorCode.XDSRegistryError,
                    "AdhocQuery: internal registry error while running the query", null)), objectRef);
        } catch (RuntimeException e) {
            LOG.error("stored query failed unexpectedly", e);
            return QueryResult.failure(List.of(XdsError.error(ErrorCode.XDSRegistryError,
                    "AdhocQuery: internal registry error while running the query", null)), objectRef);
        }
    }

    private void checkHome(String where, String home, ErrorCollector errors) {
        if (home == null || home.isEmpty() || config.homeCommunityId() == null) {
            return;
        }
        if (!home.equals(config.homeCommunityId())) {
            errors.error(ErrorCode.XDSUnknownCommunity, where + ": unknown homeCommunityId "
                    + QueryParameters.shorten(home), null);
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /** Thrown when the answer passes maxResults. */
    private static final class TooMany extends RuntimeException {
        TooMany() {
            super(null, null, false, false);
        }
    }

    /** One registry object read back. kind: 0 SubmissionSet, 1 DocumentEntry, 2 Folder, 3 Association. */
    private record Row(int kind, String uuid, String patientId, int status, String source, String target, String xml) {
    }

    /** Document filters shared by FindDocuments, GetAll and the *AndContents queries. */
    private static final class DocFilter {
        List<Integer> statuses;
        List<Integer> types = List.of(1);
        List<String> classCodes = List.of();
        List<String> typeCodes = List.of();
        List<String> practiceCodes = List.of();
        List<String> hcftCodes = List.of();
        List<String> formatCodes = List.of();
        Long creationFrom;
        Long creationTo;
        Long startFrom;
        Long startTo;
        Long stopFrom;
        Long stopTo;
        List<List<String>> eventGroups = List.of();
        List<List<String>> confGroups = List.of();
        List<List<String>> referenceGroups = List.of();
        List<String> authors = List.of();

        /** Appends {@code AND ...} conditions on alias {@code d}. */
        void append(Sql sql) {
            if (statuses != null) {
                sql.sql(" AND ").in("d.status", statuses);
            }
            sql.sql(" AND ").in("d.object_type", types);
            codes(sql, "d.class_code", classCodes);
            codes(sql, "d.type_code", typeCodes);
            codes(sql, "d.practice_code", practiceCodes);
            codes(sql, "d.hcft_code", hcftCodes);
            codes(sql, "d.format_code", formatCodes);
            if (creationFrom != null || creationTo != null) {
                sql.sql(" AND (");
                if (types.contains(2)) {
                    sql.sql("d.object_type = ").arg(2).sql(" OR ");
                }
                sql.sql("(d.creation_time IS NOT NULL");
                range(sql, "d.creation_time", creationFrom, creationTo);
                sql.sql("))");
            }
            lenientRange(sql, "d.service_start", startFrom, startTo);
            lenientRange(sql, "d.service_stop", stopFrom, stopTo);
            for (List<String> g : eventGroups) {
                exists(sql, "d", ValueAttribute.DE_EVENT_CODE, g);
            }
            for (List<String> g : confGroups) {
                exists(sql, "d", ValueAttribute.DE_CONFIDENTIALITY_CODE, g);
            }
            for (List<String> g : referenceGroups) {
                exists(sql, "d", ValueAttribute.DE_REFERENCE_ID, g);
            }
            if (!authors.isEmpty()) {
                like(sql, "d", ValueAttribute.DE_AUTHOR_PERSON, authors);
            }
        }
    }

    private static void codes(Sql sql, String column, List<String> codes) {
        if (!codes.isEmpty()) {
            sql.sql(" AND ").in(column, codes);
        }
    }

    private static void range(Sql sql, String column, Long from, Long to) {
        if (from != null) {
            sql.sql(" AND ").sql(column).sql(" >= ").arg(from);
        }
        if (to != null) {
            sql.sql(" AND ").sql(column).sql(" < ").arg(to);
        }
    }

    /** Bounds that do not apply to rows without the attribute. */
    private static void lenientRange(Sql sql, String column, Long from, Long to) {
        if (from == null && to == null) {
            return;
        }
        sql.sql(" AND (").sql(column).sql(" IS NULL OR (1 = 1");
        range(sql, column, from, to);
        sql.sql("))");
    }

    /** One AND group of a multi-valued attribute: the object has one of the values. */
    private static void exists(Sql sql, String alias, ValueAttribute attr, List<String> values) {
        sql.sql(" AND EXISTS (SELECT 1 FROM object_value v WHERE v.patient_id = ").sql(alias)
                .sql(".patient_id AND v.attr = ").arg(attr.id()).sql(" AND v.uuid = ").sql(alias).sql(".uuid AND ")
                .in("v.val", values).sql(")");
    }

    /** The object has a value matching one of the LIKE patterns. */
    private static void like(Sql sql, String alias, ValueAttribute attr, List<String> patterns) {
        sql.sql(" AND EXISTS (SELECT 1 FROM object_value v WHERE v.patient_id = ").sql(alias)
                .sql(".patient_id AND v.attr = ").arg(attr.id()).sql(" AND v.uuid = ").sql(alias).sql(".uuid AND (");
        boolean first = true;
        for (String p : patterns) {
            if (!first) {
                sql.sql(" OR ");
            }
            first = false;
            sql.sql("v.val LIKE ").arg(likePattern(p)).sql(" ESCAPE '\\'");
        }
        sql.sql("))");
    }

    /** Keeps {@code %} and {@code _} as wildcards; the escape character itself is escaped. */
    static String likePattern(String p) {
        return p.replace("\\", "\\\\");
    }

    /** The state of one request. */
    private final class Run {
        private final StoredQuery query;
        private final QueryParameters p;
        private final ErrorCollector errors;
        private final boolean leaf;
        private final Map<String, Row> rows = new LinkedHashMap<>();
        private int count;

        // decoded parameters
        private String patientId;
        private String patientParam;
        private final DocFilter docs = new DocFilter();
        private List<Integer> ssStatuses;
        private List<Integer> fdStatuses;
        private List<String> sourceIds = List.of();
        private Long timeFrom;
        private Long timeTo;
        private String ssAuthor;
        private List<String> contentTypes = List.of();
        private List<List<String>> folderCodeGroups = List.of();
        private String selectorParam;
        private List<String> selector = List.of();
        private List<String> assocTypes = List.of();

        Run(StoredQuery query, QueryParameters p, ErrorCollector errors, boolean leaf) {
            this.query = query;
            this.p = p;
            this.errors = errors;
            this.leaf = leaf;
        }

        /** Decodes and checks the parameters of the query. */
        void prepare() {
            switch (query) {
                case FIND_DOCUMENTS, FIND_DOCUMENTS_BY_REFERENCE_ID -> {
                    patient(P_DE_PATIENT);
                    docs.statuses = p.statuses(P_DE_STATUS);
                    docs.types = p.objectTypes(P_DE_TYPE);
                    docs.classCodes = p.codes("$XDSDocumentEntryClassCode");
                    docs.typeCodes = p.codes("$XDSDocumentEntryTypeCode");
                    docs.practiceCodes = p.codes("$XDSDocumentEntryPracticeSettingCode");
                    docs.hcftCodes = p.codes("$XDSDocumentEntryHealthcareFacilityTypeCode");
                    docs.formatCodes = p.codes(P_DE_FORMAT);
                    docs.creationFrom = p.time("$XDSDocumentEntryCreationTimeFrom");
                    docs.creationTo = p.time("$XDSDocumentEntryCreationTimeTo");
                    docs.startFrom = p.time("$XDSDocumentEntryServiceStartTimeFrom");
                    docs.startTo = p.time("$XDSDocumentEntryServiceStartTimeTo");
                    docs.stopFrom = p.time("$XDSDocumentEntryServiceStopTimeFrom");
                    docs.stopTo = p.time("$XDSDocumentEntryServiceStopTimeTo");
                    docs.eventGroups = p.codeGroups("$XDSDocumentEntryEventCodeList");
                    docs.confGroups = p.codeGroups(P_DE_CONF);
                    docs.authors = p.list("$XDSDocumentEntryAuthorPerson", false);
                    if (query == StoredQuery.FIND_DOCUMENTS_BY_REFERENCE_ID) {
                        docs.referenceGroups = p.andOr("$XDSDocumentEntryReferenceIdList", true);
                    } else if (p.has("$XDSDocumentEntryReferenceIdList")) {
                        docs.referenceGroups = p.andOr("$XDSDocumentEntryReferenceIdList", false);
                    }
                }
                case FIND_SUBMISSION_SETS -> {
                    patient("$XDSSubmissionSetPatientId");
                    ssStatuses = p.statuses(P_SS_STATUS);
                    sourceIds = p.list("$XDSSubmissionSetSourceId", false);
                    timeFrom = p.time("$XDSSubmissionSetSubmissionTimeFrom");
                    timeTo = p.time("$XDSSubmissionSetSubmissionTimeTo");
                    ssAuthor = p.single("$XDSSubmissionSetAuthorPerson", false);
                    contentTypes = p.codes("$XDSSubmissionSetContentType");
                }
                case FIND_FOLDERS -> {
                    patient("$XDSFolderPatientId");
                    fdStatuses = p.statuses(P_FD_STATUS);
                    timeFrom = p.time("$XDSFolderLastUpdateTimeFrom");
                    timeTo = p.time("$XDSFolderLastUpdateTimeTo");
                    folderCodeGroups = p.codeGroups("$XDSFolderCodeList");
                }
                case GET_ALL -> {
                    patient("$patientId");
                    docs.statuses = p.statuses(P_DE_STATUS);
                    ssStatuses = p.statuses(P_SS_STATUS);
                    fdStatuses = p.statuses(P_FD_STATUS);
                    contentFilters();
                }
                case GET_DOCUMENTS, GET_DOCUMENTS_AND_ASSOCIATIONS -> selector(P_DE_UUID, P_DE_UNIQUE, P_DE_LID, true);
                case GET_FOLDERS -> selector(P_FD_UUID, P_FD_UNIQUE, P_FD_LID, true);
                case GET_ASSOCIATIONS, GET_SUBMISSION_SETS -> {
                    selectorParam = P_UUID;
                    selector = p.list(P_UUID, true);
                }
                case GET_SUBMISSION_SET_AND_CONTENTS -> {
                    selector(P_SS_UUID, P_SS_UNIQUE, null, false);
                    contentFilters();
                }
                case GET_FOLDER_AND_CONTENTS -> {
                    selector(P_FD_UUID, P_FD_UNIQUE, null, false);
                    contentFilters();
                }
                case GET_FOLDERS_FOR_DOCUMENT -> selector(P_DE_UUID, P_DE_UNIQUE, null, false);
                case GET_RELATED_DOCUMENTS -> {
                    selector(P_DE_UUID, P_DE_UNIQUE, null, false);
                    assocTypes = p.list("$AssociationTypes", true);
                    docs.types = p.objectTypes(P_DE_TYPE);
                }
                default -> throw new IllegalStateException(query.name());
            }
            // accepted, never an error: $MetadataLevel, $XDSAssociationStatus, $XDSDocumentEntryDocumentAvailability
        }

        private void contentFilters() {
            docs.formatCodes = p.codes(P_DE_FORMAT);
            docs.confGroups = p.codeGroups(P_DE_CONF);
            docs.types = p.objectTypes(P_DE_TYPE);
        }

        private void patient(String name) {
            patientParam = name;
            patientId = p.single(name, true);
            if (patientId != null) {
                patientId = patientId.trim();
                if (patientId.isEmpty()) {
                    errors.error(ErrorCode.XDSStoredQueryMissingParam, name + ": empty patient id", null);
                    patientId = null;
                }
            }
        }

        /** Exactly one of the two selectors (the logical id only when neither is given). */
        private void selector(String uuidParam, String uniqueParam, String lidParam, boolean multi) {
            boolean hasUuid = p.has(uuidParam);
            boolean hasUnique = p.has(uniqueParam);
            if (hasUuid && hasUnique) {
                errors.error(ErrorCode.XDSStoredQueryParamNumber, uuidParam + ", " + uniqueParam
                        + ": give only one of the two", null);
                return;
            }
            String name = hasUuid ? uuidParam : hasUnique ? uniqueParam
                    : lidParam != null && p.has(lidParam) ? lidParam : null;
            if (name == null) {
                errors.error(ErrorCode.XDSStoredQueryMissingParam, uuidParam + " or " + uniqueParam
                        + ": one of them is required", null);
                return;
            }
            selectorParam = name;
            if (multi) {
                selector = p.list(name, true);
            } else {
                String v = p.single(name, true);
                selector = v == null ? List.of() : List.of(v);
            }
        }

        void execute(Connection c) throws SQLException {
            if (patientId != null && config.unknownPatientPolicy() == QueryConfig.UnknownPatientPolicy.ERROR
                    && !knownPatient(c)) {
                errors.error(ErrorCode.XDSUnknownPatientId, patientParam + ": unknown patient id "
                        + QueryParameters.shorten(patientId), null);
                return;
            }
            switch (query) {
                case FIND_DOCUMENTS, FIND_DOCUMENTS_BY_REFERENCE_ID -> {
                    Sql sql = select(1, DE_COLS, "document_entry d").sql(" WHERE d.patient_id = ").arg(patientId);
                    docs.append(sql);
                    read(c, 1, sql);
                }
                case FIND_SUBMISSION_SETS -> findSubmissionSets(c);
                case FIND_FOLDERS -> {
                    Sql sql = select(2, FD_COLS, "folder f").sql(" WHERE f.patient_id = ").arg(patientId)
                            .sql(" AND ").in("f.status", fdStatuses);
                    if (timeFrom != null || timeTo != null) {
                        sql.sql(" AND f.last_update_time IS NOT NULL");
                        range(sql, "f.last_update_time", timeFrom, timeTo);
                    }
                    for (List<String> g : folderCodeGroups) {
                        exists(sql, "f", ValueAttribute.FOLDER_CODE, g);
                    }
                    read(c, 2, sql);
                }
                case GET_ALL -> getAll(c);
                case GET_DOCUMENTS -> byId(c, 1, DE_COLS, "document_entry d", "d");
                case GET_FOLDERS -> byId(c, 2, FD_COLS, "folder f", "f");
                case GET_ASSOCIATIONS -> associationsTouching(c, selector, null);
                case GET_DOCUMENTS_AND_ASSOCIATIONS -> {
                    byId(c, 1, DE_COLS, "document_entry d", "d");
                    associationsTouching(c, uuidsOf(1), null);
                }
                case GET_SUBMISSION_SETS -> getSubmissionSets(c);
                case GET_SUBMISSION_SET_AND_CONTENTS -> getSubmissionSetAndContents(c);
                case GET_FOLDER_AND_CONTENTS -> getFolderAndContents(c);
                case GET_FOLDERS_FOR_DOCUMENT -> getFoldersForDocument(c);
                case GET_RELATED_DOCUMENTS -> getRelatedDocuments(c);
                default -> throw new IllegalStateException(query.name());
            }
            if (leaf && query.byId()) {
                Set<String> patients = new LinkedHashSet<>();
                for (Row r : rows.values()) {
                    if (r.patientId() != null) {
                        patients.add(r.patientId());
                    }
                }
                if (patients.size() > 1) {
                    errors.error(ErrorCode.XDSResultNotSinglePatient, (selectorParam == null ? "AdhocQuery"
                            : selectorParam) + ": the objects asked for belong to " + patients.size()
                            + " patients; query them one patient at a time", null);
                }
            }
        }

        private boolean knownPatient(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT merged_into FROM patient WHERE pid = ?")) {
                ps.setString(1, patientId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getString(1) == null;
                }
            }
        }

        private void findSubmissionSets(Connection c) throws SQLException {
            Sql sql = select(0, SS_COLS, "submission_set s").sql(" WHERE s.patient_id = ").arg(patientId)
                    .sql(" AND ").in("s.status", ssStatuses);
            if (timeFrom != null || timeTo != null) {
                sql.sql(" AND s.submission_time IS NOT NULL");
                range(sql, "s.submission_time", timeFrom, timeTo);
            }
            if (!sourceIds.isEmpty()) {
                sql.sql(" AND ").in("s.source_id", sourceIds);
            }
            codes(sql, "s.content_type_code", contentTypes);
            if (ssAuthor != null) {
                like(sql, "s", ValueAttribute.SS_AUTHOR_PERSON, List.of(ssAuthor));
            }
            read(c, 0, sql);
        }

        private void getAll(Connection c) throws SQLException {
            read(c, 0, select(0, SS_COLS, "submission_set s").sql(" WHERE s.patient_id = ").arg(patientId)
                    .sql(" AND ").in("s.status", ssStatuses));
            Sql de = select(1, DE_COLS, "document_entry d").sql(" WHERE d.patient_id = ").arg(patientId);
            docs.append(de);
            read(c, 1, de);
            read(c, 2, select(2, FD_COLS, "folder f").sql(" WHERE f.patient_id = ").arg(patientId)
                    .sql(" AND ").in("f.status", fdStatuses));
            // associations touching any returned object: a UNION of index-driven joins (patient index, then
            // as_source / as_target), resolved to association rows by primary key
            Sql as = select(3, AS_COLS, "association a").sql(" WHERE a.uuid IN (");
            String[] ends = {"source_uuid", "target_uuid"};
            boolean first = true;
            for (String end : ends) {
                if (!first) {
                    as.sql(" UNION ");
                }
                first = false;
                as.sql("SELECT x.uuid FROM submission_set s JOIN association x ON x.").sql(end)
                        .sql(" = s.uuid WHERE s.patient_id = ").arg(patientId).sql(" AND ").in("s.status", ssStatuses);
                as.sql(" UNION SELECT x.uuid FROM document_entry d JOIN association x ON x.").sql(end)
                        .sql(" = d.uuid WHERE d.patient_id = ").arg(patientId);
                docs.append(as);
                as.sql(" UNION SELECT x.uuid FROM folder f JOIN association x ON x.").sql(end)
                        .sql(" = f.uuid WHERE f.patient_id = ").arg(patientId).sql(" AND ").in("f.status", fdStatuses);
            }
            as.sql(")");
            read(c, 3, as);
        }

        /** Objects of one table by the chosen selector, in chunks. */
        private void byId(Connection c, int kind, String cols, String table, String alias) throws SQLException {
            String column = alias + (selectorParam.endsWith("EntryUUID") ? ".uuid"
                    : selectorParam.endsWith("LogicalID") ? ".lid" : ".unique_id");
            for (List<String> chunk : chunks(selector)) {
                read(c, kind, select(kind, cols, table).sql(" WHERE ").in(column, chunk));
            }
        }

        /** Associations with an end in {@code uuids}, optionally restricted to some types. */
        private void associationsTouching(Connection c, Collection<String> uuids, List<String> types)
                throws SQLException {
            for (List<String> chunk : chunks(uuids)) {
                Sql sql = select(3, AS_COLS, "association a").sql(" WHERE (").in("a.source_uuid", chunk)
                        .sql(" OR ").in("a.target_uuid", chunk).sql(")");
                if (types != null) {
                    sql.sql(" AND ").in("a.assoc_type", types);
                }
                read(c, 3, sql);
            }
        }

        private void getSubmissionSets(Connection c) throws SQLException {
            for (List<String> chunk : chunks(selector)) {
                read(c, 0, select(0, SS_COLS, "submission_set s").sql(" WHERE s.uuid IN (SELECT a.source_uuid"
                        + " FROM association a WHERE a.assoc_type = ").arg(Vocabulary.HAS_MEMBER).sql(" AND ")
                        .in("a.target_uuid", chunk).sql(")"));
                read(c, 3, select(3, AS_COLS, "association a").sql(" WHERE a.assoc_type = ")
                        .arg(Vocabulary.HAS_MEMBER).sql(" AND ").in("a.target_uuid", chunk)
                        .sql(" AND EXISTS (SELECT 1 FROM submission_set s WHERE s.uuid = a.source_uuid)"));
            }
        }

        private void getSubmissionSetAndContents(Connection c) throws SQLException {
            if (selector.isEmpty()) {
                return;
            }
            String column = selectorParam.equals(P_SS_UUID) ? "s.uuid" : "s.unique_id";
            read(c, 0, select(0, SS_COLS, "submission_set s").sql(" WHERE ").sql(column).sql(" = ")
                    .arg(selector.get(0)));
            Row ss = first(0);
            if (ss == null) {
                return;
            }
            members(c, ss.uuid(), true);
            Set<String> objects = new HashSet<>(rows.keySet());
            // the SubmissionSet's own HasMembers, and associations between its members
            Sql sql = select(3, AS_COLS, "association a").sql(" WHERE a.source_uuid = ").arg(ss.uuid());
            read(c, 3, sql);
            Sql between = select(3, AS_COLS, "association a").sql(" WHERE a.source_uuid IN (SELECT m.target_uuid"
                    + " FROM association m WHERE m.source_uuid = ").arg(ss.uuid()).sql(" AND m.assoc_type = ")
                    .arg(Vocabulary.HAS_MEMBER).sql(") AND a.target_uuid IN (SELECT m.target_uuid FROM association m"
                            + " WHERE m.source_uuid = ").arg(ss.uuid()).sql(" AND m.assoc_type = ")
                    .arg(Vocabulary.HAS_MEMBER).sql(")");
            read(c, 3, between);
            // keep associations between returned objects, and the SS's HasMembers to returned objects/associations
            Set<String> assocs = new HashSet<>();
            for (Row r : rows.values()) {
                if (r.kind() == 3 && objects.contains(r.source()) && objects.contains(r.target())) {
                    assocs.add(r.uuid());
                }
            }
            rows.values().removeIf(r -> r.kind() == 3 && !assocs.contains(r.uuid())
                    && !(r.source().equals(ss.uuid()) && assocs.contains(r.target())));
        }

        private void getFolderAndContents(Connection c) throws SQLException {
            if (selector.isEmpty()) {
                return;
            }
            String column = selectorParam.equals(P_FD_UUID) ? "f.uuid" : "f.unique_id";
            read(c, 2, select(2, FD_COLS, "folder f").sql(" WHERE ").sql(column).sql(" = ").arg(selector.get(0)));
            Row fd = first(2);
            if (fd == null) {
                return;
            }
            members(c, fd.uuid(), false);
            read(c, 3, select(3, AS_COLS, "association a").sql(" WHERE a.source_uuid = ").arg(fd.uuid())
                    .sql(" AND a.assoc_type = ").arg(Vocabulary.HAS_MEMBER));
            rows.values().removeIf(r -> r.kind() == 3 && !rows.containsKey(r.target()));
        }

        /** The (filtered) DocumentEntries, and for a SubmissionSet the Folders, that {@code owner} HasMember. */
        private void members(Connection c, String owner, boolean folders) throws SQLException {
            Sql de = select(1, DE_COLS, "document_entry d").sql(" WHERE d.uuid IN (SELECT a.target_uuid FROM"
                    + " association a WHERE a.source_uuid = ").arg(owner).sql(" AND a.assoc_type = ")
                    .arg(Vocabulary.HAS_MEMBER).sql(")");
            docs.append(de);
            read(c, 1, de);
            if (folders) {
                read(c, 2, select(2, FD_COLS, "folder f").sql(" WHERE f.uuid IN (SELECT a.target_uuid FROM"
                        + " association a WHERE a.source_uuid = ").arg(owner).sql(" AND a.assoc_type = ")
                        .arg(Vocabulary.HAS_MEMBER).sql(")"));
            }
        }

        private void getFoldersForDocument(Connection c) throws SQLException {
            if (selector.isEmpty()) {
                return;
            }
            Sql sql = select(2, FD_COLS, "folder f").sql(" WHERE f.uuid IN (SELECT a.source_uuid FROM association a"
                    + " WHERE a.assoc_type = ").arg(Vocabulary.HAS_MEMBER).sql(" AND a.target_uuid");
            if (selectorParam.equals(P_DE_UUID)) {
                sql.sql(" = ").arg(selector.get(0)).sql(")");
            } else {
                sql.sql(" IN (SELECT d.uuid FROM document_entry d WHERE d.unique_id = ").arg(selector.get(0))
                        .sql("))");
            }
            read(c, 2, sql);
        }

        private void getRelatedDocuments(Connection c) throws SQLException {
            if (selector.isEmpty() || assocTypes.isEmpty()) {
                return;
            }
            String column = selectorParam.equals(P_DE_UUID) ? "d.uuid" : "d.unique_id";
            Map<String, Row> origin = new LinkedHashMap<>();
            try (PreparedStatement ps = prepare(c, select(1, DE_COLS, "document_entry d").sql(" WHERE ")
                    .sql(column).sql(" = ").arg(selector.get(0)))) {
                readInto(ps, 1, origin);
            }
            if (origin.isEmpty()) {
                return;
            }
            Map<String, Row> assocs = new LinkedHashMap<>();
            for (List<String> chunk : chunks(origin.keySet())) {
                Sql sql = select(3, AS_COLS, "association a").sql(" WHERE (").in("a.source_uuid", chunk)
                        .sql(" OR ").in("a.target_uuid", chunk).sql(") AND ").in("a.assoc_type", assocTypes);
                try (PreparedStatement ps = prepare(c, sql)) {
                    readInto(ps, 3, assocs);
                }
            }
            Set<String> ends = new LinkedHashSet<>();
            for (Row a : assocs.values()) {
                ends.add(a.source());
                ends.add(a.target());
            }
            Map<String, Row> found = new LinkedHashMap<>();
            for (List<String> chunk : chunks(ends)) {
                Sql sql = select(1, DE_COLS, "document_entry d").sql(" WHERE ").in("d.uuid", chunk).sql(" AND ")
                        .in("d.object_type", docs.types);
                try (PreparedStatement ps = prepare(c, sql)) {
                    readInto(ps, 1, found);
                }
            }
            List<Row> kept = new ArrayList<>();
            for (Row a : assocs.values()) {
                if (found.containsKey(a.source()) && found.containsKey(a.target())) {
                    kept.add(a);
                }
            }
            if (kept.isEmpty()) {
                return;
            }
            Set<String> used = new HashSet<>();
            for (Row a : kept) {
                used.add(a.source());
                used.add(a.target());
            }
            for (Row d : found.values()) {
                if (used.contains(d.uuid())) {
                    add(d);
                }
            }
            kept.forEach(this::add);
        }

        private Row first(int kind) {
            for (Row r : rows.values()) {
                if (r.kind() == kind) {
                    return r;
                }
            }
            return null;
        }

        private List<String> uuidsOf(int kind) {
            List<String> out = new ArrayList<>();
            for (Row r : rows.values()) {
                if (r.kind() == kind) {
                    out.add(r.uuid());
                }
            }
            return out;
        }

        private Sql select(int kind, String cols, String table) {
            return new Sql("SELECT " + cols + (leaf ? ", " + table.substring(table.length() - 1) + "." + XML_COLUMN : "")
                    + " FROM " + table);
        }

        private PreparedStatement prepare(Connection c, Sql sql) throws SQLException {
            String text = sql.text() + " FETCH FIRST " + (config.maxResults() + 1) + " ROWS ONLY";
            PreparedStatement ps = c.prepareStatement(text);
            try {
                sql.bind(ps);
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
            return ps;
        }

        private void read(Connection c, int kind, Sql sql) throws SQLException {
            try (PreparedStatement ps = prepare(c, sql)) {
                Map<String, Row> into = new LinkedHashMap<>();
                readInto(ps, kind, into);
                into.values().forEach(this::add);
            }
        }

        private void readInto(PreparedStatement ps, int kind, Map<String, Row> into) throws SQLException {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row r = new Row(kind, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), leaf ? EbrimCodec.decode(rs.getBytes(6)) : null);
                    if (into.putIfAbsent(r.uuid(), r) == null && into.size() > config.maxResults()) {
                        throw new TooMany();
                    }
                }
            }
        }

        private void add(Row r) {
            if (rows.putIfAbsent(r.uuid(), r) == null && ++count > config.maxResults()) {
                throw new TooMany();
            }
        }

        QueryResult result(boolean objectRef) {
            List<Row> sorted = new ArrayList<>(rows.values());
            sorted.sort(Comparator.comparingInt(Row::kind).thenComparing(Row::uuid));
            String home = config.homeCommunityId();
            List<String> ids = new ArrayList<>(sorted.size());
            List<String> fragments = new ArrayList<>(objectRef ? 0 : sorted.size());
            for (Row r : sorted) {
                ids.add(r.uuid());
                if (!objectRef) {
                    fragments.add(StoredXml.withAttributes(r.xml(), Status.ofCode(r.status()), home));
                }
            }
            return new QueryResult(QueryResult.statusOf(errors.all(), !ids.isEmpty()), errors.all(), objectRef, ids,
                    fragments, home);
        }
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String v : values) {
            current.add(v);
            if (current.size() == CHUNK) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
