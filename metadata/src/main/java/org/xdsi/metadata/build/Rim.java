package org.xdsi.metadata.build;

import java.util.List;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.model.Code;
import org.xdsi.schema.rim.ClassificationType;
import org.xdsi.schema.rim.ExternalIdentifierType;
import org.xdsi.schema.rim.InternationalStringType;
import org.xdsi.schema.rim.LocalizedStringType;
import org.xdsi.schema.rim.RegistryObjectType;
import org.xdsi.schema.rim.SlotType1;
import org.xdsi.schema.rim.ValueListType;

/** Small constructors for the ebRIM pieces XDS metadata is made of. */
final class Rim {
    private Rim() {
    }

    static SlotType1 slot(String name, List<String> values) {
        SlotType1 slot = new SlotType1();
        slot.setName(name);
        ValueListType list = new ValueListType();
        list.getValue().addAll(values);
        slot.setValueList(list);
        return slot;
    }

    static InternationalStringType text(String value) {
        InternationalStringType s = new InternationalStringType();
        LocalizedStringType l = new LocalizedStringType();
        l.setValue(value);
        s.getLocalizedString().add(l);
        return s;
    }

    static void addSlot(RegistryObjectType o, String name, String... values) {
        if (values.length > 0 && values[0] != null) {
            o.getSlot().add(slot(name, List.of(values)));
        }
    }

    static void addCode(RegistryObjectType o, String scheme, Code code, String idSuffix) {
        if (code == null) {
            return;
        }
        ClassificationType c = new ClassificationType();
        c.setId(o.getId() + "_" + idSuffix);
        c.setClassificationScheme(scheme);
        c.setClassifiedObject(o.getId());
        c.setNodeRepresentation(code.code());
        c.setName(text(code.displayName() == null ? code.code() : code.displayName()));
        c.getSlot().add(slot(Vocabulary.SLOT_CODING_SCHEME, List.of(code.codingScheme())));
        o.getClassification().add(c);
    }

    static void addNode(RegistryObjectType o, String node) {
        ClassificationType c = new ClassificationType();
        c.setId(o.getId() + "_node");
        c.setClassificationNode(node);
        c.setClassifiedObject(o.getId());
        o.getClassification().add(c);
    }

    static void addAuthor(RegistryObjectType o, String scheme, String person, String institution, String idSuffix) {
        if (person == null && institution == null) {
            return;
        }
        ClassificationType c = new ClassificationType();
        c.setId(o.getId() + "_" + idSuffix);
        c.setClassificationScheme(scheme);
        c.setClassifiedObject(o.getId());
        c.setNodeRepresentation("");
        if (person != null) {
            c.getSlot().add(slot(Vocabulary.SLOT_AUTHOR_PERSON, List.of(person)));
        }
        if (institution != null) {
            c.getSlot().add(slot(Vocabulary.SLOT_AUTHOR_INSTITUTION, List.of(institution)));
        }
        o.getClassification().add(c);
    }

    static void addIdentifier(RegistryObjectType o, String scheme, String name, String value, String idSuffix) {
        ExternalIdentifierType e = new ExternalIdentifierType();
        e.setId(o.getId() + "_" + idSuffix);
        e.setIdentificationScheme(scheme);
        e.setRegistryObject(o.getId());
        e.setValue(value);
        e.setName(text(name));
        o.getExternalIdentifier().add(e);
    }
}
