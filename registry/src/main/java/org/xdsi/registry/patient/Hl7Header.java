package org.xdsi.registry.patient;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The MSH segment of a message read with a plain split, without HAPI: needed before parsing (character set,
 * message type) and to answer messages HAPI cannot parse at all.
 */
final class Hl7Header {

    static final String DEFAULT_ENCODING_CHARACTERS = "^~\\&";

    private final char fieldSeparator;
    private final String encodingCharacters;
    /** fields[n] is MSH-(n+1); fields[0] is "MSH". */
    private final String[] fields;

    private Hl7Header(char fieldSeparator, String encodingCharacters, String[] fields) {
        this.fieldSeparator = fieldSeparator;
        this.encodingCharacters = encodingCharacters;
        this.fields = fields;
    }

    /** The header of {@code message}, or empty when it does not start with a usable MSH segment. */
    static Optional<Hl7Header> read(String message) {
        int start = message.indexOf("MSH");
        if (start < 0 || message.length() < start + 8) {
            return Optional.empty();
        }
        String msh = message.substring(start);
        int end = indexOfSegmentEnd(msh);
        if (end >= 0) {
            msh = msh.substring(0, end);
        }
        char separator = msh.charAt(3);
        if (Character.isLetterOrDigit(separator) || Character.isWhitespace(separator)) {
            return Optional.empty();
        }
        String[] fields = msh.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
        String encoding = fields.length > 1 ? fields[1] : "";
        if (encoding.length() < 4 || encoding.indexOf(separator) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Hl7Header(separator, encoding.substring(0, 4), fields));
    }

    /**
     * The character set declared in MSH-18 of the raw bytes, or {@code fallback}. The header is read as
     * ISO-8859-1 because every HL7 character set we support is ASCII-compatible in the MSH segment.
     */
    static Charset charsetOf(byte[] message, Charset fallback) {
        return read(new String(message, StandardCharsets.ISO_8859_1))
                .flatMap(Hl7Header::declaredCharset)
                .orElse(fallback);
    }

    private static int indexOfSegmentEnd(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return -1;
    }

    char fieldSeparator() {
        return fieldSeparator;
    }

    String encodingCharacters() {
        return encodingCharacters;
    }

    /** Raw (still escaped) value of MSH-n; empty when absent. */
    String field(int n) {
        int index = n - 1;
        return index >= 1 && index < fields.length ? fields[index] : "";
    }

    /** First component of the first repetition of MSH-n, the part that matters for ID-typed fields. */
    String firstComponent(int n) {
        return component(n, 1);
    }

    String component(int n, int component) {
        String value = firstRepetition(field(n));
        String[] parts = value.split(java.util.regex.Pattern.quote(String.valueOf(componentSeparator())), -1);
        return component - 1 < parts.length ? parts[component - 1].trim() : "";
    }

    private String firstRepetition(String value) {
        int rep = value.indexOf(encodingCharacters.charAt(1));
        return rep >= 0 ? value.substring(0, rep) : value;
    }

    char componentSeparator() {
        return encodingCharacters.charAt(0);
    }

    String messageType() {
        return component(9, 1);
    }

    String triggerEvent() {
        return component(9, 2);
    }

    String controlId() {
        return field(10);
    }

    String version() {
        return firstComponent(12);
    }

    String characterSetField() {
        return firstRepetition(field(18)).trim();
    }

    Optional<Charset> declaredCharset() {
        return hl7Charset(characterSetField());
    }

    /** Maps an HL7 table 0211 name (and plain Java names, which some senders use) to a Java charset. */
    static Optional<Charset> hl7Charset(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        String java = switch (n) {
            case "ASCII" -> "US-ASCII";
            case "UNICODE UTF-8", "UTF-8", "UNICODE" -> "UTF-8";
            case "UNICODE UTF-16" -> "UTF-16";
            case "UNICODE UTF-32" -> "UTF-32";
            case "ISO IR87" -> "ISO-2022-JP";
            case "BIG-5" -> "Big5";
            case "GB 18030-2000" -> "GB18030";
            case "KS X 1001" -> "EUC-KR";
            default -> n.startsWith("8859/") ? "ISO-8859-" + n.substring(5) : n;
        };
        try {
            return Optional.of(Charset.forName(java));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
