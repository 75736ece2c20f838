package org.xdsi.metadata.hl7;

import java.util.List;

/**
 * HL7 XON (organization), used for authorInstitution: XON.1 name (required); optional XON.10 organization id;
 * when XON.10 is not an OID, XON.6 must be {@code &AA-OID&ISO}. E.g. {@code Some Hospital^^^^^^^^^1.2.3.4.5}.
 */
public final class Xon {
    private Xon() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        List<String> c = Hl7.split(value, '^');
        if (Hl7.component(c, 1).isBlank()) {
            return false;
        }
        String orgId = Hl7.component(c, 10);
        if (orgId.isEmpty() || Oid.isValid(orgId)) {
            return true;
        }
        return Hl7.isIsoHd(Hl7.component(c, 6));
    }
}
