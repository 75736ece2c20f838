package org.xdsi.metadata.ebrim;

import jakarta.xml.bind.JAXBElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.ErrorCollector;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.model.Association;
import org.xdsi.metadata.model.Author;
import org.xdsi.metadata.model.Code;
import org.xdsi.metadata.model.DocumentEntry;
import org.xdsi.metadata.model.Folder;
import org.xdsi.metadata.model.Slots;
import org.xdsi.metadata.model.Submission;
import org.xdsi.metadata.model.SubmissionSet;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rim.AssociationType1;
import org.xdsi.schema.rim.ClassificationType;
import org.xdsi.schema.rim.ExternalIdentifierType;
import org.xdsi.schema.rim.ExtrinsicObjectType;
import org.xdsi.schema.rim.IdentifiableType;
import org.xdsi.schema.rim.InternationalStringType;
import org.xdsi.schema.rim.LocalizedStringType;
import org.xdsi.schema.rim.ObjectRefType;
import org.xdsi.schema.rim.RegistryObjectListType;
import org.xdsi.schema.rim.RegistryPackageType;
import org.xdsi.schema.rim.SlotType1;

/**
 * Reads ebRIM 3.0 into the XDS model. It only sorts and extracts: every rule about what is valid belongs to the
 * validator, except objects it cannot place at all. Null-tolerant throughout: submissions come from anywhere.
 */
public final class EbrimReader {
    private EbrimReader() {
    }

    public static Submission read(SubmitObjectsRequest request, ErrorCollector errors) {
        List<SubmissionSet> sets = new ArrayList<>();
        List<DocumentEntry> documents = new ArrayList<>();
        List<Folder> folders = new ArrayList<>();
        List<Association> associations = new ArrayList<>();
        RegistryObjectListType list = request == null ? null : request.getRegistryObjectList();
        if (list == null) {
            errors.error(ErrorCode.XDSRegistryMetadataError, "the request has no rim:RegistryObjectList", null);
            return new Submission(sets, documents, folders, associations);
        }
        List<IdentifiableType> objects = new ArrayList<>();
        for (JAXBElement<? extends IdentifiableType> e : list.getIdentifiable()) {
            if (e != null && e.getValue() != null) {
                objects.add(e.getValue());
            }
        }
        // package id -> classification node, from classifications inside or beside the package
        Set<String> packageIds = new HashSet<>();
        for (IdentifiableType o : objects) {
            if (o instanceof RegistryPackageType p && p.getId() != null) {
                packageIds.add(p.getId());
            }
        }
        Map<String, String> packageKinds = new HashMap<>();
        Set<String> conflicting = new LinkedHashSet<>();
        for (IdentifiableType o : objects) {
            if (o instanceof RegistryPackageType p) {
                for (ClassificationType c : nonNull(p.getClassification())) {
                    notePackageKind(packageKinds, conflicting, c, p.getId());
                }
            } else if (o instanceof ClassificationType c && packageIds.contains(c.getClassifiedObject())) {
                notePackageKind(packageKinds, conflicting, c, c.getClassifiedObject());
            }
        }
        for (IdentifiableType o : objects) {
            if (o instanceof ExtrinsicObjectType e) {
                documents.add(readDocumentEntry(e));
            } else if (o instanceof RegistryPackageType p) {
                String kind = packageKinds.get(p.getId());
                if (p.getId() != null && conflicting.contains(p.getId())) {
                    errors.error(ErrorCode.XDSRegistryMetadataError, "RegistryPackage " + p.getId()
                            + " is classified both as SubmissionSet (" + Vocabulary.SUBMISSION_SET_NODE
                            + ") and as Folder (" + Vocabulary.FOLDER_NODE + "); it must be one or the other",
                            p.getId());
                } else if (Vocabulary.SUBMISSION_SET_NODE.equals(kind)) {
                    sets.add(readSubmissionSet(p));
                } else if (Vocabulary.FOLDER_NODE.equals(kind)) {
                    folders.add(readFolder(p));
                } else {
                    errors.error(ErrorCode.XDSRegistryMetadataError, "RegistryPackage " + p.getId()
                            + " is classified neither as SubmissionSet (a Classification with classificationNode "
                            + Vocabulary.SUBMISSION_SET_NODE + ") nor as Folder (classificationNode "
                            + Vocabulary.FOLDER_NODE + ")", p.getId());
                }
            } else if (o instanceof AssociationType1 a) {
                associations.add(readAssociation(a));
            } else if (o instanceof ClassificationType c) {
                if (!packageIds.contains(c.getClassifiedObject()) || !isPackageNode(c.getClassificationNode())) {
                    errors.error(ErrorCode.XDSRegistryMetadataError, "top-level Classification " + c.getId()
                            + " (classifiedObject " + c.getClassifiedObject() + ", classificationNode "
                            + c.getClassificationNode() + ") must classify a RegistryPackage of this submission as "
                            + "SubmissionSet (" + Vocabulary.SUBMISSION_SET_NODE + ") or Folder ("
                            + Vocabulary.FOLDER_NODE + ")", c.getId());
                }
            } else if (!(o instanceof ObjectRefType)) {
                errors.error(ErrorCode.XDSRegistryMetadataError, "unexpected " + o.getClass().getSimpleName()
                        .replace("Type", "") + " " + o.getId() + " in an XDS submission (allowed: ExtrinsicObject, "
                        + "RegistryPackage, Association, Classification of a RegistryPackage, ObjectRef)", o.getId());
            }
        }
        return new Submission(sets, documents, folders, associations);
    }

