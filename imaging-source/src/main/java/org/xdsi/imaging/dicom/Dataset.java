package org.xdsi.imaging.dicom;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A DICOM dataset (or sequence item): data elements in ascending tag order, with typed getters and setters.
 *
 * <p>Text values are decoded through the Specific Character Set (0008,0005) of this dataset, or of the dataset that
 * holds it as a sequence item; set (0008,0005) before setting text that is not ASCII. Getters strip the padding and
 * the insignificant spaces of each value; multi-valued text is split at backslashes. Setters store the encoded,
 * padded value, so a dataset read back from what was written equals the original.
 */
public final class Dataset implements Iterable<DataElement> {
    private final TreeMap<Integer, DataElement> elements = new TreeMap<>(Integer::compareUnsigned);
    private Dataset parent;
    private SpecificCharacterSet characterSet;

    public Dataset() {
    }

    /** A deep copy without parent (byte arrays shared, they are never changed in place). */
    public Dataset copy() {
        Dataset c = new Dataset();
        for (DataElement e : elements.values()) {
            if (e.kind() == DataElement.Kind.SEQUENCE) {
                c.setSequence(e.tag(), e.items().stream().map(Dataset::copy).toList());
            } else {
                c.put(e);
            }
        }
        return c;
    }

    // ---- structure

