package org.xdsi.imaging.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One attribute of a {@link Dataset}: a tag, a VR and one of four kinds of value. Plain values are kept as their
 * encoded bytes in little endian (even length, padding included), whatever the transfer syntax they were read from;
 * {@link Dataset} decodes them. Byte arrays are shared, not copied: do not change an array after handing it over.
 */
public final class DataElement {

    /** What the value of an element is. */
    public enum Kind {
        /** Encoded bytes of a text, number or binary value. */
        VALUE,
        /** SQ: a list of item datasets. */
        SEQUENCE,
        /** Encapsulated Pixel Data: item values as they are, the first being the Basic Offset Table. */
        FRAGMENTS,
        /** A value left in the input by the reader ({@link BulkData} says where). */
        BULK_DATA
    }

    private static final byte[] EMPTY = new byte[0];

    private final int tag;
    private final Vr vr;
    private final Kind kind;
    private final byte[] bytes;
    private final List<Dataset> items;
    private final List<byte[]> fragments;
    private final BulkData bulkData;

    private DataElement(int tag, Vr vr, Kind kind, byte[] bytes, List<Dataset> items, List<byte[]> fragments,
            BulkData bulkData) {
        this.tag = tag;
        this.vr = Objects.requireNonNull(vr, "vr");
        this.kind = kind;
        this.bytes = bytes;
        this.items = items;
        this.fragments = fragments;
        this.bulkData = bulkData;
    }

    public static DataElement ofBytes(int tag, Vr vr, byte[] value) {
        if (vr == Vr.SQ) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": a sequence has items, not bytes");
        }
        return new DataElement(tag, vr, Kind.VALUE, value == null ? EMPTY : value, null, null, null);
    }

    /** A sequence; the list is copied and later {@link Dataset#addItem} calls add to the copy. */
    static DataElement ofSequence(int tag, List<Dataset> items) {
        return new DataElement(tag, Vr.SQ, Kind.SEQUENCE, null, new ArrayList<>(items), null, null);
    }

    public static DataElement ofFragments(int tag, Vr vr, List<byte[]> fragments) {
        return new DataElement(tag, vr, Kind.FRAGMENTS, null, null, List.copyOf(fragments), null);
    }

    public static DataElement ofBulkData(int tag, Vr vr, BulkData bulkData) {
        return new DataElement(tag, vr, Kind.BULK_DATA, null, null, null, Objects.requireNonNull(bulkData));
    }

    public int tag() {
        return tag;
    }

    public Vr vr() {
        return vr;
    }

    public Kind kind() {
        return kind;
    }

    /** The encoded little-endian value; empty for the other kinds. Not a copy. */
    public byte[] bytes() {
        return bytes == null ? EMPTY : bytes;
    }

    /** The items of a sequence (read-only view); empty for the other kinds. */
    public List<Dataset> items() {
        return items == null ? List.of() : Collections.unmodifiableList(items);
    }

    List<Dataset> mutableItems() {
        return items;
    }

    /** The fragments of encapsulated Pixel Data (the first is the Basic Offset Table); empty for the other kinds. */
    public List<byte[]> fragments() {
        return fragments == null ? List.of() : fragments;
    }

    /** Where a value left in the input lives, or null. */
    public BulkData bulkData() {
        return bulkData;
    }

    /** True for an element without value: zero-length bytes or a sequence without items. */
    public boolean isEmpty() {
        return switch (kind) {
            case VALUE -> bytes.length == 0;
            case SEQUENCE -> items.isEmpty();
            case FRAGMENTS -> fragments.isEmpty();
            case BULK_DATA -> bulkData.length() == 0;
        };
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DataElement e) || e.tag != tag || e.vr != vr || e.kind != kind) {
            return false;
        }
        return switch (kind) {
            case VALUE -> Arrays.equals(bytes, e.bytes);
            case SEQUENCE -> items.equals(e.items);
            case FRAGMENTS -> fragmentsEqual(fragments, e.fragments);
            case BULK_DATA -> bulkData.equals(e.bulkData);
        };
    }

    private static boolean fragmentsEqual(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, vr, kind, bytes == null ? 0 : Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return Tag.toString(tag) + " " + vr + " " + kind;
    }
}
