package org.xdsi.registry.register;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.ErrorCollector;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.hl7.Cx;
import org.xdsi.metadata.hl7.Cxi;
import org.xdsi.metadata.hl7.Dtm;
import org.xdsi.metadata.hl7.Oid;
import org.xdsi.metadata.hl7.Uuid;
import org.xdsi.metadata.hl7.Xcn;
import org.xdsi.metadata.hl7.Xon;
import org.xdsi.metadata.hl7.Xtn;
import org.xdsi.metadata.model.Association;
import org.xdsi.metadata.model.Author;
import org.xdsi.metadata.model.Code;
import org.xdsi.metadata.model.DocumentEntry;
import org.xdsi.metadata.model.Folder;
import org.xdsi.metadata.model.Slots;
import org.xdsi.metadata.model.Submission;
import org.xdsi.metadata.model.SubmissionSet;
import org.xdsi.registry.register.RegistryLookup.Kind;
import org.xdsi.registry.register.RegistryLookup.StoredDocument;
import org.xdsi.registry.register.RegistryLookup.StoredObject;
import org.xdsi.schema.rim.ClassificationType;
import org.xdsi.schema.rim.SlotType1;

/**
 * ITI-42 submission validation (digest §3.1 items 1–13). Reports every problem it finds into the
 * {@link ErrorCollector} (it never stops at the first); each error's codeContext names the object, the attribute,
 * the offending value and what was expected, and its location is the id of the offending object. It does not
 * change the submission; it tells which of its DocumentEntries are already registered ({@link ResubmittedDocuments}).
 */
public final class SubmissionValidator {
    static final int MAX_SLOT_VALUE = 256;
    static final int MAX_TITLE = 128;

    /** Association types an ITI-42 submission may carry. */
    static final Set<String> ASSOCIATION_TYPES = Set.of(Vocabulary.HAS_MEMBER, Vocabulary.RPLC, Vocabulary.XFRM,
            Vocabulary.APND, Vocabulary.XFRM_RPLC, Vocabulary.SIGNS, Vocabulary.IS_SNAPSHOT_OF);

    /** Slot names in the reserved {@code urn:ihe:} namespace that IHE defines. */
    static final Set<String> KNOWN_IHE_SLOTS = Set.of(Vocabulary.SLOT_REFERENCE_ID_LIST,
            Vocabulary.SLOT_DOCUMENT_AVAILABILITY);

    private final String affinityDomainOid;
    private final CodeLists codeLists;

    public SubmissionValidator(String affinityDomainOid, CodeLists codeLists) {
        this.affinityDomainOid = affinityDomainOid;
        this.codeLists = codeLists == null ? CodeLists.NONE : codeLists;
    }

    public String affinityDomainOid() {
        return affinityDomainOid;
    }

    public CodeLists codeLists() {
        return codeLists;
    }

    /**
     * Validates the submission against itself and the registry, adding every problem to {@code errors}.
     *
     * @return the DocumentEntries already registered with the same hash and size (valid only without errors)
     */
    public ResubmittedDocuments validate(Submission submission, RegistryLookup registry, ErrorCollector errors) {
        Run run = new Run(submission, registry, errors);
        run.run();
        return run.resubmitted;
    }

    /** One validation: the submission indexed by id, and registry answers cached. */
    private final class Run {
        private final Submission s;
        private final RegistryLookup registry;
        private final ErrorCollector errors;
        private final SubmissionSet ss;
        private final Map<String, DocumentEntry> documents = new HashMap<>();
        private final Map<String, Folder> folders = new HashMap<>();
        private final Map<String, Association> associations = new HashMap<>();
        private final Set<String> submissionSetIds = new HashSet<>();
        private final Map<String, Optional<StoredObject>> stored = new HashMap<>();
        private final ResubmittedDocuments resubmitted = new ResubmittedDocuments();

        Run(Submission s, RegistryLookup registry, ErrorCollector errors) {
            this.s = s;
            this.registry = registry;
            this.errors = errors;
            this.ss = s.submissionSet();
            for (SubmissionSet x : s.submissionSets()) {
                if (x.entryUuid() != null) {
                    submissionSetIds.add(x.entryUuid());
                }
            }
            for (DocumentEntry d : s.documents()) {
                if (d.entryUuid() != null) {
                    documents.putIfAbsent(d.entryUuid(), d);
                }
            }
            for (Folder f : s.folders()) {
                if (f.entryUuid() != null) {
                    folders.putIfAbsent(f.entryUuid(), f);
                }
            }
            for (Association a : s.associations()) {
                if (a.entryUuid() != null) {
                    associations.putIfAbsent(a.entryUuid(), a);
                }
            }
        }

        void run() {
            structure();
            registeredDocuments();
            ids();
            for (SubmissionSet x : s.submissionSets()) {
                submissionSet(x);
            }
            for (DocumentEntry d : s.documents()) {
                document(d);
            }
            for (Folder f : s.folders()) {
                folder(f);
            }
            patients();
            uniqueIds();
            for (Association a : s.associations()) {
                association(a);
            }
            membership();
        }

        // ---------------------------------------------------------------- structure

        private void structure() {
            if (s.submissionSets().isEmpty()) {
                meta("the submission has no SubmissionSet (a RegistryPackage classified " + Vocabulary.SUBMISSION_SET_NODE
                        + "); exactly one is required", null);
            } else if (s.submissionSets().size() > 1) {
                List<String> ids = s.submissionSets().stream().map(SubmissionSet::entryUuid).toList();
                meta("the submission has " + ids.size() + " SubmissionSets " + ids + "; exactly one is required",
                        ids.get(1));
            }
        }

