package org.xdsi.imaging.dicom;

import java.util.List;

/**
 * Where a value the reader left in the input lives: {@code offset} of its first byte from where the reader started
 * and its {@code length}, in the byte order of the source ({@code bigEndian}). For encapsulated Pixel Data the value
 * has undefined length: {@code offset} is the first item's tag, {@code length} runs to the end of the sequence
 * delimitation item, and {@code fragments} locates each item's value (the first is the Basic Offset Table).
 */
public record BulkData(long offset, long length, boolean bigEndian, boolean encapsulated, List<Fragment> fragments) {

    /** One item value of encapsulated Pixel Data. */
    public record Fragment(long offset, long length) {
    }

    public BulkData {
        fragments = List.copyOf(fragments);
    }

    public static BulkData of(long offset, long length, boolean bigEndian) {
        return new BulkData(offset, length, bigEndian, false, List.of());
    }
}