    public DataElement get(int tag) {
        return elements.get(tag);
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** True when the element is present with a non-empty value. */
    public boolean containsValue(int tag) {
        DataElement e = elements.get(tag);
        return e != null && !e.isEmpty();
    }

    public Vr getVr(int tag) {
        DataElement e = elements.get(tag);
        return e == null ? null : e.vr();
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    /** The elements in ascending (unsigned) tag order; a live read-only view. */
    public Collection<DataElement> elements() {
        return java.util.Collections.unmodifiableCollection(elements.values());
    }

    @Override
    public Iterator<DataElement> iterator() {
        return elements().iterator();
    }

    /** Adds or replaces an element; sequence items get this dataset as parent (for the character set). */
    public Dataset put(DataElement e) {
        if (e.kind() == DataElement.Kind.SEQUENCE) {
            e.mutableItems().forEach(item -> item.parent = this);
        }
        elements.put(e.tag(), e);
        if (e.tag() == Tag.SPECIFIC_CHARACTER_SET) {
            characterSet = null;
        }
        return this;
    }

    public DataElement remove(int tag) {
        if (tag == Tag.SPECIFIC_CHARACTER_SET) {
            characterSet = null;
        }
        return elements.remove(tag);
    }

    /** The dataset holding this one as a sequence item, or null. */
    public Dataset parent() {
        return parent;
    }

    /** The character set of text values: this dataset's (0008,0005), else its parent's, else the default. */
    public SpecificCharacterSet characterSet() {
        if (characterSet == null) {
            DataElement e = elements.get(Tag.SPECIFIC_CHARACTER_SET);
            if (e != null && e.kind() == DataElement.Kind.VALUE) {
                characterSet = SpecificCharacterSet.of(getStrings(Tag.SPECIFIC_CHARACTER_SET));
            } else {
                return parent != null ? parent.characterSet() : SpecificCharacterSet.DEFAULT;
            }
        }
        return characterSet;
    }

    // ---- strings

    /** The first value as text, or null when absent or empty. */
    public String getString(int tag) {
        List<String> values = getStrings(tag);
        return values.isEmpty() || values.get(0).isEmpty() && values.size() == 1 ? null : values.get(0);
    }

    public String getString(int tag, String defaultValue) {
        String v = getString(tag);
        return v == null ? defaultValue : v;
    }

    /**
     * All values as text: decoded, split at backslashes (except LT, ST, UT, UR) and trimmed; binary numbers are
     * formatted (AT as 8 hex digits). Empty for an absent or empty element, a sequence or bulk data.
     */
    public List<String> getStrings(int tag) {
        DataElement e = elements.get(tag);
        if (e == null || e.kind() != DataElement.Kind.VALUE || e.bytes().length == 0) {
            return List.of();
        }
        Vr vr = e.vr();
        byte[] b = e.bytes();
        if (vr.isText()) {
            String text = vr.usesSpecificCharacterSet() ? characterSet().decode(b)
                    : new String(b, StandardCharsets.ISO_8859_1);
            if (!vr.isMultiValuedText()) {
                return List.of(stripTrailing(text));
            }
            List<String> values = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == '\\') {
                    values.add(trim(text.substring(start, i)));
                    start = i + 1;
                }
            }
            return values;
        }
        if (vr.isBinaryNumber()) {
            List<String> values = new ArrayList<>();
            int n = b.length / vr.valueSize();
            for (int i = 0; i < n; i++) {
                int off = i * vr.valueSize();
                values.add(switch (vr) {
                    case FL -> Float.toString(Float.intBitsToFloat(ByteUtils.s32(b, off)));
                    case FD -> Double.toString(Double.longBitsToDouble(ByteUtils.s64(b, off)));
                    case AT -> String.format("%04X%04X", ByteUtils.u16(b, off), ByteUtils.u16(b, off + 2));
                    case UV -> Long.toUnsignedString(ByteUtils.s64(b, off));
                    default -> Long.toString(longAt(vr, b, off));
                });
            }
            return values;
        }
        return List.of();
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == 0)) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Sets text values with the dictionary's VR; see {@link #setString(int, Vr, String...)}. */
    public Dataset setString(int tag, String... values) {
        return setString(tag, dictionaryVr(tag), values);
    }

    /**
     * Sets text values (none: an empty, type 2 value). SH, LO, ST, LT, PN, UC and UT are encoded in this dataset's
     * character set, the other VRs in ASCII.
     *
     * @throws IllegalArgumentException for a VR that is not text, several values for a single-valued VR, a
     *     backslash inside a value, or characters the character set cannot hold
     */
    public Dataset setString(int tag, Vr vr, String... values) {
        if (!vr.isText()) {
            throw new IllegalArgumentException(Tag.toString(tag) + " " + vr + " is not a text VR");
        }
        if (values.length > 1 && !vr.isMultiValuedText()) {
            throw new IllegalArgumentException(Tag.toString(tag) + " " + vr + " holds a single value");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            String v = Objects.requireNonNull(values[i], "value");
            if (vr.isMultiValuedText() && v.indexOf('\\') >= 0) {
                throw new IllegalArgumentException(Tag.toString(tag) + ": backslash inside a value: " + v);
            }
            if (i > 0) {
                sb.append('\\');
            }
            sb.append(v);
        }
        SpecificCharacterSet cs = vr.usesSpecificCharacterSet() ? characterSet() : SpecificCharacterSet.DEFAULT;
        if (tag == Tag.SPECIFIC_CHARACTER_SET) {
            cs = SpecificCharacterSet.DEFAULT;
        }
        byte[] encoded = cs.encode(sb.toString());
        return put(DataElement.ofBytes(tag, vr, padded(encoded, vr.padByte())));
    }

    // ---- numbers

    /** The first value as an int; {@code defaultValue} when absent, empty or not a number. */
    public int getInt(int tag, int defaultValue) {
        try {
            int[] v = getInts(tag);
            return v.length == 0 ? defaultValue : v[0];
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /**
     * All values as ints: IS parsed, US/SS/UL/SL/SV/UV decoded (UL above 2^31-1 and 64-bit values are cut to 32
     * bits; use {@link #getLong}), AT as the tag number.
     *
     * @throws NumberFormatException for an IS value that is not an integer, or a VR that holds no integers
     */
    public int[] getInts(int tag) {
        long[] v = getLongs(tag);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    public long getLong(int tag, long defaultValue) {
        try {
            long[] v = getLongs(tag);
            return v.length == 0 ? defaultValue : v[0];
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    private long[] getLongs(int tag) {
        DataElement e = elements.get(tag);
        if (e == null || e.kind() != DataElement.Kind.VALUE || e.bytes().length == 0) {
            return new long[0];
        }
        Vr vr = e.vr();
        byte[] b = e.bytes();
        if (vr == Vr.IS) {
            return getStrings(tag).stream().filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        }
        if (vr.isBinaryNumber() && vr != Vr.FL && vr != Vr.FD) {
            long[] out = new long[b.length / vr.valueSize()];
            for (int i = 0; i < out.length; i++) {
                int off = i * vr.valueSize();
                out[i] = vr == Vr.AT ? Tag.of(ByteUtils.u16(b, off), ByteUtils.u16(b, off + 2)) : longAt(vr, b, off);
            }
            return out;
        }
        throw new NumberFormatException(Tag.toString(tag) + " " + vr + " does not hold integers");
    }

    private static long longAt(Vr vr, byte[] b, int off) {
        return switch (vr) {
            case US -> ByteUtils.u16(b, off);
            case SS -> (short) ByteUtils.u16(b, off);
            case UL -> ByteUtils.s32(b, off) & 0xFFFFFFFFL;
            case SL -> ByteUtils.s32(b, off);
            case SV, UV -> ByteUtils.s64(b, off);
            default -> throw new NumberFormatException(vr + " does not hold integers");
        };
    }

    /** The first value as a double; {@code defaultValue} when absent, empty or not a number. */
    public double getDouble(int tag, double defaultValue) {
        try {
            double[] v = getDoubles(tag);
            return v.length == 0 ? defaultValue : v[0];
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /**
     * All values as doubles: DS and IS parsed, FL/FD and the integer VRs decoded.
     *
     * @throws NumberFormatException for a text value that is not a number, or a VR that holds no numbers
     */
    public double[] getDoubles(int tag) {
        DataElement e = elements.get(tag);
        if (e == null || e.kind() != DataElement.Kind.VALUE || e.bytes().length == 0) {
            return new double[0];
        }
        Vr vr = e.vr();
        byte[] b = e.bytes();
        if (vr == Vr.DS || vr == Vr.IS) {
            return getStrings(tag).stream().filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
        }
        if (vr == Vr.FL || vr == Vr.FD) {
            double[] out = new double[b.length / vr.unitSize()];
            for (int i = 0; i < out.length; i++) {
                out[i] = vr == Vr.FL ? Float.intBitsToFloat(ByteUtils.s32(b, i * 4))
                        : Double.longBitsToDouble(ByteUtils.s64(b, i * 8));
            }
            return out;
        }
        long[] l = getLongs(tag);
        double[] out = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = l[i];
        }
        return out;
    }

    /** Sets integers with the dictionary's VR; see {@link #setInt(int, Vr, int...)}. */
    public Dataset setInt(int tag, int... values) {
        return setInt(tag, dictionaryVr(tag), values);
    }

    /**
     * Sets integers as IS text or US, SS, UL, SL, SV, UV, AT (tag numbers) binary values; DS, FL and FD take them
     * as doubles.
     *
     * @throws IllegalArgumentException for another VR or a value out of the VR's range
     */
    public Dataset setInt(int tag, Vr vr, int... values) {
        long[] l = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            l[i] = vr == Vr.UL || vr == Vr.UV ? values[i] & 0xFFFFFFFFL : values[i];
        }
        return setLong(tag, vr, l);
    }

    /** Like {@link #setInt(int, Vr, int...)} for values beyond the int range (UL, SV, UV). */
    public Dataset setLong(int tag, Vr vr, long... values) {
        switch (vr) {
            case IS: {
                String[] s = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    if (values[i] < -(1L << 31) || values[i] > (1L << 31) - 1) {
                        throw new IllegalArgumentException(Tag.toString(tag) + ": IS out of range: " + values[i]);
                    }
                    s[i] = Long.toString(values[i]);
                }
                return setString(tag, vr, s);
            }
            case DS: case FL: case FD: {
                double[] d = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    d[i] = values[i];
                }
                return setDouble(tag, vr, d);
            }
            case US: case SS: case UL: case SL: case SV: case UV: case AT: {
                byte[] b = new byte[values.length * vr.valueSize()];
                for (int i = 0; i < values.length; i++) {
                    long v = values[i];
                    int off = i * vr.valueSize();
                    checkRange(tag, vr, v);
                    switch (vr) {
                        case US, SS -> ByteUtils.put16(b, off, (int) v);
                        case UL, SL -> ByteUtils.put32(b, off, (int) v);
                        case AT -> {
                            ByteUtils.put16(b, off, Tag.group((int) v));
                            ByteUtils.put16(b, off + 2, Tag.element((int) v));
                        }
                        default -> ByteUtils.put64(b, off, v);
                    }
                }
                return put(DataElement.ofBytes(tag, vr, b));
            }
            default:
                throw new IllegalArgumentException(Tag.toString(tag) + " " + vr + " does not hold integers");
        }
    }

    private static void checkRange(int tag, Vr vr, long v) {
        boolean ok = switch (vr) {
            case US -> v >= 0 && v <= 0xFFFF;
            case SS -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case UL -> v >= 0 && v <= 0xFFFFFFFFL;
            case SL -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case AT -> v >= Integer.MIN_VALUE && v <= 0xFFFFFFFFL;
            case UV -> v >= 0;
            default -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": " + v + " out of the range of " + vr);
        }
    }

    /** Sets decimals with the dictionary's VR; see {@link #setDouble(int, Vr, double...)}. */
    public Dataset setDouble(int tag, double... values) {
        return setDouble(tag, dictionaryVr(tag), values);
    }

    /**
     * Sets decimals as DS text (at most 16 characters each, rounded when needed) or FL/FD binary values.
     *
     * @throws IllegalArgumentException for another VR, or NaN/infinity in DS
     */
    public Dataset setDouble(int tag, Vr vr, double... values) {
        switch (vr) {
            case DS: {
                String[] s = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    s[i] = formatDecimalString(values[i]);
                }
                return setString(tag, vr, s);
            }
            case FL: case FD: {
                byte[] b = new byte[values.length * vr.unitSize()];
                for (int i = 0; i < values.length; i++) {
                    if (vr == Vr.FL) {
                        ByteUtils.put32(b, i * 4, Float.floatToIntBits((float) values[i]));
                    } else {
                        ByteUtils.put64(b, i * 8, Double.doubleToLongBits(values[i]));
                    }
                }
                return put(DataElement.ofBytes(tag, vr, b));
            }
            default:
                throw new IllegalArgumentException(Tag.toString(tag) + " " + vr + " does not hold decimals");
        }
    }

    /** A DS value of at most 16 characters (PS3.5 6.2), rounding to fewer significant digits when needed. */
    static String formatDecimalString(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("DS cannot hold " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        for (int digits = 16; s.length() > 16 && digits > 0; digits--) {
            s = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toString();
            if (Double.isInfinite(Double.parseDouble(s))) { // rounded up beyond Double.MAX_VALUE
                s = new BigDecimal(v).round(new MathContext(digits, RoundingMode.DOWN)).stripTrailingZeros()
                        .toString();
            }
        }
        return s;
    }

    // ---- binary, sequences, fragments

    /** The encoded little-endian value bytes (not a copy), or null when absent or not a plain value. */
    public byte[] getBytes(int tag) {
        DataElement e = elements.get(tag);
        return e == null || e.kind() != DataElement.Kind.VALUE ? null : e.bytes();
    }

    /** Sets a binary value (little endian); an odd length is padded with NUL. */
    public Dataset setBytes(int tag, Vr vr, byte[] value) {
        return put(DataElement.ofBytes(tag, vr, padded(value, (byte) 0)));
    }

    /** An element present with zero length, e.g. a type 2 attribute without value. */
    public Dataset setEmpty(int tag, Vr vr) {
        return vr == Vr.SQ ? setSequence(tag, List.of()) : put(DataElement.ofBytes(tag, vr, null));
    }

    /** The items of a sequence (read-only), empty when absent or not a sequence. */
    public List<Dataset> getSequence(int tag) {
        DataElement e = elements.get(tag);
        return e == null ? List.of() : e.items();
    }

    /** The first item of a sequence, or null. */
    public Dataset getItem(int tag) {
        List<Dataset> items = getSequence(tag);
        return items.isEmpty() ? null : items.get(0);
    }

    /** Sets a sequence with these items (an empty list makes an empty sequence). */
    public Dataset setSequence(int tag, List<Dataset> items) {
        return put(DataElement.ofSequence(tag, items));
    }

    /** Appends a new empty item to a sequence (created when absent) and returns the item. */
    public Dataset addItem(int tag) {
        Dataset item = new Dataset();
        addItem(tag, item);
        return item;
    }

    public Dataset addItem(int tag, Dataset item) {
        DataElement e = elements.get(tag);
        if (e == null || e.kind() != DataElement.Kind.SEQUENCE) {
            e = DataElement.ofSequence(tag, List.of());
            elements.put(tag, e);
        }
        item.parent = this;
        e.mutableItems().add(item);
        return this;
    }

    /** The fragments of encapsulated pixel data (first: Basic Offset Table), empty when not encapsulated. */
    public List<byte[]> getFragments(int tag) {
        DataElement e = elements.get(tag);
        return e == null ? List.of() : e.fragments();
    }

    public Dataset setFragments(int tag, Vr vr, List<byte[]> fragments) {
        return put(DataElement.ofFragments(tag, vr, fragments));
    }

    /** Where the reader left a value in the input, or null when the value was loaded or is absent. */
    public BulkData getBulkData(int tag) {
        DataElement e = elements.get(tag);
        return e == null ? null : e.bulkData();
    }

    private static byte[] padded(byte[] value, byte pad) {
        if (value == null || value.length % 2 == 0) {
            return value;
        }
        byte[] b = java.util.Arrays.copyOf(value, value.length + 1);
        b[value.length] = pad;
        return b;
    }

    private static Vr dictionaryVr(int tag) {
        ElementDictionary.Entry e = ElementDictionary.entry(tag);
        if (e == null) {
            throw new IllegalArgumentException(Tag.toString(tag) + " is not in the dictionary: give its VR");
        }
        return e.vr();
    }

    // ---- object

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && elements.equals(d.elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    /** A dump in the spirit of dcmdump, one element per line, items indented. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        dump(sb, "");
        return sb.toString();
    }

    private void dump(StringBuilder sb, String indent) {
        for (DataElement e : elements.values()) {
            sb.append(indent).append(Tag.toString(e.tag())).append(' ').append(e.vr()).append(' ');
            switch (e.kind()) {
                case VALUE -> {
                    if (e.vr().isText() || e.vr().isBinaryNumber()) {
                        String v = String.join("\\", getStrings(e.tag()));
                        sb.append('[').append(v.length() > 80 ? v.substring(0, 77) + "..." : v).append(']');
                    } else {
                        sb.append('(').append(e.bytes().length).append(" bytes)");
                    }
                }
                case SEQUENCE -> sb.append("(").append(e.items().size()).append(" items)");
                case FRAGMENTS -> sb.append("(").append(e.fragments().size()).append(" fragments)");
                case BULK_DATA -> sb.append("(bulk data at ").append(e.bulkData().offset()).append(", ")
                        .append(e.bulkData().length()).append(" bytes)");
            }
            String keyword = ElementDictionary.keywordOf(e.tag());
            if (!keyword.isEmpty()) {
                sb.append(' ').append(keyword);
            }
            sb.append('\n');
            if (e.kind() == DataElement.Kind.SEQUENCE) {
                int n = 1;
                for (Dataset item : e.items()) {
                    sb.append(indent).append("  item ").append(n++).append('\n');
                    item.dump(sb, indent + "    ");
                }
            }
        }
    }
}