        /** entryUUIDs: present, valid when UUIDs, unique in the message, not already used in the registry. */
        private void ids() {
            Map<String, String> seen = new HashMap<>();
            List<String[]> all = new ArrayList<>();
            s.submissionSets().forEach(x -> all.add(new String[] {"SubmissionSet", x.entryUuid()}));
            s.documents().forEach(x -> all.add(new String[] {"DocumentEntry", x.entryUuid()}));
            s.folders().forEach(x -> all.add(new String[] {"Folder", x.entryUuid()}));
            s.associations().forEach(x -> all.add(new String[] {"Association", x.entryUuid()}));
            for (String[] o : all) {
                String kind = o[0];
                String id = o[1];
                if (id == null || id.isBlank()) {
                    meta("a " + kind + " has no id (entryUUID); every object needs a UUID or a symbolic id", null);
                    continue;
                }
                if (id.startsWith(Vocabulary.UUID_PREFIX)) {
                    if (!Uuid.isUrnUuid(id)) {
                        meta(kind + " " + id + ": id starts with urn:uuid: but is not a valid UUID "
                                + "(expected urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", id);
                    } else if (lookup(id).isPresent() && !id.equalsIgnoreCase(resubmitted.registeredUuid(id))) {
                        meta(kind + " " + id + ": entryUUID is already used by a registered object; "
                                + "new objects need new ids", id);
                    }
                }
                String previous = seen.putIfAbsent(id, kind);
                if (previous != null) {
                    meta(kind + " " + id + ": the id is used by more than one object in the submission (also by a "
                            + previous + ")", id);
                }
            }
        }

        private void submissionSet(SubmissionSet x) {
            String who = "SubmissionSet " + x.entryUuid();
            String loc = x.entryUuid();
            exactlyOne(who, "contentTypeCode", x.contentTypeCodes().size(), loc);
            codes(who, "contentTypeCode", CodeLists.CONTENT_TYPE_CODE, x.contentTypeCodes(), loc);
            patientIdFormat(who, "patientId", x.patientIds(), loc);
            if (exactlyOne(who, "sourceId", x.sourceIds().size(), loc)) {
                oid(who, "sourceId", x.sourceId(), loc);
            }
            if (exactlyOne(who, "uniqueId", x.uniqueIds().size(), loc)) {
                oid(who, "uniqueId", x.uniqueId(), loc);
            }
            requiredSlot(who, x.slots(), Vocabulary.SLOT_SUBMISSION_TIME, loc);
            dtm(who, x.slots(), Vocabulary.SLOT_SUBMISSION_TIME, loc);
            authors(who, x.authors(), x.ebrim() == null ? List.of() : x.ebrim().getClassification(),
                    Vocabulary.SS_AUTHOR, loc);
            codingSchemeCardinality(who, x.ebrim() == null ? List.of() : x.ebrim().getClassification(), loc);
            title(who, x.title(), false, loc);
            for (String r : x.slots().all(Vocabulary.SLOT_INTENDED_RECIPIENT)) {
                if (r.isBlank()) {
                    meta(who + ": intendedRecipient value is empty (expected XON|XCN|XTN)", loc);
                }
            }
            slots(who, x.slots(), loc);
        }

