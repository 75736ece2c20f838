package org.xdsi.imaging.dicom;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The character repertoire of SH, LO, ST, LT, PN, UC and UT values, from Specific Character Set (0008,0005).
 *
 * <p>Supported exactly (decode and encode): the default repertoire (no value or ISO_IR 6), ISO_IR 100 (Latin-1),
 * ISO_IR 192 (UTF-8), the other single-byte ISO 8859 parts (ISO_IR 101, 109, 110, 144, 127, 126, 138, 148, 203),
 * ISO_IR 166 (TIS 620), GB18030 and GBK, also when named with code extensions ("ISO 2022 IR 100") as long as a single
 * value is given. ISO 2022 IR 87 (Japanese) decodes through ISO-2022-JP. Anything else (other multi-valued code
 * extensions, unknown terms) decodes as Latin-1, best effort: ASCII text is right, other bytes become Latin-1
 * characters rather than an error, and {@link #isExact()} is false; encoding text into such a dataset is refused.
 *
 * <p>The default repertoire is decoded as Latin-1 too, because many devices put Latin-1 bytes into datasets that
 * declare no character set; encoding into it accepts ASCII only.
 */
public final class SpecificCharacterSet {
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of(), StandardCharsets.ISO_8859_1,
            StandardCharsets.US_ASCII, true);
    public static final SpecificCharacterSet LATIN_1 = new SpecificCharacterSet(List.of("ISO_IR 100"),
            StandardCharsets.ISO_8859_1, StandardCharsets.ISO_8859_1, true);
    public static final SpecificCharacterSet UTF_8 = new SpecificCharacterSet(List.of("ISO_IR 192"),
            StandardCharsets.UTF_8, StandardCharsets.UTF_8, true);

    private static final Map<String, String> SINGLE_BYTE = Map.ofEntries(
            Map.entry("IR 100", "ISO-8859-1"), Map.entry("IR 101", "ISO-8859-2"), Map.entry("IR 109", "ISO-8859-3"),
            Map.entry("IR 110", "ISO-8859-4"), Map.entry("IR 144", "ISO-8859-5"), Map.entry("IR 127", "ISO-8859-6"),
            Map.entry("IR 126", "ISO-8859-7"), Map.entry("IR 138", "ISO-8859-8"), Map.entry("IR 148", "ISO-8859-9"),
            Map.entry("IR 203", "ISO-8859-15"), Map.entry("IR 166", "TIS-620"));

    private final List<String> terms;
    private final Charset decoder;
    private final Charset encoder;
    private final boolean exact;

    private SpecificCharacterSet(List<String> terms, Charset decoder, Charset encoder, boolean exact) {
        this.terms = terms;
        this.decoder = decoder;
        this.encoder = encoder;
        this.exact = exact;
    }

    /** The character set named by the values of (0008,0005); never fails, see the class comment. */
    public static SpecificCharacterSet of(List<String> values) {
        List<String> terms = values.stream().map(String::trim).toList();
        if (terms.isEmpty() || terms.size() == 1 && isDefault(terms.get(0))) {
            return DEFAULT;
        }
        if (terms.size() == 1) {
            String term = terms.get(0);
            switch (term) {
                case "ISO_IR 192":
                    return UTF_8;
                case "ISO_IR 100":
                    return LATIN_1;
                case "GB18030":
                    return exact(terms, "GB18030");
                case "GBK":
                    return exact(terms, "GBK");
                default:
                    break;
            }
            String javaName = SINGLE_BYTE.get(term.replace("ISO_IR ", "IR ").replace("ISO 2022 IR ", "IR "));
            if (javaName != null && Charset.isSupported(javaName)) {
                return exact(terms, javaName);
            }
        }
        if (terms.size() <= 2 && isDefault(terms.get(0)) && terms.get(terms.size() - 1).equals("ISO 2022 IR 87")
                && Charset.isSupported("ISO-2022-JP")) {
            return new SpecificCharacterSet(terms, Charset.forName("ISO-2022-JP"), null, false);
        }
        return new SpecificCharacterSet(terms, StandardCharsets.ISO_8859_1, null, false);
    }

    private static boolean isDefault(String term) {
        return term.isEmpty() || term.equals("ISO_IR 6") || term.equals("ISO 2022 IR 6");
    }

    private static SpecificCharacterSet exact(List<String> terms, String javaName) {
        Charset cs = Charset.forName(javaName);
        return new SpecificCharacterSet(terms, cs, cs, true);
    }

    /** The defined terms as given in (0008,0005); empty for the default repertoire. */
    public List<String> terms() {
        return terms;
    }

    /** False when values are decoded best effort (an unsupported or code-extension character set). */
    public boolean isExact() {
        return exact;
    }

    public String decode(byte[] bytes) {
        return new String(bytes, decoder);
    }

    /**
     * The bytes of a text value in this character set.
     *
     * @throws IllegalArgumentException when the text has characters the character set cannot hold (e.g. non-ASCII
     *     text without a Specific Character Set: set (0008,0005) to ISO_IR 192 first) or the set is unsupported
     */
    public byte[] encode(String text) {
        if (encoder == null) {
            throw new IllegalArgumentException("cannot encode text in the character set " + terms);
        }
        CharsetEncoder e = encoder.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer b = e.encode(CharBuffer.wrap(text));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException ex) {
            throw new IllegalArgumentException("text \"" + text + "\" cannot be encoded in the character set "
                    + (terms.isEmpty() ? "of the default repertoire (ASCII)" : String.join("\\", terms))
                    + "; set Specific Character Set (0008,0005) first, e.g. to ISO_IR 192");
        }
    }

    @Override
    public String toString() {
        return terms.isEmpty() ? "default repertoire" : String.join("\\", terms);
    }
}
