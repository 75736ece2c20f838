package org.xdsi.metadata.hl7;

import java.util.List;

/**
 * CXi, the form of {@code urn:ihe:iti:xds:2013:referenceIdList} values: CXi.1 id (required), CXi.2 and CXi.3
 * empty, CXi.4 assigning authority (optional), CXi.5 identifier type code (required), e.g.
 * {@code 2013001^^^&1.2.3.4.5.6&ISO^urn:ihe:iti:xds:2013:accession} or
 * {@code 1.2.3.45.678^^^^urn:ihe:iti:xds:2016:studyInstanceUID}.
 */
public final class Cxi {
    private Cxi() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        List<String> c = Hl7.split(value, '^');
        return !Hl7.component(c, 1).isBlank() && Hl7.component(c, 2).isEmpty() && Hl7.component(c, 3).isEmpty()
                && !Hl7.component(c, 5).isBlank();
    }
}