        private void document(DocumentEntry d) {
            String who = "DocumentEntry " + d.entryUuid();
            String loc = d.entryUuid();
            if (d.objectType() == null || d.objectType().isBlank()) {
                meta(who + ": objectType is missing (required; expected Stable " + Vocabulary.STABLE_DOCUMENT + ")",
                        loc);
            } else if (!Vocabulary.STABLE_DOCUMENT.equals(d.objectType())) {
                meta(who + ": objectType " + d.objectType() + (Vocabulary.ON_DEMAND_DOCUMENT.equals(d.objectType())
                        ? " (On-Demand)" : "") + " is not allowed; ITI-42 accepts only Stable DocumentEntries ("
                        + Vocabulary.STABLE_DOCUMENT + ")", loc);
            }
            lid(who, d.lid(), d.entryUuid(), loc);
            if (d.mimeType() == null || d.mimeType().isBlank()) {
                meta(who + ": mimeType is missing (required)", loc);
            } else if (!isMimeType(d.mimeType())) {
                meta(who + ": mimeType '" + d.mimeType() + "' is not a MIME type (expected type/subtype)", loc);
            } else if (!codeLists.allowsMimeType(d.mimeType())) {
                meta(who + ": mimeType '" + d.mimeType() + "' is not in the affinity domain's list "
                        + codeLists.allowedValues(CodeLists.MIME_TYPE), loc);
            }
            exactlyOne(who, "classCode", d.classCodes().size(), loc);
            exactlyOne(who, "typeCode", d.typeCodes().size(), loc);
            exactlyOne(who, "formatCode", d.formatCodes().size(), loc);
            exactlyOne(who, "healthcareFacilityTypeCode", d.healthcareFacilityTypeCodes().size(), loc);
            exactlyOne(who, "practiceSettingCode", d.practiceSettingCodes().size(), loc);
            if (d.confidentialityCodes().isEmpty()) {
                meta(who + ": confidentialityCode is missing (at least one is required)", loc);
            }
            codes(who, "classCode", CodeLists.CLASS_CODE, d.classCodes(), loc);
            codes(who, "typeCode", CodeLists.TYPE_CODE, d.typeCodes(), loc);
            codes(who, "formatCode", CodeLists.FORMAT_CODE, d.formatCodes(), loc);
            codes(who, "healthcareFacilityTypeCode", CodeLists.HEALTHCARE_FACILITY_TYPE_CODE,
                    d.healthcareFacilityTypeCodes(), loc);
            codes(who, "practiceSettingCode", CodeLists.PRACTICE_SETTING_CODE, d.practiceSettingCodes(), loc);
            codes(who, "confidentialityCode", CodeLists.CONFIDENTIALITY_CODE, d.confidentialityCodes(), loc);
            codes(who, "eventCodeList", CodeLists.EVENT_CODE_LIST, d.eventCodes(), loc);

            patientIdFormat(who, "patientId", d.patientIds(), loc);
            if (exactlyOne(who, "uniqueId", d.uniqueIds().size(), loc) && d.uniqueId().isBlank()) {
                meta(who + ": uniqueId is empty", loc);
            }
            Slots sl = d.slots();
            for (String name : List.of(Vocabulary.SLOT_CREATION_TIME, Vocabulary.SLOT_LANGUAGE_CODE,
                    Vocabulary.SLOT_SOURCE_PATIENT_ID, Vocabulary.SLOT_HASH, Vocabulary.SLOT_SIZE,
                    Vocabulary.SLOT_REPOSITORY_UNIQUE_ID)) {
                requiredSlot(who, sl, name, loc);
            }
            for (String name : List.of(Vocabulary.SLOT_SERVICE_START_TIME, Vocabulary.SLOT_SERVICE_STOP_TIME,
                    Vocabulary.SLOT_LEGAL_AUTHENTICATOR, Vocabulary.SLOT_URI)) {
                atMostOne(who, sl, name, loc);
            }
            dtm(who, sl, Vocabulary.SLOT_CREATION_TIME, loc);
            dtm(who, sl, Vocabulary.SLOT_SERVICE_START_TIME, loc);
            dtm(who, sl, Vocabulary.SLOT_SERVICE_STOP_TIME, loc);
            String start = d.serviceStartTime();
            String stop = d.serviceStopTime();
            if (Dtm.isValid(start) && Dtm.isValid(stop) && Dtm.toNumber(start) > Dtm.toNumber(stop)) {
                meta(who + ": serviceStartTime " + start + " is after serviceStopTime " + stop
                        + " (start must be <= stop)", loc);
            }
            String hash = d.hash();
            if (hash != null && !isSha1Hex(hash)) {
                meta(who + ": hash '" + hash + "' is not a SHA-1 (expected 40 hexadecimal characters)", loc);
            }
            String size = d.size();
            if (size != null && parseSize(size) == null) {
                meta(who + ": size '" + size + "' is not a non-negative integer (octets)", loc);
            }
            String repo = d.repositoryUniqueId();
            if (repo != null && !Oid.isValid(repo)) {
                meta(who + ": repositoryUniqueId '" + repo + "' is not an OID (expected digits and dots, at most "
                        + Oid.MAX_LENGTH + " characters)", loc);
            }
            String sourcePid = sl.first(Vocabulary.SLOT_SOURCE_PATIENT_ID);
            if (sourcePid != null && !sourcePid.isBlank() && !Cx.isValidXdsPatientId(sourcePid)) {
                meta(who + ": sourcePatientId '" + sourcePid + "' is not a CX (expected id^^^&AA-OID&ISO, "
                        + "components 2 and 3 empty, the assigning authority an ISO OID)", loc);
            }
            String language = sl.first(Vocabulary.SLOT_LANGUAGE_CODE);
            if (language != null && !isLanguageTag(language)) {
                meta(who + ": languageCode '" + language + "' is not an RFC 5646 language tag (e.g. en-US)", loc);
            }
            String legal = sl.first(Vocabulary.SLOT_LEGAL_AUTHENTICATOR);
            if (legal != null && !Xcn.isValid(legal)) {
                meta(who + ": legalAuthenticator '" + legal + "' is not an XCN (expected "
                        + "id^family^given^^^^^^&AA-OID&ISO with an id or a family name)", loc);
            }
            for (String ref : d.referenceIds()) {
                if (!Cxi.isValid(ref)) {
                    meta(who + ": referenceIdList value '" + ref + "' is not a CXi (expected "
                            + "id^^^assigningAuthority^typeCode with CXi.1 and CXi.5 present)", loc);
                }
            }
            authors(who, d.authors(), d.ebrim() == null ? List.of() : d.ebrim().getClassification(),
                    Vocabulary.DE_AUTHOR, loc);
            codingSchemeCardinality(who, d.ebrim() == null ? List.of() : d.ebrim().getClassification(), loc);
            title(who, d.title(), false, loc);
            slots(who, sl, loc);
        }

        private void folder(Folder f) {
            String who = "Folder " + f.entryUuid();
            String loc = f.entryUuid();
            lid(who, f.lid(), f.entryUuid(), loc);
            if (f.codes().isEmpty()) {
                meta(who + ": codeList is missing (at least one code is required)", loc);
            }
            codes(who, "codeList", CodeLists.FOLDER_CODE_LIST, f.codes(), loc);
            patientIdFormat(who, "patientId", f.patientIds(), loc);
            if (exactlyOne(who, "uniqueId", f.uniqueIds().size(), loc)) {
                oid(who, "uniqueId", f.uniqueId(), loc);
            }
            title(who, f.title(), true, loc);
            slots(who, f.slots(), loc);
            codingSchemeCardinality(who, f.ebrim() == null ? List.of() : f.ebrim().getClassification(), loc);
        }

        // ---------------------------------------------------------------- patients (items 2 and 3)

