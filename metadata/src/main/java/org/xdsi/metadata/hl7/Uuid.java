package org.xdsi.metadata.hl7;

/** UUIDs in the form XDS entryUUIDs use: {@code urn:uuid:} + the RFC 4122 8-4-4-4-12 hex form. */
public final class Uuid {
    public static final String PREFIX = "urn:uuid:";

    private Uuid() {
    }

    /** True for {@code urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} (hex digits; RFC 4122 reads them case-insensitively). */
    public static boolean isUrnUuid(String value) {
        return value != null && value.startsWith(PREFIX) && isUuid(value.substring(PREFIX.length()));
    }

    /** True for the bare 36-character RFC 4122 text form. */
    public static boolean isUuid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
