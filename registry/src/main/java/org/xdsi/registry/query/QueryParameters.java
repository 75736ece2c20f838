package org.xdsi.registry.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.ErrorCollector;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.hl7.Dtm;
import org.xdsi.registry.store.Status;
import org.xdsi.schema.rim.SlotType1;

/**
 * The {@code rim:Slot}s of an AdhocQuery decoded per ITI-18 value coding (digest §4.1), with checks that report into an
 * {@link ErrorCollector} instead of throwing: every problem of a request is reported at once, each error's
 * codeContext naming the parameter.
 *
 * <ul>
 * <li>A value is a quoted string ({@code 'a''b'} = {@code a'b}), a bare token (number; other bare tokens without quotes,
 * commas, parentheses or blanks are accepted as strings) or a parenthesised list of those.</li>
 * <li>Several {@code rim:Value}s of one Slot are one list (a long list split between values).</li>
 * <li>A Slot repeated under the same name is an AND group for the AND/OR parameters ({@link #andOr}); repeating a
 * single-valued parameter is XDSStoredQueryParamNumber; repeating a multi-valued one adds to the list.</li>
 * <li>A single-valued parameter may be written as a one-element list; two or more values are
 * XDSStoredQueryParamNumber.</li>
 * <li>Slots without values are treated as absent.</li>
 * </ul>
 */
final class QueryParameters {
    /** Most values a single list parameter may carry (keeps every statement within what Derby compiles). */
    static final int MAX_LIST_VALUES = 1000;

    private final Map<String, List<List<String>>> slots = new LinkedHashMap<>();
    private final Map<String, Boolean> listSyntax = new LinkedHashMap<>();
    private final Set<String> broken = new HashSet<>();
    private final ErrorCollector errors;

    private QueryParameters(ErrorCollector errors) {
        this.errors = errors;
    }

    static QueryParameters parse(List<SlotType1> slotList, ErrorCollector errors) {
        QueryParameters p = new QueryParameters(errors);
        if (slotList == null) {
            return p;
        }
        for (SlotType1 slot : slotList) {
            String name = slot.getName() == null ? "" : slot.getName().trim();
            List<String> raw = slot.getValueList() == null ? List.of() : slot.getValueList().getValue();
            List<String> values = new ArrayList<>();
            boolean list = false;
            boolean ok = true;
            for (String r : raw) {
                if (r == null || r.isBlank()) {
                    continue;
                }
                try {
                    ValueParser vp = new ValueParser(r);
                    list |= vp.parse(values);
                } catch (IllegalArgumentException e) {
                    errors.error(ErrorCode.XDSRegistryError, name + ": malformed value " + shorten(r) + " ("
                            + e.getMessage() + ")", null);
                    ok = false;
                }
            }
            if (!ok) {
                p.broken.add(name);
                continue;
            }
            if (values.isEmpty()) {
                continue;
            }
            p.slots.computeIfAbsent(name, k -> new ArrayList<>()).add(values);
            p.listSyntax.merge(name, list, Boolean::logicalOr);
        }
        return p;
    }

    Set<String> names() {
        return slots.keySet();
    }

    /** Given (and well-formed, or malformed: then its error is already reported). */
    boolean has(String name) {
        return slots.containsKey(name) || broken.contains(name);
    }

    private boolean usable(String name, boolean required) {
        if (broken.contains(name)) {
            return false;
        }
        if (!slots.containsKey(name)) {
            if (required) {
                errors.error(ErrorCode.XDSStoredQueryMissingParam, name + ": required parameter missing", null);
            }
            return false;
        }
        return true;
    }

    /** A single-valued parameter: one slot, one value. */
    String single(String name, boolean required) {
        if (!usable(name, required)) {
            return null;
        }
        List<List<String>> groups = slots.get(name);
        if (groups.size() > 1) {
            errors.error(ErrorCode.XDSStoredQueryParamNumber, name + ": single-valued parameter given in "
                    + groups.size() + " slots", null);
            return null;
        }
        List<String> values = groups.get(0);
        if (values.size() > 1) {
            errors.error(ErrorCode.XDSStoredQueryParamNumber, name + ": single-valued parameter given "
                    + values.size() + " values", null);
            return null;
        }
        return values.get(0);
    }

    /** A time bound, padded to 14 digits like the stored times; null when absent or malformed. */
    Long time(String name) {
        String v = single(name, false);
        if (v == null) {
            return null;
        }
        if (!Dtm.isValid(v)) {
            errors.error(ErrorCode.XDSRegistryError, name + ": not an HL7 DTM time (YYYY[MM[DD[hh[mm[ss]]]]]): "
                    + shorten(v), null);
            return null;
        }
        return Dtm.toNumber(v);
    }

    /** A multi-valued (OR) parameter: every value of every slot; empty when absent. */
    List<String> list(String name, boolean required) {
        if (!usable(name, required)) {
            return List.of();
        }
        LinkedHashSet<String> all = new LinkedHashSet<>();
        slots.get(name).forEach(all::addAll);
        if (all.size() > MAX_LIST_VALUES) {
            errors.error(ErrorCode.XDSRegistryError, name + ": more than " + MAX_LIST_VALUES + " values", null);
            return List.of();
        }
        return List.copyOf(all);
    }