        private void patients() {
            // every distinct patient id once, with the objects that carry it
            Map<String, List<String>> carriers = new LinkedHashMap<>();
            s.submissionSets().forEach(x -> x.patientIds().forEach(p -> carry(carriers, p, x.entryUuid())));
            s.documents().forEach(x -> x.patientIds().forEach(p -> carry(carriers, p, x.entryUuid())));
            s.folders().forEach(x -> x.patientIds().forEach(p -> carry(carriers, p, x.entryUuid())));
            for (Map.Entry<String, List<String>> e : carriers.entrySet()) {
                String pid = e.getKey();
                if (!Cx.isValidXdsPatientId(pid)) {
                    continue; // reported as a format error
                }
                String aa = Cx.assigningAuthority(pid);
                if (!affinityDomainOid.equals(aa)) {
                    errors.error(ErrorCode.XDSUnknownPatientId, "patient id " + pid + " (used by " + e.getValue()
                            + ") has assigning authority " + aa + ", not the affinity domain's " + affinityDomainOid,
                            e.getValue().get(0));
                } else if (!registry.isKnownPatient(pid)) {
                    errors.error(ErrorCode.XDSUnknownPatientId, "patient id " + pid + " (used by " + e.getValue()
                            + ") is not known from the patient identity feed", e.getValue().get(0));
                }
            }
            String ssPid = ss == null ? null : ss.patientId();
            if (ssPid == null) {
                return;
            }
            for (DocumentEntry d : s.documents()) {
                if (d.patientId() != null && !ssPid.equals(d.patientId())) {
                    errors.error(ErrorCode.XDSPatientIdDoesNotMatch, "DocumentEntry " + d.entryUuid()
                            + " has patientId " + d.patientId() + " but the SubmissionSet has " + ssPid,
                            d.entryUuid());
                }
            }
            for (Folder f : s.folders()) {
                if (f.patientId() != null && !ssPid.equals(f.patientId())) {
                    errors.error(ErrorCode.XDSPatientIdDoesNotMatch, "Folder " + f.entryUuid() + " has patientId "
                            + f.patientId() + " but the SubmissionSet has " + ssPid, f.entryUuid());
                }
            }
        }

        private void carry(Map<String, List<String>> carriers, String pid, String objectId) {
            carriers.computeIfAbsent(pid, k -> new ArrayList<>()).add(objectId);
        }

        // ---------------------------------------------------------------- uniqueIds (items 4 to 6)

        private void uniqueIds() {
            Map<String, String> seen = new HashMap<>();
            Set<String> reported = new HashSet<>();
            List<String[]> all = new ArrayList<>();
            s.submissionSets().forEach(x -> x.uniqueIds().forEach(u -> all.add(new String[] {"SubmissionSet", x.entryUuid(), u})));
            s.documents().forEach(x -> x.uniqueIds().forEach(u -> all.add(new String[] {"DocumentEntry", x.entryUuid(), u})));
            s.folders().forEach(x -> x.uniqueIds().forEach(u -> all.add(new String[] {"Folder", x.entryUuid(), u})));
            for (String[] o : all) {
                String first = seen.putIfAbsent(o[2], o[0] + " " + o[1]);
                if (first != null && reported.add(o[2])) {
                    errors.error(ErrorCode.XDSRegistryDuplicateUniqueIdInMessage, "uniqueId " + o[2]
                            + " is used by " + first + " and by " + o[0] + " " + o[1] + " in this submission", o[1]);
                }
            }
            for (SubmissionSet x : s.submissionSets()) {
                packageUniqueId("SubmissionSet", x.entryUuid(), x.uniqueIds());
            }
            for (Folder f : s.folders()) {
                packageUniqueId("Folder", f.entryUuid(), f.uniqueIds());
            }
        }

        /**
         * DocumentEntries whose uniqueId is already registered (item 5): other bytes are an error; the same bytes are
         * accepted as the entry the registry holds, provided that one is still Approved and of the same patient.
         */
        private void registeredDocuments() {
            for (DocumentEntry d : s.documents()) {
                if (d.uniqueIds().size() != 1 || d.uniqueId().isBlank()) {
                    continue;
                }
                String uid = d.uniqueId();
                String hash = d.hash();
                Long size = d.size() == null ? null : parseSize(d.size());
                List<StoredDocument> existing = registry.documentsByUniqueId(uid);
                boolean identical = !existing.isEmpty();
                for (StoredDocument e : existing) {
                    if (hash != null && (e.hash() == null || !e.hash().equalsIgnoreCase(hash))) {
                        errors.error(ErrorCode.XDSNonIdenticalHash, "DocumentEntry " + d.entryUuid() + ": uniqueId "
                                + uid + " is already registered (" + e.uuid() + ") with hash " + e.hash()
                                + ", this submission has hash " + hash, d.entryUuid());
                        identical = false;
                    }
                    if (size != null && !size.equals(e.size())) {
                        errors.error(ErrorCode.XDSNonIdenticalSize, "DocumentEntry " + d.entryUuid() + ": uniqueId "
                                + uid + " is already registered (" + e.uuid() + ") with size " + e.size()
                                + ", this submission has size " + size, d.entryUuid());
                        identical = false;
                    }
                }
                if (identical && d.entryUuid() != null) {
                    resubmission(d, existing);
                }
            }
        }

