package org.xdsi.registry.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsException;
import org.xdsi.metadata.hl7.Dtm;
import org.xdsi.metadata.model.Association;
import org.xdsi.metadata.model.Author;
import org.xdsi.metadata.model.Code;
import org.xdsi.metadata.model.DocumentEntry;
import org.xdsi.metadata.model.Folder;
import org.xdsi.metadata.model.Submission;
import org.xdsi.metadata.model.SubmissionSet;
import org.xdsi.registry.store.EbrimCodec;
import org.xdsi.registry.store.EbrimEdits;
import org.xdsi.registry.store.Status;
import org.xdsi.registry.store.ValueAttribute;
import org.xdsi.schema.rim.AssociationType1;
import org.xdsi.schema.rim.RegistryPackageType;

/**
 * Writes one validated submission inside the caller's transaction, with the effects ITI-42 defines: new objects
 * Approved, replaced entries (and their transforms and addenda) Deprecated, folder memberships carried over to the
 * replacement, and lastUpdateTime of every folder that gained a member. A DocumentEntry already registered (same
 * uniqueId, hash and size) is not written again: the submission's associations point at the registered one.
 */
final class SubmissionWriter {
    private static final String INSERT_DE = "INSERT INTO document_entry (uuid, lid, version, patient_id, status,"
            + " unique_id, object_type, class_code, type_code, format_code, hcft_code, practice_code, creation_time,"
            + " service_start, service_stop, hash, size_bytes, repository_uid, mime_type, submission_set, ebrim_deflated)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_SS = "INSERT INTO submission_set (uuid, patient_id, status, unique_id,"
            + " source_id, submission_time, content_type_code, ebrim_deflated) VALUES (?,?,?,?,?,?,?,?)";
    private static final String INSERT_FD = "INSERT INTO folder (uuid, lid, version, patient_id, status, unique_id,"
            + " last_update_time, ebrim_deflated) VALUES (?,?,?,?,?,?,?,?)";
    private static final String INSERT_AS = "INSERT INTO association (uuid, assoc_type, source_uuid, target_uuid,"
            + " status, submission_set, ebrim_deflated) VALUES (?,?,?,?,?,?,?)";
    private static final String INSERT_VALUE = "INSERT INTO object_value (patient_id, attr, val, uuid) VALUES (?,?,?,?)";

    private final Connection c;
    private final IdAssignment ids;
    private final ResubmittedDocuments resubmitted;
    private final String now = Dtm.now();
    private final List<Object[]> values = new ArrayList<>();
    private final List<AssociationType1> extraAssociations = new ArrayList<>();

    SubmissionWriter(Connection connection, IdAssignment ids, ResubmittedDocuments resubmitted) {
        this.c = connection;
        this.ids = ids;
        this.resubmitted = resubmitted;
    }

    void write(Submission submission) throws SQLException, XdsException {
        SubmissionSet ss = submission.submissionSet();
        String ssUuid = ids.resolve(ss.entryUuid());
        Set<String> newFolders = new HashSet<>();
        insertSubmissionSet(ss, ssUuid);
        List<DocumentEntry> newDocuments = submission.documents().stream()
                .filter(d -> !resubmitted.contains(d.entryUuid())).toList();
        insertDocuments(newDocuments, ssUuid);
        for (Folder f : submission.folders()) {
            newFolders.add(ids.resolve(f.entryUuid()));
        }
        insertFolders(submission.folders());
        Set<String> grownFolders = new LinkedHashSet<>();
        for (Association a : submission.associations()) {
            String source = ids.resolve(a.sourceObject());
            if (Vocabulary.HAS_MEMBER.equals(a.type()) && !source.equals(ssUuid) && !newFolders.contains(source)) {
                grownFolders.add(source);
            }
        }
        for (Association a : submission.associations()) {
            if (Vocabulary.isReplacement(a.type())) {
                replace(ids.resolve(a.targetObject()), ids.resolve(a.sourceObject()), ssUuid, grownFolders);
            }
        }
        for (Association a : submission.associations()) {
            if (Vocabulary.HAS_MEMBER.equals(a.type()) && ids.resolve(a.sourceObject()).equals(ssUuid)
                    && resubmitted.contains(a.targetObject())) {
                // this SubmissionSet did not create the entry it lists
                EbrimEdits.setSlot(a.ebrim(), Vocabulary.SLOT_SUBMISSION_SET_STATUS,
                        Vocabulary.SUBMISSION_SET_STATUS_REFERENCE);
            }
        }
        List<AssociationType1> all = new ArrayList<>();
        submission.associations().forEach(a -> all.add(a.ebrim()));
        all.addAll(extraAssociations);
        insertAssociations(all, ssUuid);
        touchFolders(grownFolders);
        flushValues();
    }

    private void insertSubmissionSet(SubmissionSet ss, String uuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SS)) {
            ps.setString(1, uuid);
            ps.setString(2, ss.patientId());
            ps.setInt(3, Status.APPROVED.code());
            ps.setString(4, ss.uniqueId());
            ps.setString(5, ss.sourceId());
            setLong(ps, 6, Dtm.toNumber(ss.submissionTime()));
            ps.setString(7, ss.contentTypeCodes().isEmpty() ? null : ss.contentTypeCodes().get(0).queryForm());
            ps.setBytes(8, EbrimEdits.storedBytes(ss.ebrim()));
            ps.executeUpdate();
        }
        for (Author author : ss.authors()) {
            addValue(ss.patientId(), ValueAttribute.SS_AUTHOR_PERSON, author.person(), uuid);
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null && x.getSQLState().startsWith("23")) {
                return true;
            }
            if (x.getCause() instanceof SQLException cause && cause.getSQLState() != null
                    && cause.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private void insertDocuments(List<DocumentEntry> documents, String ssUuid) throws SQLException, XdsException {
        if (documents.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_DE)) {
            for (DocumentEntry d : documents) {
                String uuid = ids.resolve(d.entryUuid());
                String pid = d.patientId();
                d.ebrim().setLid(uuid);
                ps.setString(1, uuid);
                ps.setString(2, uuid);
                ps.setInt(3, 1);
                ps.setString(4, pid);
                ps.setInt(5, Status.APPROVED.code());
                ps.setString(6, d.uniqueId());
                ps.setInt(7, Vocabulary.ON_DEMAND_DOCUMENT.equals(d.objectType()) ? 2 : 1);
                ps.setString(8, code(d.classCodes()));
                ps.setString(9, code(d.typeCodes()));
                ps.setString(10, code(d.formatCodes()));
                ps.setString(11, code(d.healthcareFacilityTypeCodes()));
                ps.setString(12, code(d.practiceSettingCodes()));
                setLong(ps, 13, Dtm.toNumber(d.creationTime()));
                setLong(ps, 14, Dtm.toNumber(d.serviceStartTime()));
                setLong(ps, 15, Dtm.toNumber(d.serviceStopTime()));
                ps.setString(16, d.hash() == null ? null : d.hash().toLowerCase(java.util.Locale.ROOT));
                setLong(ps, 17, parseSize(d.size()));
                ps.setString(18, d.repositoryUniqueId());
                ps.setString(19, d.mimeType());
                ps.setString(20, ssUuid);
                ps.setBytes(21, EbrimEdits.storedBytes(d.ebrim()));
                ps.addBatch();
                for (Code code : d.confidentialityCodes()) {
                    addValue(pid, ValueAttribute.DE_CONFIDENTIALITY_CODE, code.queryForm(), uuid);
                }
                for (Code code : d.eventCodes()) {
                    addValue(pid, ValueAttribute.DE_EVENT_CODE, code.queryForm(), uuid);
                }
                for (Author author : d.authors()) {
                    addValue(pid, ValueAttribute.DE_AUTHOR_PERSON, author.person(), uuid);
                }
                for (String ref : d.referenceIds()) {
                    addValue(pid, ValueAttribute.DE_REFERENCE_ID, ref, uuid);
                }
            }
            ps.executeBatch();
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // the unique (unique_id, version) index or the entryUUID: a submission validated at the same moment
            // added that entry first
            throw new XdsException(ErrorCode.XDSRegistryBusy, "another submission registered a document of this "
                    + "submission (same uniqueId or entryUUID) at the same moment; nothing was stored: send this "
                    + "submission again");
        }
    }

