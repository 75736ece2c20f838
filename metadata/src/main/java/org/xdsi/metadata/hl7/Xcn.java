package org.xdsi.metadata.hl7;

import java.util.List;

/**
 * HL7 XCN (person), used for authorPerson and legalAuthenticator:
 * {@code id^family^given^further given^suffix^prefix^^^&AA-OID&ISO}, e.g.
 * {@code 11375^Welby^Marcus^J^Jr. MD^Dr^^^&2.999.6.197&ISO}. Trailing {@code ^} may be trimmed.
 */
public final class Xcn {
    private Xcn() {
    }

    /**
     * True when there is an id (XCN.1) or a family name (XCN.2); an id that is not itself an OID needs an
     * assigning authority in XCN.9 ({@code &OID&ISO}).
     */
    public static boolean isValid(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        List<String> c = Hl7.split(value, '^');
        String id = Hl7.component(c, 1);
        String family = Hl7.split(Hl7.component(c, 2), '&').get(0);
        if (id.isEmpty()) {
            return !family.isBlank();
        }
        if (id.isBlank() || id.indexOf('&') >= 0) {
            return false;
        }
        return Oid.isValid(id) || Hl7.isIsoHd(Hl7.component(c, 9));
    }
}