        private void resubmission(DocumentEntry d, List<StoredDocument> existing) {
            Optional<StoredDocument> approved = existing.stream().filter(StoredDocument::approved).findFirst();
            if (approved.isEmpty()) {
                errors.error(ErrorCode.XDSRegistryDeprecatedDocumentError, "DocumentEntry " + d.entryUuid()
                        + ": uniqueId " + d.uniqueId() + " is registered as DocumentEntry " + existing.get(0).uuid()
                        + ", which is Deprecated (replaced); a replaced document cannot be submitted again",
                        d.entryUuid());
                return;
            }
            StoredDocument e = approved.get();
            if (d.patientId() != null && !d.patientId().equals(e.patientId())) {
                errors.error(ErrorCode.XDSPatientIdDoesNotMatch, "DocumentEntry " + d.entryUuid() + ": uniqueId "
                        + d.uniqueId() + " is already registered (" + e.uuid() + ") for patient " + e.patientId()
                        + ", this submission is for " + d.patientId(), d.entryUuid());
                return;
            }
            resubmitted.add(d.entryUuid(), e.uuid());
        }

        private void packageUniqueId(String kind, String id, List<String> uniqueIds) {
            for (String uid : uniqueIds) {
                if (!uid.isBlank() && registry.packageUniqueIdExists(uid)) {
                    errors.error(ErrorCode.XDSDuplicateUniqueIdInRegistry, kind + " " + id + ": uniqueId " + uid
                            + " is already used by a registered SubmissionSet or Folder", id);
                }
            }
        }

        // ---------------------------------------------------------------- associations (items 7 to 11)

        private void association(Association a) {
            String id = a.entryUuid();
            String who = "Association " + id;
            String type = a.type();
            slots(who, a.slots(), id);
            if (type == null || type.isBlank()) {
                meta(who + ": associationType is missing", id);
                return;
            }
            if (!ASSOCIATION_TYPES.contains(type)) {
                meta(who + ": invalid association type " + type + " for a Register Document Set submission "
                        + "(expected HasMember, RPLC, XFRM, APND, XFRM_RPLC, signs or IsSnapshotOf)", id);
                return;
            }
            boolean ok = true;
            if (a.sourceObject() == null || a.sourceObject().isBlank()) {
                meta(who + ": sourceObject is missing", id);
                ok = false;
            }
            if (a.targetObject() == null || a.targetObject().isBlank()) {
                meta(who + ": targetObject is missing", id);
                ok = false;
            }
            if (!ok) {
                return;
            }
            if (existingSubmissionSet(a.sourceObject()) || existingSubmissionSet(a.targetObject())) {
                meta(who + ": " + (existingSubmissionSet(a.sourceObject()) ? "sourceObject " + a.sourceObject()
                        : "targetObject " + a.targetObject()) + " is a SubmissionSet already registered; "
                        + "no association may point to or from a submitted SubmissionSet", id);
                return;
            }
            if (Vocabulary.HAS_MEMBER.equals(type)) {
                hasMember(a, who);
            } else {
                relationship(a, who);
            }
        }

        private void hasMember(Association a, String who) {
            String id = a.entryUuid();
            String src = a.sourceObject();
            String tgt = a.targetObject();
            if (submissionSetIds.contains(src)) {
                if (documents.containsKey(tgt)) {
                    String status = a.submissionSetStatus();
                    if (!Vocabulary.SUBMISSION_SET_STATUS_ORIGINAL.equals(status)) {
                        meta(who + ": HasMember from the SubmissionSet to DocumentEntry " + tgt
                                + " (submitted in this message) has SubmissionSetStatus " + quote(status)
                                + "; expected Original", id);
                    }
                } else if (folders.containsKey(tgt) || associations.containsKey(tgt)) {
                    return; // SS-FD and SS-HM
                } else if (submissionSetIds.contains(tgt)) {
                    meta(who + ": HasMember from the SubmissionSet to itself/another SubmissionSet " + tgt, id);
                } else {
                    Optional<StoredObject> o = lookup(tgt);
                    if (o.isEmpty()) {
                        unresolved(who + ": targetObject " + tgt + " is neither in the submission nor in the registry",
                                id);
                    } else if (o.get().kind() != Kind.DOCUMENT_ENTRY) {
                        meta(who + ": HasMember from the SubmissionSet to registered " + o.get().kind() + " " + tgt
                                + " is not allowed in ITI-42 (only Reference to an existing DocumentEntry)", id);
                    } else {
                        String status = a.submissionSetStatus();
                        if (!Vocabulary.SUBMISSION_SET_STATUS_REFERENCE.equals(status)) {
                            meta(who + ": HasMember to registered DocumentEntry " + tgt + " has SubmissionSetStatus "
                                    + quote(status) + "; expected Reference (Original is for entries in this "
                                    + "submission)", id);
                        }
                        if (!o.get().approved()) {
                            errors.error(ErrorCode.XDSRegistryDeprecatedDocumentError, who
                                    + ": references DocumentEntry " + tgt + " which is Deprecated", id);
                        }
                    }
                }
                return;
            }
            // Folder -> DocumentEntry
            Folder newFolder = folders.get(src);
            Optional<StoredObject> oldFolder = Optional.empty();
            if (newFolder == null) {
                if (documents.containsKey(src) || associations.containsKey(src)) {
                    meta(who + ": HasMember source " + src + " is not a SubmissionSet or Folder", id);
                    return;
                }
                oldFolder = lookup(src);
                if (oldFolder.isEmpty()) {
                    unresolved(who + ": sourceObject " + src + " is neither in the submission nor in the registry", id);
                    return;
                }
                if (oldFolder.get().kind() != Kind.FOLDER) {
                    meta(who + ": HasMember source " + src + " is a registered " + oldFolder.get().kind()
                            + ", expected a SubmissionSet or Folder", id);
                    return;
                }
            }
            String folderPid = newFolder != null ? newFolder.patientId() : oldFolder.get().patientId();
            DocumentEntry newDoc = documents.get(tgt);
            String docPid;
            if (newDoc != null) {
                docPid = newDoc.patientId();
            } else {
                Optional<StoredObject> oldDoc = lookup(tgt);
                if (folders.containsKey(tgt) || associations.containsKey(tgt) || submissionSetIds.contains(tgt)) {
                    meta(who + ": Folder " + src + " HasMember target " + tgt + " is not a DocumentEntry "
                            + "(folders are not nested)", id);
                    return;
                }
                if (oldDoc.isEmpty()) {
                    unresolved(who + ": targetObject " + tgt + " is neither in the submission nor in the registry", id);
                    return;
                }
                if (oldDoc.get().kind() != Kind.DOCUMENT_ENTRY) {
                    meta(who + ": Folder " + src + " HasMember target " + tgt + " is a registered "
                            + oldDoc.get().kind() + ", expected a DocumentEntry", id);
                    return;
                }
                if (!oldDoc.get().approved()) {
                    errors.error(ErrorCode.XDSRegistryDeprecatedDocumentError, who + ": DocumentEntry " + tgt
                            + " is Deprecated and cannot be added to Folder " + src, id);
                }
                docPid = oldDoc.get().patientId();
            }
            if (oldFolder.isPresent() && !oldFolder.get().approved()) {
                errors.error(ErrorCode.XDSRegistryDeprecatedDocumentError, who + ": Folder " + src
                        + " is Deprecated; documents cannot be added to it", id);
            }
            if (folderPid != null && docPid != null && !folderPid.equals(docPid)) {
                errors.error(ErrorCode.XDSPatientIdDoesNotMatch, who + ": DocumentEntry " + tgt + " has patientId "
                        + docPid + " but Folder " + src + " has " + folderPid, id);
            }
            boolean recorded = s.associations().stream().anyMatch(m -> Vocabulary.HAS_MEMBER.equals(m.type())
                    && submissionSetIds.contains(m.sourceObject()) && id != null && id.equals(m.targetObject()));
            if (!recorded) {
                meta(who + ": Folder " + src + " HasMember " + tgt + " needs a HasMember association from the "
                        + "SubmissionSet to " + id, id);
            }
        }