    private void insertFolders(List<Folder> folders) throws SQLException {
        if (folders.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_FD)) {
            for (Folder f : folders) {
                String uuid = ids.resolve(f.entryUuid());
                f.ebrim().setLid(uuid);
                EbrimEdits.setSlot(f.ebrim(), Vocabulary.SLOT_LAST_UPDATE_TIME, now);
                ps.setString(1, uuid);
                ps.setString(2, uuid);
                ps.setInt(3, 1);
                ps.setString(4, f.patientId());
                ps.setInt(5, Status.APPROVED.code());
                ps.setString(6, f.uniqueId());
                setLong(ps, 7, Dtm.toNumber(now));
                ps.setBytes(8, EbrimEdits.storedBytes(f.ebrim()));
                ps.addBatch();
                for (Code code : f.codes()) {
                    addValue(f.patientId(), ValueAttribute.FOLDER_CODE, code.queryForm(), uuid);
                }
            }
            ps.executeBatch();
        }
    }

    private void insertAssociations(List<AssociationType1> associations, String ssUuid) throws SQLException {
        if (associations.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_AS)) {
            for (AssociationType1 a : associations) {
                ps.setString(1, a.getId());
                ps.setString(2, a.getAssociationType());
                ps.setString(3, a.getSourceObject());
                ps.setString(4, a.getTargetObject());
                ps.setInt(5, Status.APPROVED.code());
                ps.setString(6, ssUuid);
                ps.setBytes(7, EbrimEdits.storedBytes(a));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * RPLC / XFRM_RPLC: deprecate the original and its transforms and addenda, and put the replacement in every
     * approved folder that held the original.
     */
    private void replace(String original, String replacement, String ssUuid, Set<String> grownFolders)
            throws SQLException, XdsException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE document_entry SET status = ? WHERE uuid = ? AND status = ?")) {
            ps.setInt(1, Status.DEPRECATED.code());
            ps.setString(2, original);
            ps.setInt(3, Status.APPROVED.code());
            if (ps.executeUpdate() != 1) {
                // validation saw it Approved; a concurrent replacement got there first
                throw new XdsException(ErrorCode.XDSRegistryDeprecatedDocumentError,
                        "document " + original + " was deprecated by another submission while this one was processed");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE document_entry SET status = ? WHERE status = ? AND uuid IN"
                + " (SELECT source_uuid FROM association WHERE target_uuid = ? AND assoc_type IN (?, ?))")) {
            ps.setInt(1, Status.DEPRECATED.code());
            ps.setInt(2, Status.APPROVED.code());
            ps.setString(3, original);
            ps.setString(4, Vocabulary.XFRM);
            ps.setString(5, Vocabulary.APND);
            ps.executeUpdate();
        }
        List<String> folders = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.source_uuid FROM association a JOIN folder f"
                + " ON f.uuid = a.source_uuid WHERE a.target_uuid = ? AND a.assoc_type = ? AND f.status = ?")) {
            ps.setString(1, original);
            ps.setString(2, Vocabulary.HAS_MEMBER);
            ps.setInt(3, Status.APPROVED.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    folders.add(rs.getString(1));
                }
            }
        }
        for (String folder : folders) {
            AssociationType1 membership = hasMember(folder, replacement);
            extraAssociations.add(membership);
            extraAssociations.add(hasMember(ssUuid, membership.getId()));
            grownFolders.add(folder);
        }
    }

    private static AssociationType1 hasMember(String source, String target) {
        AssociationType1 a = new AssociationType1();
        a.setId(IdAssignment.newUuid());
        a.setObjectType("urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association");
        a.setAssociationType(Vocabulary.HAS_MEMBER);
        a.setSourceObject(source);
        a.setTargetObject(target);
        return a;
    }

    /** Folders that already existed and gained members get a new lastUpdateTime (column and stored XML). */
    private void touchFolders(Set<String> folders) throws SQLException {
        for (String uuid : folders) {
            String xml;
            try (PreparedStatement ps = c.prepareStatement("SELECT ebrim_deflated FROM folder WHERE uuid = ?")) {
                ps.setString(1, uuid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    xml = EbrimCodec.decode(rs.getBytes(1));
                }
            }
            RegistryPackageType folder = (RegistryPackageType) EbrimEdits.parseStored(xml);
            EbrimEdits.setSlot(folder, Vocabulary.SLOT_LAST_UPDATE_TIME, now);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE folder SET last_update_time = ?, ebrim_deflated = ? WHERE uuid = ?")) {
                ps.setLong(1, Dtm.toNumber(now));
                ps.setBytes(2, EbrimEdits.storedBytes(folder));
                ps.setString(3, uuid);
                ps.executeUpdate();
            }
        }
    }

    private void addValue(String patientId, ValueAttribute attr, String value, String uuid) {
        if (value != null && !value.isEmpty()) {
            values.add(new Object[] {patientId, attr.id(), value, uuid});
        }
    }

    private void flushValues() throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_VALUE)) {
            for (Object[] v : values) {
                ps.setString(1, (String) v[0]);
                ps.setInt(2, (Integer) v[1]);
                ps.setString(3, (String) v[2]);
                ps.setString(4, (String) v[3]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String code(List<Code> codes) {
        return codes.isEmpty() ? null : codes.get(0).queryForm();
    }

    private static Long parseSize(String size) {
        try {
            return size == null ? null : Long.valueOf(size.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
