package org.xdsi.imaging.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Converts a Part 10 file between transfer syntaxes while streaming: attributes are re-encoded one top-level
 * element at a time, and large binary values (pixel data) are copied in chunks, byte-swapped when they come from big
 * endian, so memory use does not grow with the instance.
 *
 * <p>Possible conversions: any native syntax (explicit or implicit VR little endian, explicit VR big endian) to
 * explicit or implicit VR little endian, and any syntax to itself. Compressed (encapsulated) pixel data can only be
 * passed on as is: xdsi has no codecs. Tags unknown to {@link ElementDictionary} that come from implicit VR become
 * UN in explicit VR, which PS3.5 allows.
 */
public final class DicomTranscoder {
    /** Values up to this size are parsed like any other element; longer bulk values are streamed. */
    static final int STREAM_THRESHOLD = 64 * 1024;

    private DicomTranscoder() {
    }

    /** True when {@link #transcode} can convert {@code from} to {@code to}. */
    public static boolean canTranscode(TransferSyntax from, TransferSyntax to) {
        if (from.deflated() || to.deflated() || to.bigEndian()) {
            return false;
        }
        return from.equals(to) || from.isNative() && to.isNative();
    }

    /**
     * Reads a Part 10 file from {@code in} and writes it to {@code out} in the target transfer syntax (neither
     * stream is closed).
     *
     * @throws UnsupportedTransferSyntaxException when the file's transfer syntax cannot be converted to the target
     * @throws DicomFormatException when the input is not a readable DICOM file
     */
    public static void transcode(InputStream in, OutputStream out, String targetTsUid) throws IOException {
        TransferSyntax target = TransferSyntax.of(targetTsUid);
        DicomReader reader = new DicomReader(in);
        Dataset meta = reader.readFileMetaInformation();
        TransferSyntax source = reader.transferSyntax();
        if (!canTranscode(source, target)) {
            throw new UnsupportedTransferSyntaxException(source, target);
        }
        DicomWriter writer = new DicomWriter(out, target);
        writer.writeFileMetaInformation(meta);
        OutputStream values = writer.valueOutput();
        for (ElementHeader h = reader.readHeader(); h != null; h = reader.readHeader()) {
            Vr vr = h.vr();
            if (vr.isBulk() && !h.undefinedLength() && h.length() > STREAM_THRESHOLD) {
                writer.writeHeader(h.tag(), vr, h.length());
                reader.copyValue(h, values, source.bigEndian() ? vr.unitSize() : 1);
            } else if (h.undefinedLength() && h.tag() == Tag.PIXEL_DATA && vr != Vr.SQ) {
                if (!source.encapsulated()) {
                    throw new DicomFormatException(h.offset(), "encapsulated pixel data in " + source);
                }
                copyFragments(reader, writer, h, values);
            } else {
                DataElement e = reader.readValue(h);
                if (!Tag.isGroupLength(e.tag()) && Tag.group(e.tag()) != 0x0002) {
                    writer.writeElement(e);
                }
            }
        }
        writer.flush();
    }

    private static void copyFragments(DicomReader reader, DicomWriter writer, ElementHeader pixelData,
            OutputStream values) throws IOException {
        writer.writeHeader(pixelData.tag(), pixelData.vr() == Vr.UN ? Vr.OB : pixelData.vr(), -1);
        while (true) {
            ElementHeader item = reader.readItemHeader();
            writer.writeItemHeader(item.tag(), item.tag() == Tag.ITEM ? item.length() : 0);
            if (item.tag() == Tag.SEQUENCE_DELIMITATION_ITEM) {
                return;
            }
            reader.copyValue(item, values, 1);
        }
    }
}