        private void relationship(Association a, String who) {
            String id = a.entryUuid();
            String type = a.type();
            String shortType = type.substring(type.lastIndexOf(':') + 1);
            String src = a.sourceObject();
            String tgt = a.targetObject();
            DocumentEntry source = documents.get(src);
            if (source == null) {
                unresolved(who + " (" + shortType + "): sourceObject " + src
                        + " must be a DocumentEntry submitted in this message", id);
            }
            boolean registryOnly = Vocabulary.isReplacement(type) || Vocabulary.IS_SNAPSHOT_OF.equals(type);
            String targetPid = null;
            boolean targetOnDemand = false;
            boolean resolved = false;
            DocumentEntry newTarget = documents.get(tgt);
            if (newTarget != null && !registryOnly) {
                targetPid = newTarget.patientId();
                targetOnDemand = Vocabulary.ON_DEMAND_DOCUMENT.equals(newTarget.objectType());
                resolved = true;
            } else if (folders.containsKey(tgt) || associations.containsKey(tgt) || submissionSetIds.contains(tgt)) {
                meta(who + " (" + shortType + "): targetObject " + tgt + " is not a DocumentEntry", id);
                return;
            } else {
                Optional<StoredObject> o = lookup(tgt);
                if (o.isEmpty()) {
                    unresolved(who + " (" + shortType + "): targetObject " + tgt + (registryOnly
                            ? " must be a DocumentEntry already in the registry" : " is neither in the submission "
                            + "nor in the registry"), id);
                    return;
                }
                if (o.get().kind() != Kind.DOCUMENT_ENTRY) {
                    meta(who + " (" + shortType + "): targetObject " + tgt + " is a registered " + o.get().kind()
                            + ", expected a DocumentEntry", id);
                    return;
                }
                if (!o.get().approved()) {
                    errors.error(ErrorCode.XDSRegistryDeprecatedDocumentError, who + " (" + shortType
                            + "): target DocumentEntry " + tgt + " is Deprecated; only Approved entries can be "
                            + "targets", id);
                }
                targetPid = o.get().patientId();
                targetOnDemand = o.get().onDemand();
                resolved = true;
            }
            if (source == null || !resolved) {
                return;
            }
            if (source.patientId() != null && targetPid != null && !source.patientId().equals(targetPid)) {
                errors.error(ErrorCode.XDSPatientIdDoesNotMatch, who + " (" + shortType + "): source "
                        + src + " has patientId " + source.patientId() + " but target " + tgt + " has " + targetPid,
                        id);
            }
            if (Vocabulary.IS_SNAPSHOT_OF.equals(type)) {
                if (source.objectType() != null && !Vocabulary.STABLE_DOCUMENT.equals(source.objectType())) {
                    meta(who + " (IsSnapshotOf): source " + src + " must be a Stable DocumentEntry", id);
                }
                if (!targetOnDemand) {
                    meta(who + " (IsSnapshotOf): target " + tgt + " must be an On-Demand DocumentEntry", id);
                }
            }
        }