    private static void notePackageKind(Map<String, String> kinds, Set<String> conflicting, ClassificationType c,
                                        String packageId) {
        if (packageId != null && isPackageNode(c.getClassificationNode())) {
            String previous = kinds.putIfAbsent(packageId, c.getClassificationNode());
            if (previous != null && !previous.equals(c.getClassificationNode())) {
                conflicting.add(packageId);
            }
        }
    }

    /** The non-null elements of a possibly null list. */
    private static <T> List<T> nonNull(List<T> list) {
        if (list == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(list.size());
        for (T t : list) {
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean isPackageNode(String node) {
        return Vocabulary.SUBMISSION_SET_NODE.equals(node) || Vocabulary.FOLDER_NODE.equals(node);
    }

    public static DocumentEntry readDocumentEntry(ExtrinsicObjectType e) {
        if (e == null) {
            e = new ExtrinsicObjectType();
        }
        // not getMimeType() alone: it answers the schema default when the attribute is absent
        String mimeType = e.isSetMimeType() ? e.getMimeType() : null;
        return new DocumentEntry(e.getId(), e.getLid(), e.getHome(), e.getObjectType(), mimeType, e.getStatus(),
                identifiers(e.getExternalIdentifier(), Vocabulary.DE_PATIENT_ID),
                identifiers(e.getExternalIdentifier(), Vocabulary.DE_UNIQUE_ID),
                text(e.getName()), text(e.getDescription()),
                codes(e.getClassification(), Vocabulary.DE_CLASS_CODE),
                codes(e.getClassification(), Vocabulary.DE_TYPE_CODE),
                codes(e.getClassification(), Vocabulary.DE_FORMAT_CODE),
                codes(e.getClassification(), Vocabulary.DE_HEALTHCARE_FACILITY_TYPE_CODE),
                codes(e.getClassification(), Vocabulary.DE_PRACTICE_SETTING_CODE),
                codes(e.getClassification(), Vocabulary.DE_CONFIDENTIALITY_CODE),
                codes(e.getClassification(), Vocabulary.DE_EVENT_CODE),
                authors(e.getClassification(), Vocabulary.DE_AUTHOR),
                slots(e.getSlot()), e);
    }

    public static SubmissionSet readSubmissionSet(RegistryPackageType p) {
        if (p == null) {
            p = new RegistryPackageType();
        }
        return new SubmissionSet(p.getId(), p.getHome(),
                identifiers(p.getExternalIdentifier(), Vocabulary.SS_PATIENT_ID),
                identifiers(p.getExternalIdentifier(), Vocabulary.SS_UNIQUE_ID),
                identifiers(p.getExternalIdentifier(), Vocabulary.SS_SOURCE_ID),
                text(p.getName()), text(p.getDescription()),
                codes(p.getClassification(), Vocabulary.SS_CONTENT_TYPE_CODE),
                authors(p.getClassification(), Vocabulary.SS_AUTHOR),
                slots(p.getSlot()), p);
    }

    public static Folder readFolder(RegistryPackageType p) {
        if (p == null) {
            p = new RegistryPackageType();
        }
        return new Folder(p.getId(), p.getLid(), p.getHome(),
                identifiers(p.getExternalIdentifier(), Vocabulary.FOLDER_PATIENT_ID),
                identifiers(p.getExternalIdentifier(), Vocabulary.FOLDER_UNIQUE_ID),
                text(p.getName()), text(p.getDescription()),
                codes(p.getClassification(), Vocabulary.FOLDER_CODE_LIST),
                slots(p.getSlot()), p);
    }

    public static Association readAssociation(AssociationType1 a) {
        if (a == null) {
            a = new AssociationType1();
        }
        return new Association(a.getId(), a.getAssociationType(), a.getSourceObject(), a.getTargetObject(),
                slots(a.getSlot()), a);
    }

    private static List<String> identifiers(List<ExternalIdentifierType> ids, String scheme) {
        List<String> values = new ArrayList<>(1);
        for (ExternalIdentifierType id : nonNull(ids)) {
            if (scheme.equals(id.getIdentificationScheme()) && id.getValue() != null) {
                values.add(id.getValue().trim());
            }
        }
        return values;
    }

    private static List<Code> codes(List<ClassificationType> classifications, String scheme) {
        List<Code> codes = new ArrayList<>(1);
        for (ClassificationType c : nonNull(classifications)) {
            if (scheme.equals(c.getClassificationScheme())) {
                Slots s = slots(c.getSlot());
                codes.add(new Code(c.getNodeRepresentation(), s.first(Vocabulary.SLOT_CODING_SCHEME), text(c.getName())));
            }
        }
        return codes;
    }

    private static List<Author> authors(List<ClassificationType> classifications, String scheme) {
        List<Author> authors = new ArrayList<>(1);
        for (ClassificationType c : nonNull(classifications)) {
            if (scheme.equals(c.getClassificationScheme())) {
                Slots s = slots(c.getSlot());
                authors.add(new Author(s.first(Vocabulary.SLOT_AUTHOR_PERSON), s.all(Vocabulary.SLOT_AUTHOR_INSTITUTION),
                        s.all(Vocabulary.SLOT_AUTHOR_ROLE), s.all(Vocabulary.SLOT_AUTHOR_SPECIALTY),
                        s.all(Vocabulary.SLOT_AUTHOR_TELECOMMUNICATION)));
            }
        }
        return authors;
    }

    /** Slots by name; a name repeated in one object merges its values (ebRIM forbids it; validation may flag it). */
    public static Slots slots(List<SlotType1> slots) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (SlotType1 slot : nonNull(slots)) {
            if (slot.getName() == null) {
                continue;
            }
            List<String> target = values.computeIfAbsent(slot.getName(), k -> new ArrayList<>());
            if (slot.getValueList() != null) {
                for (String v : slot.getValueList().getValue()) {
                    if (v != null) {
                        target.add(v);
                    }
                }
            }
        }
        return new Slots(values);
    }

    private static String text(InternationalStringType s) {
        if (s == null) {
            return null;
        }
        for (LocalizedStringType l : nonNull(s.getLocalizedString())) {
            if (l.getValue() != null) {
                return l.getValue();
            }
        }
        return null;
    }
}
