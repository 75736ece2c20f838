package org.xdsi.registry.register;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Affinity Domain's value sets for coded attributes and mimeType (digest §3.1 item 12). Only code and coding
 * scheme are compared, never the display name.
 *
 * <p>File format (UTF-8), one allowed value per line:
 * <pre>
 * # comment lines start with '#'; blank lines are ignored
 * classCode = 18748-4^^2.16.840.1.113883.6.1
 * confidentialityCode = N^^2.16.840.1.113883.5.25
 * mimeType = application/pdf
 * </pre>
 * A line is {@code attribute = code^^codingScheme}; for {@code mimeType} the value is the MIME type itself. The
 * attributes are {@value #ATTRIBUTE_LIST}. An attribute with no line is unrestricted; an attribute with at least
 * one line accepts only the listed values. Spaces around the attribute and the value are trimmed. An unknown
 * attribute or a malformed line makes {@link #load} fail with the line number.
 */
public final class CodeLists {
    static final String ATTRIBUTE_LIST = "classCode, typeCode, formatCode, healthcareFacilityTypeCode, "
            + "practiceSettingCode, confidentialityCode, eventCodeList, contentTypeCode, folderCodeList, mimeType";

    public static final String CLASS_CODE = "classCode";
    public static final String TYPE_CODE = "typeCode";
    public static final String FORMAT_CODE = "formatCode";
    public static final String HEALTHCARE_FACILITY_TYPE_CODE = "healthcareFacilityTypeCode";
    public static final String PRACTICE_SETTING_CODE = "practiceSettingCode";
    public static final String CONFIDENTIALITY_CODE = "confidentialityCode";
    public static final String EVENT_CODE_LIST = "eventCodeList";
    public static final String CONTENT_TYPE_CODE = "contentTypeCode";
    public static final String FOLDER_CODE_LIST = "folderCodeList";
    public static final String MIME_TYPE = "mimeType";

    /** Every attribute a code list may restrict. */
    public static final Set<String> ATTRIBUTES = Set.of(CLASS_CODE, TYPE_CODE, FORMAT_CODE,
            HEALTHCARE_FACILITY_TYPE_CODE, PRACTICE_SETTING_CODE, CONFIDENTIALITY_CODE, EVENT_CODE_LIST,
            CONTENT_TYPE_CODE, FOLDER_CODE_LIST, MIME_TYPE);

    /** No restriction at all. */
    public static final CodeLists NONE = new CodeLists(Map.of());

    /** attribute -> allowed values ({@code code^^scheme}, or the mime type) */
    private final Map<String, Set<String>> allowed;

    private CodeLists(Map<String, Set<String>> allowed) {
        Map<String, Set<String>> copy = new HashMap<>();
        allowed.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new HashSet<>(v))));
        this.allowed = Collections.unmodifiableMap(copy);
    }

    /** Reads a code-list file in the format described in the class comment. */
    public static CodeLists load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        }
    }

    /** Parses code-list text (the file format); handy for tests and configuration held in memory. */
    public static CodeLists parse(String text) throws IOException {
        return parse(new StringReader(text), "code lists");
    }

    /** Code lists from attribute -> allowed values ({@code code^^scheme}, or mime types). */
    public static CodeLists of(Map<String, ? extends java.util.Collection<String>> allowed) {
        Map<String, Set<String>> m = new HashMap<>();
        allowed.forEach((attribute, values) -> {
            if (!ATTRIBUTES.contains(attribute)) {
                throw new IllegalArgumentException("unknown code-list attribute " + attribute + "; expected one of "
                        + ATTRIBUTE_LIST);
            }
            m.put(attribute, new HashSet<>(values));
        });
        return new CodeLists(m);
    }

    private static CodeLists parse(Reader reader, String source) throws IOException {
        Map<String, Set<String>> m = new HashMap<>();
        BufferedReader in = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                throw new IOException(source + " line " + number + ": expected 'attribute = code^^scheme', got '"
                        + t + "'");
            }
            String attribute = t.substring(0, eq).strip();
            String value = t.substring(eq + 1).strip();
            if (!ATTRIBUTES.contains(attribute)) {
                throw new IOException(source + " line " + number + ": unknown attribute '" + attribute
                        + "'; expected one of " + ATTRIBUTE_LIST);
            }
            if (value.isEmpty()) {
                throw new IOException(source + " line " + number + ": no value for " + attribute);
            }
            if (!MIME_TYPE.equals(attribute)) {
                int sep = value.indexOf("^^");
                if (sep <= 0 || sep + 2 >= value.length()) {
                    throw new IOException(source + " line " + number + ": " + attribute
                            + " value must be code^^codingScheme, got '" + value + "'");
                }
            }
            m.computeIfAbsent(attribute, k -> new HashSet<>()).add(value);
        }
        return new CodeLists(m);
    }

    /** True when the attribute has a value set (otherwise any value is allowed). */
    public boolean restricts(String attribute) {
        return allowed.containsKey(attribute);
    }

    /** True when the code is allowed for the attribute (always true for an unrestricted attribute). */
    public boolean allows(String attribute, String code, String codingScheme) {
        Set<String> values = allowed.get(attribute);
        return values == null || values.contains(code + "^^" + codingScheme);
    }

    /** True when the mime type is allowed (always true when mimeType is unrestricted). */
    public boolean allowsMimeType(String mimeType) {
        Set<String> values = allowed.get(MIME_TYPE);
        return values == null || values.contains(mimeType);
    }

    /** The allowed values of an attribute, empty when unrestricted. */
    public Set<String> allowedValues(String attribute) {
        return allowed.getOrDefault(attribute, Set.of());
    }

    /** True when nothing is restricted. */
    public boolean isEmpty() {
        return allowed.isEmpty();
    }

    @Override
    public String toString() {
        return "CodeLists" + allowed;
    }
}
