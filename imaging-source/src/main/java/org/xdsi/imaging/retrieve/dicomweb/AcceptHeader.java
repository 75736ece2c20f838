package org.xdsi.imaging.retrieve.dicomweb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The media ranges of Accept headers, parsed here rather than by the JAX-RS runtime: DICOMweb ranges carry quoted
 * parameters followed by UID-valued ones ({@code type="application/dicom"; transfer-syntax=1.2.840.10008.1.2}),
 * which CXF's parser cuts at the first dot.
 */
final class AcceptHeader {
    /** One media range; names lower-cased, parameter values unquoted. */
    record Range(String type, String subtype, Map<String, String> parameters, double quality) {
        boolean isWildcard() {
            return type.equals("*");
        }

        /** type/subtype matches, or is a wildcard for it. */
        boolean covers(String t, String s) {
            return isWildcard() || type.equals(t) && (subtype.equals("*") || subtype.equals(s));
        }

        String parameter(String name) {
            return parameters.get(name);
        }
    }

    private AcceptHeader() {
    }

    /** The ranges of all the Accept headers, best quality first; {@code *}/{@code *} when there are none. */
    static List<Range> parse(List<String> headers) {
        List<Range> ranges = new ArrayList<>();
        if (headers != null) {
            for (String header : headers) {
                for (String item : split(header, ',')) {
                    Range r = range(item);
                    if (r != null && r.quality() > 0) {
                        ranges.add(r);
                    }
                }
            }
        }
        if (ranges.isEmpty() && (headers == null || headers.stream().allMatch(h -> h == null || h.isBlank()))) {
            ranges.add(new Range("*", "*", Map.of(), 1));
        }
        ranges.sort(Comparator.comparingDouble(Range::quality).reversed());
        return ranges;
    }

    private static Range range(String item) {
        List<String> pieces = split(item, ';');
        String name = pieces.get(0).trim().toLowerCase(Locale.ROOT);
        int slash = name.indexOf('/');
        if (name.equals("*")) {
            name = "*/*";
            slash = 1;
        }
        if (slash <= 0 || slash == name.length() - 1) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        double quality = 1;
        for (int i = 1; i < pieces.size(); i++) {
            String p = pieces.get(i);
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (key.equals("q")) {
                try {
                    quality = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    quality = 1;
                }
            } else {
                parameters.put(key, value);
            }
        }
        return new Range(name.substring(0, slash), name.substring(slash + 1), parameters, quality);
    }

    /** Splits at {@code separator} outside double quotes. */
    private static List<String> split(String s, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }
}
