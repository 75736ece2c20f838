package org.xdsi.registry.store;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.rim.AssociationType1;
import org.xdsi.schema.rim.ExternalIdentifierType;
import org.xdsi.schema.rim.ExtrinsicObjectType;
import org.xdsi.schema.rim.IdentifiableType;
import org.xdsi.schema.rim.ObjectFactory;
import org.xdsi.schema.rim.RegistryObjectType;
import org.xdsi.schema.rim.RegistryPackageType;
import org.xdsi.schema.rim.SlotType1;
import org.xdsi.schema.rim.ValueListType;

/** The few edits the registry makes to ebRIM objects before storing them, and their stored form. */
public final class EbrimEdits {
    private static final ObjectFactory RIM = new ObjectFactory();

    private EbrimEdits() {
    }

    /** Replaces (or adds) a single-valued slot. */
    public static void setSlot(IdentifiableType object, String name, String value) {
        object.getSlot().removeIf(s -> name.equals(s.getName()));
        SlotType1 slot = new SlotType1();
        slot.setName(name);
        ValueListType values = new ValueListType();
        values.getValue().add(value);
        slot.setValueList(values);
        object.getSlot().add(slot);
    }

    /** Sets the value of every external identifier of the given schemes (patient id after a merge). */
    public static void setExternalIdentifier(RegistryObjectType object, List<String> schemes, String value) {
        for (ExternalIdentifierType e : object.getExternalIdentifier()) {
            if (schemes.contains(e.getIdentificationScheme())) {
                e.setValue(value);
            }
        }
    }

    /** The stored XML: the object as its own element, without status and home (see {@link StoredXml}). */
    public static String storedXml(RegistryObjectType object) {
        return new String(storedUtf8(object), StandardCharsets.UTF_8);
    }

    /** The stored column value: {@link #storedXml} compressed by {@link EbrimCodec}. */
    public static byte[] storedBytes(RegistryObjectType object) {
        return EbrimCodec.encode(storedUtf8(object));
    }

    private static byte[] storedUtf8(RegistryObjectType object) {
        object.setStatus(null);
        object.setHome(null);
        Object element;
        if (object instanceof ExtrinsicObjectType e) {
            element = RIM.createExtrinsicObject(e);
        } else if (object instanceof RegistryPackageType p) {
            element = RIM.createRegistryPackage(p);
        } else if (object instanceof AssociationType1 a) {
            element = RIM.createAssociation(a);
        } else {
            throw new IllegalArgumentException("not a stored registry object: " + object.getClass().getSimpleName());
        }
        try {
            return Schemas.marshalRimFragmentUtf8(element);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot serialize " + object.getId(), e);
        }
    }

    /** Reads a stored fragment back into its ebRIM object. */
    public static RegistryObjectType parseStored(String xml) {
        try {
            Object o = Schemas.unmarshal(new StreamSource(new StringReader(xml)));
            return (RegistryObjectType) (o instanceof JAXBElement<?> e ? e.getValue() : o);
        } catch (JAXBException e) {
            throw new IllegalStateException("stored registry object is unreadable", e);
        }
    }
}
