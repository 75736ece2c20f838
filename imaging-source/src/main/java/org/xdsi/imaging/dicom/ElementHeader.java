package org.xdsi.imaging.dicom;

/**
 * The header of an element, item or delimiter as read: tag, VR (null for item and delimitation tags), value length
 * ({@link #UNDEFINED_LENGTH} for undefined) and where the header starts in the input.
 */
public record ElementHeader(int tag, Vr vr, long length, long offset, int headerLength) {
    public static final long UNDEFINED_LENGTH = -1;

    public boolean undefinedLength() {
        return length == UNDEFINED_LENGTH;
    }

    /** Offset of the first value byte. */
    public long valueOffset() {
        return offset + headerLength;
    }
}
