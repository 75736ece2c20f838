package org.xdsi.metadata.build;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.hl7.Dtm;
import org.xdsi.metadata.model.Code;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rim.AssociationType1;
import org.xdsi.schema.rim.ObjectFactory;
import org.xdsi.schema.rim.RegistryObjectListType;
import org.xdsi.schema.rim.RegistryPackageType;

/**
 * Builds a SubmitObjectsRequest the way a Document Source does: one SubmissionSet, its documents and folders,
 * the HasMember associations, and relationships to documents already registered. Symbolic ids are used inside
 * the request; the registry assigns the UUIDs.
 */
public final class SubmissionBuilder {
    public static final Code DEFAULT_CONTENT_TYPE = new Code("18748-4", "2.16.840.1.113883.6.1", "Diagnostic imaging study");

    private static final ObjectFactory RIM = new ObjectFactory();

    private final String patientId;
    private final String sourceId;
    private String uniqueId = newOid();
    private String submissionTime = Dtm.now();
    private Code contentTypeCode = DEFAULT_CONTENT_TYPE;
    private String authorPerson;
    private String authorInstitution;
    private String title;
    private final List<DocumentEntryBuilder> documents = new ArrayList<>();
    private final List<RegistryPackageType> folders = new ArrayList<>();
    private final List<AssociationType1> associations = new ArrayList<>();
    private int next = 1;

    public SubmissionBuilder(String patientId, String sourceId) {
        this.patientId = patientId;
        this.sourceId = sourceId;
    }

    /** A fresh OID under 2.25 (UUID-derived), unique without coordination. */
    public static String newOid() {
        UUID u = UUID.randomUUID();
        java.math.BigInteger n = new java.math.BigInteger(1, java.nio.ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
        return "2.25." + n;
    }

    public SubmissionBuilder uniqueId(String v) { uniqueId = v; return this; }
    public SubmissionBuilder submissionTime(String v) { submissionTime = v; return this; }
    public SubmissionBuilder contentTypeCode(Code v) { contentTypeCode = v; return this; }
    public SubmissionBuilder author(String person, String institution) { authorPerson = person; authorInstitution = institution; return this; }
    public SubmissionBuilder title(String v) { title = v; return this; }

    public String uniqueId() {
        return uniqueId;
    }

    /** Adds a document submitted by value (SubmissionSetStatus Original); configure it through the result. */
    public DocumentEntryBuilder addDocument() {
        return addDocument("Document" + next++);
    }

    /**
     * Adds a document whose DocumentEntry has the id {@code id}: a {@code urn:uuid:} id is kept by the registry as
     * the entryUUID, so the source knows it (e.g. as the target of a later RPLC) without querying.
     */
    public DocumentEntryBuilder addDocument(String id) {
        DocumentEntryBuilder d = new DocumentEntryBuilder(id, patientId,
                submissionTime.substring(0, Math.min(12, submissionTime.length())))
                .uniqueId(newOid());
        documents.add(d);
        associations.add(hasMember("SubmissionSet", d.id(), Vocabulary.SUBMISSION_SET_STATUS_ORIGINAL));
        return d;
    }

    /** Adds a new folder; returns its symbolic id. */
    public String addFolder(String folderTitle, Code... codes) {
        String id = "Folder" + next++;
        RegistryPackageType f = new RegistryPackageType();
        f.setId(id);
        f.setName(Rim.text(folderTitle));
        Rim.addNode(f, Vocabulary.FOLDER_NODE);
        for (int i = 0; i < codes.length; i++) {
            Rim.addCode(f, Vocabulary.FOLDER_CODE_LIST, codes[i], "code" + i);
        }
        Rim.addIdentifier(f, Vocabulary.FOLDER_PATIENT_ID, Vocabulary.FOLDER_PATIENT_ID_NAME, patientId, "pid");
        Rim.addIdentifier(f, Vocabulary.FOLDER_UNIQUE_ID, Vocabulary.FOLDER_UNIQUE_ID_NAME, newOid(), "uid");
        folders.add(f);
        associations.add(hasMember("SubmissionSet", id, null));
        return id;
    }

    /** Files a document (of this submission or already registered) in a folder, with the SS-HM record. */
    public SubmissionBuilder addToFolder(String folderId, String documentId) {
        AssociationType1 membership = hasMember(folderId, documentId, null);
        associations.add(membership);
        associations.add(hasMember("SubmissionSet", membership.getId(), null));
        return this;
    }

    /** A relationship (RPLC, XFRM, APND, XFRM_RPLC, signs) from a document of this submission to {@code target}. */
    public SubmissionBuilder relate(String type, String sourceDocumentId, String target) {
        AssociationType1 a = association(type, sourceDocumentId, target);
        associations.add(a);
        return this;
    }

    /** References a document already in the registry from this SubmissionSet (SubmissionSetStatus Reference). */
    public SubmissionBuilder reference(String existingEntryUuid) {
        associations.add(hasMember("SubmissionSet", existingEntryUuid, Vocabulary.SUBMISSION_SET_STATUS_REFERENCE));
        return this;
    }

    public SubmitObjectsRequest build() {
        RegistryPackageType ss = new RegistryPackageType();
        ss.setId("SubmissionSet");
        if (title != null) {
            ss.setName(Rim.text(title));
        }
        Rim.addSlot(ss, Vocabulary.SLOT_SUBMISSION_TIME, submissionTime);
        Rim.addAuthor(ss, Vocabulary.SS_AUTHOR, authorPerson, authorInstitution, "author");
        Rim.addCode(ss, Vocabulary.SS_CONTENT_TYPE_CODE, contentTypeCode, "contentType");
        Rim.addNode(ss, Vocabulary.SUBMISSION_SET_NODE);
        Rim.addIdentifier(ss, Vocabulary.SS_UNIQUE_ID, Vocabulary.SS_UNIQUE_ID_NAME, uniqueId, "uid");
        Rim.addIdentifier(ss, Vocabulary.SS_SOURCE_ID, Vocabulary.SS_SOURCE_ID_NAME, sourceId, "src");
        Rim.addIdentifier(ss, Vocabulary.SS_PATIENT_ID, Vocabulary.SS_PATIENT_ID_NAME, patientId, "pid");

        RegistryObjectListType list = new RegistryObjectListType();
        list.getIdentifiable().add(RIM.createRegistryPackage(ss));
        for (DocumentEntryBuilder d : documents) {
            list.getIdentifiable().add(RIM.createExtrinsicObject(d.build()));
        }
        for (RegistryPackageType f : folders) {
            list.getIdentifiable().add(RIM.createRegistryPackage(f));
        }
        for (AssociationType1 a : associations) {
            list.getIdentifiable().add(RIM.createAssociation(a));
        }
        SubmitObjectsRequest request = new SubmitObjectsRequest();
        request.setRegistryObjectList(list);
        return request;
    }

    private AssociationType1 hasMember(String source, String target, String submissionSetStatus) {
        AssociationType1 a = association(Vocabulary.HAS_MEMBER, source, target);
        if (submissionSetStatus != null) {
            a.getSlot().add(Rim.slot(Vocabulary.SLOT_SUBMISSION_SET_STATUS, List.of(submissionSetStatus)));
        }
        return a;
    }

    private AssociationType1 association(String type, String source, String target) {
        AssociationType1 a = new AssociationType1();
        a.setId("Association" + next++);
        a.setAssociationType(type);
        a.setSourceObject(source);
        a.setTargetObject(target);
        return a;
    }
}
