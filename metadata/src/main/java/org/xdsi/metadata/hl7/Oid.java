package org.xdsi.metadata.hl7;

/** ISO OIDs as XDS uses them: {@code 1.2.840.10008}, digits and dots, at most 64 characters. */
public final class Oid {
    public static final int MAX_LENGTH = 64;

    private Oid() {
    }

    /**
     * True for an OID: at least two arcs separated by single dots, each arc decimal digits without leading zeros
     * (the arc "0" itself is allowed), the first arc 0, 1 or 2, at most 64 characters in all.
     */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        int arcs = 0;
        int arcStart = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '.') {
                int len = i - arcStart;
                if (len == 0 || (len > 1 && value.charAt(arcStart) == '0')) {
                    return false;
                }
                arcs++;
                arcStart = i + 1;
            } else {
                char c = value.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
        }
        char first = value.charAt(0);
        return arcs >= 2 && (first == '0' || first == '1' || first == '2') && value.charAt(1) == '.';
    }

    /** True for {@code urn:oid:} followed by a valid OID. */
    public static boolean isValidUrn(String value) {
        return value != null && value.startsWith("urn:oid:") && isValid(value.substring("urn:oid:".length()));
    }
}
