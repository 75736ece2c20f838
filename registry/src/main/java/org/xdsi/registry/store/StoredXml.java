package org.xdsi.registry.store;

/**
 * Stored ebRIM fragments are kept without {@code status} and {@code home}; both are added to the root element when
 * the object is returned, so a status change never rewrites the XML.
 */
public final class StoredXml {
    private StoredXml() {
    }

    /** Inserts the attributes right after the root element's name. {@code home} may be null. */
    public static String withAttributes(String fragment, Status status, String home) {
        int i = 1;
        while (i < fragment.length() && !isNameEnd(fragment.charAt(i))) {
            i++;
        }
        StringBuilder sb = new StringBuilder(fragment.length() + 96);
        sb.append(fragment, 0, i);
        if (status != null) {
            sb.append(" status=\"").append(status.urn()).append('"');
        }
        if (home != null) {
            sb.append(" home=\"").append(escape(home)).append('"');
        }
        return sb.append(fragment, i, fragment.length()).toString();
    }

    private static boolean isNameEnd(char c) {
        return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r';
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