    /** An AND/OR parameter: values within a slot are ORed, slots are ANDed. Empty when absent. */
    List<List<String>> andOr(String name, boolean required) {
        if (!usable(name, required)) {
            return List.of();
        }
        List<List<String>> groups = new ArrayList<>();
        int total = 0;
        for (List<String> g : slots.get(name)) {
            List<String> distinct = List.copyOf(new LinkedHashSet<>(g));
            total += distinct.size();
            groups.add(distinct);
        }
        if (total > MAX_LIST_VALUES) {
            errors.error(ErrorCode.XDSRegistryError, name + ": more than " + MAX_LIST_VALUES + " values", null);
            return List.of();
        }
        return groups;
    }

    /** Coded values ({@code code^^scheme}) of an OR parameter. */
    List<String> codes(String name) {
        List<String> codes = list(name, false);
        return checkCodes(name, codes) ? codes : List.of();
    }

    /** Coded values of an AND/OR parameter. */
    List<List<String>> codeGroups(String name) {
        List<List<String>> groups = andOr(name, false);
        boolean ok = true;
        for (List<String> g : groups) {
            ok &= checkCodes(name, g);
        }
        return ok ? groups : List.of();
    }

    private boolean checkCodes(String name, List<String> codes) {
        for (String c : codes) {
            int i = c.indexOf("^^");
            if (i <= 0 || i + 2 >= c.length() || c.charAt(i + 2) == '^') {
                errors.error(ErrorCode.XDSRegistryError, name + ": coded value must be code^^codingScheme, got "
                        + shorten(c), null);
                return false;
            }
        }
        return true;
    }

    /**
     * Status codes (required parameter); unknown status URNs are ignored, none usable is
     * XDSStoredQueryMissingParam. Returns null on error.
     */
    List<Integer> statuses(String name) {
        if (broken.contains(name)) {
            return null;
        }
        List<String> urns = list(name, true);
        if (urns.isEmpty()) {
            return null;
        }
        List<Integer> codes = new ArrayList<>();
        for (String urn : urns) {
            Status s = Status.ofUrn(urn.trim());
            if (s != null && !codes.contains(s.code())) {
                codes.add(s.code());
            }
        }
        if (codes.isEmpty()) {
            errors.error(ErrorCode.XDSStoredQueryMissingParam, name + ": no known status value among "
                    + shorten(String.join(",", urns)), null);
            return null;
        }
        return codes;
    }

    /**
     * {@code $XDSDocumentEntryType} as stored object_type codes (1 Stable, 2 On-Demand); Stable only when absent or
     * when no value is a known type.
     */
    List<Integer> objectTypes(String name) {
        List<String> urns = list(name, false);
        List<Integer> types = new ArrayList<>();
        for (String urn : urns) {
            String u = urn.trim();
            if (Vocabulary.STABLE_DOCUMENT.equals(u) && !types.contains(1)) {
                types.add(1);
            } else if (Vocabulary.ON_DEMAND_DOCUMENT.equals(u) && !types.contains(2)) {
                types.add(2);
            }
        }
        if (types.isEmpty()) {
            types.add(1);
        }
        return types;
    }

    static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** One {@code rim:Value} text. */
    private static final class ValueParser {
        private final String s;
        private int pos;

        ValueParser(String s) {
            this.s = s;
        }

        /** Adds the values to {@code out}; true when the value was written as a list. */
        boolean parse(List<String> out) {
            skipBlanks();
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                skipBlanks();
                if (pos < s.length() && s.charAt(pos) == ')') {
                    throw new IllegalArgumentException("empty list");
                }
                while (true) {
                    skipBlanks();
                    out.add(item(true));
                    skipBlanks();
                    if (pos >= s.length()) {
                        throw new IllegalArgumentException("unbalanced parentheses: missing ')'");
                    }
                    char c = s.charAt(pos++);
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw new IllegalArgumentException("expected ',' or ')' at position " + pos);
                    }
                }
                skipBlanks();
                if (pos < s.length()) {
                    throw new IllegalArgumentException("text after the closing ')'");
                }
                return true;
            }
            out.add(item(false));
            skipBlanks();
            if (pos < s.length()) {
                throw new IllegalArgumentException(s.charAt(pos) == ','
                        ? "several values must be written as a list in parentheses"
                        : "unexpected text after the value at position " + (pos + 1));
            }
            return false;
        }

        private String item(boolean inList) {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("value missing");
            }
            char first = s.charAt(pos);
            if (first == '\'') {
                StringBuilder sb = new StringBuilder();
                pos++;
                while (true) {
                    if (pos >= s.length()) {
                        throw new IllegalArgumentException("unbalanced quotes: missing closing '");
                    }
                    char c = s.charAt(pos++);
                    if (c == '\'') {
                        if (pos < s.length() && s.charAt(pos) == '\'') {
                            sb.append('\'');
                            pos++;
                        } else {
                            return sb.toString();
                        }
                    } else {
                        sb.append(c);
                    }
                }
            }
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ',' || c == ')' || Character.isWhitespace(c)) {
                    break;
                }
                if (c == '\'' || c == '(') {
                    throw new IllegalArgumentException(c == '\'' ? "unbalanced quotes" : "unbalanced parentheses");
                }
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException(first == ')' ? "unbalanced parentheses" : "value missing");
            }
            if (!inList && pos < s.length() && s.charAt(pos) == ')') {
                throw new IllegalArgumentException("unbalanced parentheses");
            }
            return s.substring(start, pos);
        }

        private void skipBlanks() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
