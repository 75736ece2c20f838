package org.xdsi.repository.mime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed MIME {@code Content-Type} value (RFC 2045): {@code type/subtype} in lower case and the parameters by
 * lower-case name. Quoted values may contain {@code ;} and backslash escapes; a value without quotes ends at the
 * next {@code ;}. Lenient: malformed parameters are skipped instead of failing.
 */
public record ContentType(String mediaType, Map<String, String> parameters) {

    public static ContentType parse(String value) {
        if (value == null || value.isBlank()) {
            return new ContentType("", Map.of());
        }
        int semi = value.indexOf(';');
        String media = (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        int i = semi < 0 ? value.length() : semi + 1;
        int n = value.length();
        while (i < n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ';')) {
                i++;
            }
            int eq = value.indexOf('=', i);
            int nextSemi = value.indexOf(';', i);
            if (eq < 0 || (nextSemi >= 0 && nextSemi < eq)) { // a parameter without value: skip it
                i = nextSemi < 0 ? n : nextSemi + 1;
                continue;
            }
            String name = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder v = new StringBuilder();
            if (i < n && value.charAt(i) == '"') {
                i++;
                while (i < n && value.charAt(i) != '"') {
                    char c = value.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = value.charAt(++i);
                    }
                    v.append(c);
                    i++;
                }
                i++; // closing quote
                while (i < n && value.charAt(i) != ';') {
                    i++;
                }
            } else {
                int end = value.indexOf(';', i);
                end = end < 0 ? n : end;
                v.append(value, i, end);
                i = end;
                v = new StringBuilder(v.toString().trim());
            }
            if (!name.isEmpty()) {
                params.putIfAbsent(name, v.toString());
            }
        }
        return new ContentType(media, Collections.unmodifiableMap(params));
    }

    /** A parameter's value, or null; {@code name} in any case. */
    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean isMultipart() {
        return mediaType.startsWith("multipart/");
    }

    /** True for the SOAP 1.2 ({@code application/soap+xml}) and SOAP 1.1 / plain XML ({@code text/xml}) types. */
    public boolean isXml() {
        return mediaType.equals("application/soap+xml") || mediaType.equals("text/xml")
                || mediaType.equals("application/xml") || mediaType.equals("application/xop+xml");
    }

    /** Quotes a parameter value for writing (RFC 2045 quoted-string). */
    public static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
