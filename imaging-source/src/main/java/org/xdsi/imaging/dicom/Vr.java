package org.xdsi.imaging.dicom;

/**
 * DICOM value representations (PS3.5 6.2). Each knows how its explicit-VR header is laid out, how an odd value is
 * padded, how a value is split into units for byte swapping, and whether Specific Character Set applies to it.
 */
public enum Vr {
    AE(Kind.TEXT), AS(Kind.TEXT), AT(Kind.BINARY, 2), CS(Kind.TEXT), DA(Kind.TEXT), DS(Kind.TEXT), DT(Kind.TEXT),
    FL(Kind.BINARY, 4), FD(Kind.BINARY, 8), IS(Kind.TEXT), LO(Kind.CHARSET_TEXT), LT(Kind.CHARSET_SINGLE_TEXT),
    OB(Kind.BULK, 1), OD(Kind.BULK, 8), OF(Kind.BULK, 4), OL(Kind.BULK, 4), OV(Kind.BULK, 8), OW(Kind.BULK, 2),
    PN(Kind.CHARSET_TEXT), SH(Kind.CHARSET_TEXT), SL(Kind.BINARY, 4), SQ(Kind.SEQUENCE), SS(Kind.BINARY, 2),
    ST(Kind.CHARSET_SINGLE_TEXT), SV(Kind.BINARY, 8), TM(Kind.TEXT), UC(Kind.CHARSET_TEXT),
    UI(Kind.TEXT), UL(Kind.BINARY, 4), UN(Kind.BULK, 1), UR(Kind.SINGLE_TEXT), US(Kind.BINARY, 2),
    UT(Kind.CHARSET_SINGLE_TEXT), UV(Kind.BINARY, 8);

    private enum Kind {
        TEXT, SINGLE_TEXT, CHARSET_TEXT, CHARSET_SINGLE_TEXT, BINARY, BULK, SEQUENCE
    }

    private final Kind kind;
    private final int unitSize;
    private final int code;

    Vr(Kind kind) {
        this(kind, 1);
    }

    Vr(Kind kind, int unitSize) {
        this.kind = kind;
        this.unitSize = unitSize;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    /** The two ASCII characters of the VR as a big-endian 16-bit number, as they appear in an explicit-VR header. */
    public int code() {
        return code;
    }

    /** The VR with these two header bytes, or null when they are not a VR. */
    public static Vr ofCode(int code) {
        char c1 = (char) ((code >> 8) & 0xFF);
        char c2 = (char) (code & 0xFF);
        if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z') {
            return null;
        }
        try {
            return valueOf(new String(new char[] {c1, c2}));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Explicit VR encodings of these VRs have 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). */
    public boolean hasLongLength() {
        return switch (this) {
            case OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT, UV -> true;
            default -> false;
        };
    }

    /** Character strings (of any flavour); their values are decoded, trimmed and padded with spaces or NUL. */
    public boolean isText() {
        return kind == Kind.TEXT || kind == Kind.SINGLE_TEXT || kind == Kind.CHARSET_TEXT
                || kind == Kind.CHARSET_SINGLE_TEXT;
    }

    /** Text whose bytes are interpreted through Specific Character Set (0008,0005); the rest is default repertoire. */
    public boolean usesSpecificCharacterSet() {
        return kind == Kind.CHARSET_TEXT || kind == Kind.CHARSET_SINGLE_TEXT;
    }

    /** Text that may hold several values separated by a backslash (LT, ST, UT and UR may contain a backslash). */
    public boolean isMultiValuedText() {
        return kind == Kind.TEXT || kind == Kind.CHARSET_TEXT;
    }

    /** Fixed-size binary numbers (US, SL, FD, AT, ...). */
    public boolean isBinaryNumber() {
        return kind == Kind.BINARY;
    }

    /** OB, OD, OF, OL, OV, OW and UN: opaque binary that a reader may leave on disk. */
    public boolean isBulk() {
        return kind == Kind.BULK;
    }

    /** Size of the units that swap bytes between little and big endian; 1 for text, OB, UN and SQ. */
    public int unitSize() {
        return unitSize;
    }

    /** Bytes per value of a binary number: the swap unit, except AT (two 16-bit numbers per tag). */
    public int valueSize() {
        return this == AT ? 4 : unitSize;
    }

    /** The byte appended to an odd-length value: a space for text, NUL for UI and binary (PS3.5 6.2). */
    public byte padByte() {
        return isText() && this != UI ? (byte) ' ' : 0;
    }
}
