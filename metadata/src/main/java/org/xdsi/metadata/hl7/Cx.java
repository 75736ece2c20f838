package org.xdsi.metadata.hl7;

import java.util.List;

/**
 * HL7 CX (extended composite id). XDS patient ids use only components 1 and 4:
 * {@code IdNumber^^^&OIDofAA&ISO}, e.g. {@code 543797436^^^&1.2.840.113619.6.197&ISO}.
 */
public final class Cx {
    private Cx() {
    }

    /**
     * True for the XDS form of a patient id: a non-empty id, components 2 and 3 empty, component 4 an HD whose
     * universal id is an OID of type {@code ISO}, and nothing after component 4.
     */
    public static boolean isValidXdsPatientId(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        List<String> c = Hl7.split(value, '^');
        if (c.size() != 4) {
            return false;
        }
        return validId(c.get(0)) && c.get(1).isEmpty() && c.get(2).isEmpty() && Hl7.isIsoHd(c.get(3));
    }

    /** The assigning authority's universal id (CX.4.2, the OID for XDS patient ids), or null when there is none. */
    public static String assigningAuthority(String value) {
        if (value == null) {
            return null;
        }
        List<String> c = Hl7.split(value, '^');
        if (c.size() < 4) {
            return null;
        }
        List<String> hd = Hl7.split(c.get(3), '&');
        String universal = hd.size() >= 2 ? hd.get(1) : "";
        return universal.isEmpty() ? null : universal;
    }

    /** The id number (CX.1), or null. */
    public static String idNumber(String value) {
        if (value == null) {
            return null;
        }
        String id = Hl7.split(value, '^').get(0);
        return id.isEmpty() ? null : id;
    }

    /** True for any CX with an id (CX.1) and an assigning authority (CX.4 namespace or universal id). */
    public static boolean isValidCx(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        List<String> c = Hl7.split(value, '^');
        if (!validId(c.get(0)) || c.size() < 4) {
            return false;
        }
        List<String> hd = Hl7.split(c.get(3), '&');
        String namespace = hd.get(0);
        String universal = hd.size() >= 2 ? hd.get(1) : "";
        String type = hd.size() >= 3 ? hd.get(2) : "";
        if (universal.isEmpty()) {
            return !namespace.isEmpty();
        }
        return !type.isEmpty();
    }

    private static boolean validId(String id) {
        return !id.isEmpty() && !id.isBlank() && id.indexOf('&') < 0 && id.indexOf('~') < 0 && id.indexOf('|') < 0;
    }
}
