package org.xdsi.metadata.hl7;

import java.util.ArrayList;
import java.util.List;

/** Splitting of HL7 v2 encoded values on a fixed separator (no regex, linear time). */
final class Hl7 {
    private Hl7() {
    }

    /** Splits on {@code separator}, keeping empty and trailing parts; never returns null or an empty list. */
    static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == separator) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    /** The 1-based component {@code n}, or "" when absent. */
    static String component(List<String> parts, int n) {
        return parts.size() >= n ? parts.get(n - 1) : "";
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /** True for an HL7 HD given as {@code namespace&universalId&ISO} whose universal id is an OID. */
    static boolean isIsoHd(String hd) {
        List<String> sub = split(hd, '&');
        return sub.size() >= 3 && Oid.isValid(sub.get(1)) && "ISO".equals(sub.get(2))
                && sub.subList(3, sub.size()).stream().allMatch(String::isEmpty);
    }
}
