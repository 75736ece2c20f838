package org.xdsi.imaging.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds DICOM bytes by hand, for inputs no writer would produce (hostile, unusual or broken ones). */
final class RawDicom {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean bigEndian;

    private RawDicom(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    static RawDicom littleEndian() {
        return new RawDicom(false);
    }

    static RawDicom bigEndian() {
        return new RawDicom(true);
    }

    /** Preamble, DICM and a file meta group naming the transfer syntax (always explicit VR little endian). */
    static RawDicom file(String tsUid) {
        RawDicom meta = littleEndian().explicit(Tag.TRANSFER_SYNTAX_UID, "UI", uid(tsUid));
        byte[] group = meta.toBytes();
        RawDicom r = littleEndian();
        r.bytes(new byte[128]).bytes("DICM".getBytes(StandardCharsets.US_ASCII));
        r.explicit(Tag.FILE_META_INFORMATION_GROUP_LENGTH, "UL", new byte[] {(byte) group.length, 0, 0, 0});
        r.bytes(group);
        return r;
    }

    static byte[] uid(String uid) {
        byte[] b = uid.getBytes(StandardCharsets.US_ASCII);
        return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    RawDicom bytes(byte... b) {
        out.writeBytes(b);
        return this;
    }

    RawDicom u16(int v) {
        if (bigEndian) {
            out.write(v >> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >> 8);
        }
        return this;
    }

    RawDicom u32(long v) {
        if (bigEndian) {
            u16((int) (v >> 16)).u16((int) v);
        } else {
            u16((int) v).u16((int) (v >> 16));
        }
        return this;
    }

    RawDicom tag(int tag) {
        return u16(tag >>> 16).u16(tag & 0xFFFF);
    }

    /** An explicit VR header with any length (0xFFFFFFFF: undefined). */
    RawDicom explicitHeader(int tag, String vr, long length) {
        tag(tag).bytes(vr.getBytes(StandardCharsets.US_ASCII));
        Vr v = Vr.ofCode(vr.charAt(0) << 8 | vr.charAt(1));
        if (v != null && v.hasLongLength()) {
            return u16(0).u32(length);
        }
        return u16((int) length);
    }

    RawDicom explicit(int tag, String vr, byte[] value) {
        return explicitHeader(tag, vr, value.length).bytes(value);
    }

    RawDicom implicitHeader(int tag, long length) {
        return tag(tag).u32(length);
    }

    RawDicom implicit(int tag, byte[] value) {
        return implicitHeader(tag, value.length).bytes(value);
    }

    RawDicom item(long length) {
        return tag(Tag.ITEM).u32(length);
    }

    RawDicom itemDelimiter() {
        return tag(Tag.ITEM_DELIMITATION_ITEM).u32(0);
    }

    RawDicom sequenceDelimiter() {
        return tag(Tag.SEQUENCE_DELIMITATION_ITEM).u32(0);
    }

    int size() {
        return out.size();
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