        /** Every DocumentEntry and Folder of the submission is a member of the SubmissionSet. */
        private void membership() {
            if (ss == null) {
                return;
            }
            Set<String> members = new HashSet<>();
            for (Association a : s.associations()) {
                if (Vocabulary.HAS_MEMBER.equals(a.type()) && submissionSetIds.contains(a.sourceObject())) {
                    members.add(a.targetObject());
                }
            }
            for (DocumentEntry d : s.documents()) {
                if (d.entryUuid() != null && !members.contains(d.entryUuid())) {
                    meta("DocumentEntry " + d.entryUuid() + " is not a member of the SubmissionSet (no HasMember "
                            + "association from " + ss.entryUuid() + " with SubmissionSetStatus Original)",
                            d.entryUuid());
                }
            }
            for (Folder f : s.folders()) {
                if (f.entryUuid() != null && !members.contains(f.entryUuid())) {
                    meta("Folder " + f.entryUuid() + " is not a member of the SubmissionSet (no HasMember "
                            + "association from " + ss.entryUuid() + ")", f.entryUuid());
                }
            }
        }

        // ---------------------------------------------------------------- helpers

        private Optional<StoredObject> lookup(String id) {
            if (id == null || !Uuid.isUrnUuid(id)) {
                return Optional.empty();
            }
            return stored.computeIfAbsent(id, registry::object);
        }

        private boolean existingSubmissionSet(String id) {
            if (submissionSetIds.contains(id) || documents.containsKey(id) || folders.containsKey(id)
                    || associations.containsKey(id)) {
                return false;
            }
            Optional<StoredObject> o = lookup(id);
            return o.isPresent() && o.get().kind() == Kind.SUBMISSION_SET;
        }

        private boolean exactlyOne(String who, String attribute, int count, String loc) {
            if (count == 0) {
                meta(who + ": " + attribute + " is missing (required)", loc);
                return false;
            }
            if (count > 1) {
                meta(who + ": " + attribute + " is given " + count + " times; it is single-valued", loc);
                return false;
            }
            return true;
        }

        private void requiredSlot(String who, Slots slots, String name, String loc) {
            List<String> values = slots.all(name);
            if (values.isEmpty() || values.stream().allMatch(String::isBlank)) {
                meta(who + ": " + name + " is missing (required)", loc);
            } else if (values.size() > 1) {
                meta(who + ": " + name + " has " + values.size() + " values " + values + "; it is single-valued", loc);
            }
        }

        private void atMostOne(String who, Slots slots, String name, String loc) {
            List<String> values = slots.all(name);
            if (values.size() > 1) {
                meta(who + ": " + name + " has " + values.size() + " values " + values + "; it is single-valued", loc);
            }
        }

        private void dtm(String who, Slots slots, String name, String loc) {
            for (String v : slots.all(name)) {
                if (!v.isBlank() && !Dtm.isValid(v)) {
                    meta(who + ": " + name + " '" + v + "' is not an HL7 DTM (expected UTC YYYY[MM[DD[hh[mm[ss]]]]], "
                            + "no fraction, no zone)", loc);
                }
            }
        }

        private void oid(String who, String attribute, String value, String loc) {
            if (!Oid.isValid(value)) {
                meta(who + ": " + attribute + " '" + value + "' is not an OID (expected digits and dots without "
                        + "leading zeros, at most " + Oid.MAX_LENGTH + " characters)", loc);
            }
        }

        private void patientIdFormat(String who, String attribute, List<String> values, String loc) {
            if (exactlyOne(who, attribute, values.size(), loc) && !Cx.isValidXdsPatientId(values.get(0))) {
                meta(who + ": " + attribute + " '" + values.get(0) + "' is not an XDS patient id (expected "
                        + "id^^^&" + affinityDomainOid + "&ISO)", loc);
            }
        }

        private void lid(String who, String lid, String id, String loc) {
            if (lid != null && !lid.equals(id)) {
                meta(who + ": lid " + lid + " differs from the id; a new object's lid must equal its id "
                        + "(metadata updates are ITI-57)", loc);
            }
        }

        private void title(String who, String title, boolean required, String loc) {
            if (title == null || title.isBlank()) {
                if (required) {
                    meta(who + ": title is missing (required)", loc);
                }
            } else if (title.length() >= MAX_TITLE) {
                meta(who + ": title is " + title.length() + " characters long; it must be shorter than " + MAX_TITLE,
                        loc);
            }
        }

        private void codes(String who, String attribute, String listName, List<Code> codes, String loc) {
            for (Code c : codes) {
                if (c.code() == null || c.code().isBlank()) {
                    meta(who + ": " + attribute + " has an empty code (nodeRepresentation)", loc);
                    continue;
                }
                if (c.displayName() == null || c.displayName().isBlank()) {
                    meta(who + ": " + attribute + " code '" + c.code() + "' has no display name (rim:Name of the "
                            + "Classification is required)", loc);
                }
                if (c.codingScheme() == null || c.codingScheme().isBlank()) {
                    meta(who + ": " + attribute + " code '" + c.code() + "' has no codingScheme slot", loc);
                } else if (!codeLists.allows(listName, c.code(), c.codingScheme())) {
                    meta(who + ": " + attribute + " " + c.code() + "^^" + c.codingScheme()
                            + " is not in the affinity domain's " + listName + " list " + allowedHint(listName), loc);
                }
            }
        }

        private String allowedHint(String listName) {
            Set<String> allowed = codeLists.allowedValues(listName);
            if (allowed.size() > 10) {
                return "(" + allowed.size() + " allowed values, compared as code^^codingScheme)";
            }
            return "(allowed: " + new java.util.TreeSet<>(allowed) + ")";
        }

