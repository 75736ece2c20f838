package org.xdsi.registry.register;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.model.Association;
import org.xdsi.metadata.model.DocumentEntry;
import org.xdsi.metadata.model.Folder;
import org.xdsi.metadata.model.Submission;
import org.xdsi.metadata.model.SubmissionSet;
import org.xdsi.schema.rim.AssociationType1;
import org.xdsi.schema.rim.ClassificationType;
import org.xdsi.schema.rim.ExternalIdentifierType;
import org.xdsi.schema.rim.RegistryObjectType;

/**
 * Gives every object of a submission its permanent entryUUID: submitted UUIDs are kept, symbolic ids become new
 * time-ordered UUIDs ({@link TimeOrderedUuid}; the same symbol always the same UUID), a DocumentEntry already
 * registered takes the registered entry's UUID, and every reference inside the ebRIM objects is rewritten.
 */
public final class IdAssignment {
    private final Map<String, String> ids = new HashMap<>();

    private IdAssignment() {
    }

    public static IdAssignment assign(Submission submission, ResubmittedDocuments resubmitted) {
        IdAssignment a = new IdAssignment();
        a.ids.putAll(resubmitted.asMap()); // before define(): references to them point at the registered entry
        submission.submissionSets().forEach(s -> a.define(s.entryUuid()));
        submission.documents().forEach(d -> a.define(d.entryUuid()));
        submission.folders().forEach(f -> a.define(f.entryUuid()));
        submission.associations().forEach(x -> a.define(x.entryUuid()));
        for (SubmissionSet s : submission.submissionSets()) {
            a.rewrite(s.ebrim());
        }
        for (DocumentEntry d : submission.documents()) {
            a.rewrite(d.ebrim());
        }
        for (Folder f : submission.folders()) {
            a.rewrite(f.ebrim());
        }
        for (Association x : submission.associations()) {
            AssociationType1 e = x.ebrim();
            a.rewrite(e);
            e.setSourceObject(a.resolve(e.getSourceObject()));
            e.setTargetObject(a.resolve(e.getTargetObject()));
        }
        return a;
    }

    /** The permanent id for an id used in the submission; ids of objects already registered pass through. */
    public String resolve(String id) {
        if (id == null) {
            return null;
        }
        String mapped = ids.get(id);
        if (mapped != null) {
            return mapped;
        }
        return isUuid(id) ? normalize(id) : id;
    }

    private void define(String id) {
        if (id != null && !ids.containsKey(id)) {
            ids.put(id, isUuid(id) ? normalize(id) : newUuid());
        }
    }

    private void rewrite(RegistryObjectType object) {
        String owner = resolve(object.getId());
        object.setId(owner);
        for (ClassificationType c : object.getClassification()) {
            c.setId(nestedId(c.getId()));
            c.setClassifiedObject(owner);
            if (c.getObjectType() == null) {
                c.setObjectType(Vocabulary.OBJECT_TYPE_CLASSIFICATION);
            }
            if (c.getLid() != null) {
                c.setLid(c.getId());
            }
        }
        for (ExternalIdentifierType e : object.getExternalIdentifier()) {
            e.setId(nestedId(e.getId()));
            e.setRegistryObject(owner);
            if (e.getObjectType() == null) {
                e.setObjectType(Vocabulary.OBJECT_TYPE_EXTERNAL_IDENTIFIER);
            }
            if (e.getLid() != null) {
                e.setLid(e.getId());
            }
        }
    }

    private String nestedId(String id) {
        return id != null && isUuid(id) ? normalize(id) : newUuid();
    }

    public static String newUuid() {
        return Vocabulary.UUID_PREFIX + TimeOrderedUuid.next();
    }

    public static boolean isUuid(String id) {
        return id.regionMatches(true, 0, Vocabulary.UUID_PREFIX, 0, Vocabulary.UUID_PREFIX.length());
    }

    private static String normalize(String uuid) {
        return Vocabulary.UUID_PREFIX + uuid.substring(Vocabulary.UUID_PREFIX.length()).toLowerCase(Locale.ROOT);
    }
}