        /** The codingScheme slot of a coded Classification carries exactly one value. */
        private void codingSchemeCardinality(String who, List<ClassificationType> classifications, String loc) {
            for (ClassificationType c : classifications) {
                if (c == null) {
                    continue;
                }
                long n = c.getSlot().stream().filter(sl -> sl != null
                        && Vocabulary.SLOT_CODING_SCHEME.equals(sl.getName()))
                        .mapToLong(SubmissionValidator::valueCount).sum();
                if (n > 1) {
                    meta(who + ": coded Classification " + c.getId() + " (code '" + c.getNodeRepresentation()
                            + "') has " + n + " codingScheme values; exactly one is required", loc);
                }
            }
        }

        private void authors(String who, List<Author> authors, List<ClassificationType> classifications,
                             String scheme, String loc) {
            for (ClassificationType c : classifications) {
                if (scheme.equals(c.getClassificationScheme())) {
                    long persons = c.getSlot().stream()
                            .filter(sl -> Vocabulary.SLOT_AUTHOR_PERSON.equals(sl.getName()))
                            .mapToLong(SubmissionValidator::valueCount).sum();
                    if (persons > 1) {
                        meta(who + ": author " + c.getId() + " has " + persons + " authorPerson values; at most one "
                                + "is allowed", loc);
                    }
                }
            }
            for (Author a : authors) {
                boolean person = a.person() != null && !a.person().isBlank();
                if (!person && a.institutions().isEmpty() && a.telecommunications().isEmpty()) {
                    meta(who + ": an author has none of authorPerson, authorInstitution, authorTelecommunication "
                            + "(at least one is required)", loc);
                }
                if (person && !Xcn.isValid(a.person())) {
                    meta(who + ": authorPerson '" + a.person() + "' is not an XCN (expected "
                            + "id^family^given^^^^^^&AA-OID&ISO with an id or a family name)", loc);
                }
                for (String i : a.institutions()) {
                    if (!Xon.isValid(i)) {
                        meta(who + ": authorInstitution '" + i + "' is not an XON (expected name^^^^^^^^^orgId, "
                                + "orgId an OID or with an &OID&ISO assigning authority in XON.6)", loc);
                    }
                }
                for (String t : a.telecommunications()) {
                    if (!Xtn.isValid(t)) {
                        meta(who + ": authorTelecommunication '" + t + "' is not an XTN (expected "
                                + "^^Internet^name@example.org or a telephone number)", loc);
                    }
                }
                List<String> values = new ArrayList<>();
                if (a.person() != null) {
                    values.add(a.person());
                }
                values.addAll(a.institutions());
                values.addAll(a.roles());
                values.addAll(a.specialties());
                values.addAll(a.telecommunications());
                for (String v : values) {
                    if (v.length() > MAX_SLOT_VALUE) {
                        meta(who + ": an author slot value is " + v.length() + " characters long (at most "
                                + MAX_SLOT_VALUE + "): '" + abbreviate(v) + "'", loc);
                    }
                }
            }
        }

        /** Slot value length and the reserved urn:ihe: namespace. */
        private void slots(String who, Slots slots, String loc) {
            for (Map.Entry<String, List<String>> e : slots.values().entrySet()) {
                String name = e.getKey();
                if (name.startsWith("urn:ihe:") && !KNOWN_IHE_SLOTS.contains(name)) {
                    meta(who + ": slot " + name + " uses the reserved urn:ihe: namespace but is not an IHE-defined "
                            + "slot; extra slots need other URN names", loc);
                }
                for (String v : e.getValue()) {
                    if (v.length() > MAX_SLOT_VALUE) {
                        meta(who + ": slot " + name + " has a value of " + v.length() + " characters (at most "
                                + MAX_SLOT_VALUE + "): '" + abbreviate(v) + "'", loc);
                    }
                }
            }
        }

        private void meta(String context, String location) {
            errors.error(ErrorCode.XDSRegistryMetadataError, context, location);
        }

        private void unresolved(String context, String location) {
            errors.error(ErrorCode.UnresolvedReferenceException, context, location);
        }
    }

    // -------------------------------------------------------------------- value checks

    private static long valueCount(SlotType1 slot) {
        return slot.getValueList() == null ? 0 : slot.getValueList().getValue().size();
    }

    static boolean isSha1Hex(String v) {
        if (v.length() != 40) {
            return false;
        }
        for (int i = 0; i < 40; i++) {
            if (Character.digit(v.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The size as a non-negative long, or null. */
    static Long parseSize(String v) {
        if (v.isEmpty() || v.length() > 18) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(v);
    }

    /** RFC 5646 in its common shape: alphanumeric subtags of 1–8 characters separated by '-', the first letters. */
    static boolean isLanguageTag(String v) {
        if (v.isEmpty() || v.length() > 64) {
            return false;
        }
        int len = 0;
        boolean first = true;
        for (int i = 0; i <= v.length(); i++) {
            if (i == v.length() || v.charAt(i) == '-') {
                if (len == 0 || len > 8) {
                    return false;
                }
                first = false;
                len = 0;
            } else {
                char c = v.charAt(i);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                if (!letter && !(c >= '0' && c <= '9' && !first)) {
                    return false;
                }
                len++;
            }
        }
        return true;
    }

    /** type/subtype with no spaces (parameters after ';' allowed). */
    static boolean isMimeType(String v) {
        int slash = v.indexOf('/');
        String base = v.indexOf(';') >= 0 ? v.substring(0, v.indexOf(';')) : v;
        return slash > 0 && slash < base.length() - 1 && base.indexOf('/', slash + 1) < 0 && base.indexOf(' ') < 0;
    }

    private static String quote(String v) {
        return v == null ? "(none)" : "'" + v + "'";
    }

    private static String abbreviate(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "...";
    }
}
