package org.xdsi.imaging.dicom;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads DICOM Part 10 files (preamble, "DICM", file meta information, dataset) and raw datasets, in explicit or
 * implicit VR little endian and explicit VR big endian. Values are stored little endian in the {@link Dataset}.
 *
 * <p>Typical uses: {@link DicomFile#read(Path)} for a whole file; for the identifying attributes of a big
 * instance, {@link ReadOptions#withStopTag} ({@link Tag#PIXEL_DATA}) or {@link ReadOptions#withBulkDataThreshold}.
 * For streaming, {@link #readHeader()} and {@link #copyValue} walk the top level element by element.
 *
 * <p>Malformed input fails with a {@link DicomFormatException} naming the offset: truncation, a missing DICM
 * prefix, lengths beyond the input, the enclosing item or {@link ReadOptions#maxValueLength}, odd lengths,
 * sequences nested deeper than {@link ReadOptions#maxDepth}, items and delimiters out of place. Every step consumes
 * input, so no input makes the reader loop forever.
 */
public final class DicomReader implements Closeable {
    /** VR explicitness and byte order of what is being parsed; a UN of undefined length switches to implicit LE. */
    private record Encoding(boolean explicitVr, boolean bigEndian) {
        static Encoding of(TransferSyntax ts) {
            return new Encoding(ts.explicitVr(), ts.bigEndian());
        }
    }

    private static final Encoding EXPLICIT_LE = new Encoding(true, false);
    private static final Encoding IMPLICIT_LE = new Encoding(false, false);

    private final DicomInput in;
    private ReadOptions options = ReadOptions.DEFAULT;
    private TransferSyntax transferSyntax;
    private Encoding encoding;
    private ElementHeader pending;
    private int lastTag;

    /** A reader of a stream of unknown length. */
    public DicomReader(InputStream in) {
        this(in, -1);
    }

    /** A reader of a stream holding {@code length} bytes; lengths beyond them fail before anything is read. */
    public DicomReader(InputStream in, long length) {
        this.in = new DicomInput(in, length);
    }

    public static DicomReader open(Path file) throws IOException {
        return new DicomReader(Files.newInputStream(file), Files.size(file));
    }

    public DicomReader options(ReadOptions options) {
        this.options = options;
        return this;
    }

    public ReadOptions options() {
        return options;
    }

    /** The transfer syntax of the dataset, known after the file meta information or {@link #startDataset}. */
    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /** Bytes consumed from the start of the input. */
    public long position() {
        return in.position();
    }

    /**
     * Reads the 128-byte preamble, the "DICM" prefix and the file meta information (group 0002, explicit VR little
     * endian), and takes the dataset's transfer syntax from (0002,0010).
     */
    public Dataset readFileMetaInformation() throws IOException {
        if (in.fill(132) < 132) {
            throw new DicomFormatException(in.position(), "input too short for a DICOM file (preamble and DICM prefix)");
        }
        in.skipFully(128);
        byte[] prefix = new byte[4];
        in.readFully(prefix, 0, 4);
        if (!"DICM".equals(new String(prefix, StandardCharsets.ISO_8859_1))) {
            throw new DicomFormatException(128, "no DICM prefix after the 128-byte preamble: not a DICOM Part 10 file"
                    + " (a dataset without preamble is read with startDataset)");
        }
        Dataset meta = new Dataset();
        try {
            while (in.peek(1) >= 0 && (in.peek(0) | in.peek(1) << 8) == 0x0002) {
                ElementHeader h = readHeader(EXPLICIT_LE);
                if (h.vr() == null || h.vr() == Vr.SQ || h.undefinedLength()) {
                    throw new DicomFormatException(h.offset(), "unexpected " + Tag.toString(h.tag())
                            + " in the file meta information");
                }
                meta.put(readValue(h, EXPLICIT_LE, 0));
            }
        } catch (EOFException e) {
            throw truncated(e);
        }
        String uid = meta.getString(Tag.TRANSFER_SYNTAX_UID);
        if (uid == null) {
            throw new DicomFormatException(in.position(), "file meta information without Transfer Syntax UID (0002,0010)");
        }
        startDataset(TransferSyntax.of(uid));
        return meta;
    }

    /**
     * Declares the transfer syntax of the dataset that follows: for a raw dataset (no preamble, no file meta
     * information), and done by {@link #readFileMetaInformation()} otherwise.
     */
    public void startDataset(TransferSyntax ts) throws DicomFormatException {
        if (ts.deflated()) {
            throw new DicomFormatException(in.position(), "the deflated transfer syntax " + ts.uid()
                    + " is not supported");
        }
        transferSyntax = ts;
        encoding = Encoding.of(ts);
    }

    /** Reads a raw dataset (no preamble, no file meta information) in the given transfer syntax. */
    public Dataset readDataset(TransferSyntax ts) throws IOException {
        startDataset(ts);
        return readDataset();
    }

    /**
     * Reads the (rest of the) dataset up to the end of input or {@link ReadOptions#stopTag}. After a stop, the
     * element at the stop tag is the next {@link #readHeader()}, or the first of the next {@code readDataset}.
     */
    public Dataset readDataset() throws IOException {
        Dataset ds = new Dataset();
        readDataset(ds);
        return ds;
    }

    /** Like {@link #readDataset()}, adding the elements to {@code ds}. */
    public void readDataset(Dataset ds) throws IOException {
        requireStarted();
        try {
            while (true) {
                ElementHeader h = pending != null ? pending : nextTopLevelHeader();
                if (h == null) {
                    return;
                }
                Integer stop = options.stopTag();
                if (stop != null && Integer.compareUnsigned(h.tag(), stop) >= 0) {
                    pending = h;
                    return;
                }
                pending = null;
                ds.put(readValue(h, encoding, 0));
            }
        } catch (EOFException e) {
            throw truncated(e);
        }
    }

    /**
     * The header of the next top-level element, or null at the end of the dataset; its value must then be consumed
     * with {@link #readValue(ElementHeader)} or {@link #copyValue}.
     */
    public ElementHeader readHeader() throws IOException {
        requireStarted();
        try {
            ElementHeader h = pending != null ? pending : nextTopLevelHeader();
            pending = null;
            return h;
        } catch (EOFException e) {
            throw truncated(e);
        }
    }

    /** Reads the value of a header returned by {@link #readHeader()} (sequences and fragments included). */
    public DataElement readValue(ElementHeader h) throws IOException {
        try {
            return readValue(h, encoding, 0);
        } catch (EOFException e) {
            throw truncated(e);
        }
    }

    /**
     * Copies the defined-length value of a header returned by {@link #readHeader()} (or an item header inside
     * encapsulated pixel data, see {@link #readItemHeader()}) to {@code out} in chunks, swapping bytes of units of
     * {@code swapUnit} (1: none), without holding it in memory.
     */
    public void copyValue(ElementHeader h, OutputStream out, int swapUnit) throws IOException {
        if (h.undefinedLength()) {
            throw new IllegalArgumentException(Tag.toString(h.tag()) + " has undefined length");
        }
        checkLength(h, -1);
        byte[] buf = new byte[64 * 1024 - (64 * 1024) % 8];
        long left = h.length();
        try {
            while (left > 0) {
                int n = (int) Math.min(left, buf.length);
                in.readFully(buf, 0, n);
                ByteUtils.swap(buf, 0, n, swapUnit);
                out.write(buf, 0, n);
                left -= n;
            }
        } catch (EOFException e) {
            throw truncated(e);
        }
    }

    /**
     * The next item or sequence delimitation header inside encapsulated pixel data whose element header came from
     * {@link #readHeader()}; item values are then copied with {@link #copyValue}.
     */
    public ElementHeader readItemHeader() throws IOException {
        try {
            ElementHeader h = readHeader(encoding);
            if (h.tag() != Tag.ITEM && h.tag() != Tag.SEQUENCE_DELIMITATION_ITEM) {
                throw new DicomFormatException(h.offset(), "expected an item or sequence delimiter, found "
                        + Tag.toString(h.tag()));
            }
            if (h.undefinedLength() && h.tag() == Tag.ITEM) {
                throw new DicomFormatException(h.offset(), "fragment item of undefined length");
            }
            return h;
        } catch (EOFException e) {
            throw truncated(e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- parsing

    private void requireStarted() {
        if (encoding == null) {
            throw new IllegalStateException("read the file meta information or call startDataset first");
        }
    }

    private ElementHeader nextTopLevelHeader() throws IOException {
        if (in.atEnd()) {
            return null;
        }
        ElementHeader h = readHeader(encoding);
        if (h.vr() == null) {
            throw new DicomFormatException(h.offset(), "item or delimiter " + Tag.toString(h.tag())
                    + " outside a sequence");
        }
        return h;
    }

    private final byte[] header = new byte[12];

    private ElementHeader readHeader(Encoding enc) throws IOException {
        long offset = in.position();
        in.readFully(header, 0, 8);
        int group = u16(header, 0, enc.bigEndian);
        int element = u16(header, 2, enc.bigEndian);
        int tag = Tag.of(group, element);
        lastTag = tag;
        if (group == 0xFFFE) {
            return new ElementHeader(tag, null, length(u32(header, 4, enc.bigEndian)), offset, 8);
        }
        if (!enc.explicitVr) {
            return new ElementHeader(tag, ElementDictionary.vrOf(tag), length(u32(header, 4, false)), offset, 8);
        }
        Vr vr = Vr.ofCode((header[4] & 0xFF) << 8 | header[5] & 0xFF);
        if (vr == null) {
            throw new DicomFormatException(offset + 4, String.format("invalid VR %02X %02X of %s", header[4], header[5],
                    Tag.toString(tag)));
        }
        if (!vr.hasLongLength()) {
            return new ElementHeader(tag, vr, u16(header, 6, enc.bigEndian), offset, 8);
        }
        in.readFully(header, 8, 4);
        return new ElementHeader(tag, vr, length(u32(header, 8, enc.bigEndian)), offset, 12);
    }

    private static long length(long raw) {
        return raw == 0xFFFFFFFFL ? ElementHeader.UNDEFINED_LENGTH : raw;
    }

    private DataElement readValue(ElementHeader h, Encoding enc, int depth) throws IOException {
        int tag = h.tag();
        Vr vr = h.vr();
        if (h.undefinedLength()) {
            if (vr == Vr.SQ) {
                return readSequence(h, enc, depth);
            }
            if (tag == Tag.PIXEL_DATA && (vr == Vr.OB || vr == Vr.OW || vr == Vr.UN)) {
                return readFragments(h, enc);
            }
            if (vr == Vr.UN) {
                // PS3.5 6.2.2: a UN of undefined length is a sequence encoded in implicit VR little endian
                return readSequence(h, IMPLICIT_LE, depth);
            }
            throw new DicomFormatException(h.offset(), "undefined length for " + Tag.toString(tag) + " " + vr);
        }
        if (vr == Vr.SQ) {
            return readSequence(h, enc, depth);
        }
        checkLength(h, -1);
        if (vr.isBulk() && h.length() > options.bulkDataThreshold()) {
            in.skipFully(h.length());
            return DataElement.ofBulkData(tag, vr, BulkData.of(h.valueOffset(), h.length(), enc.bigEndian));
        }
        if (h.length() > options.maxValueLength()) {
            throw new DicomFormatException(h.offset(), "value length " + h.length() + " of " + Tag.toString(tag)
                    + " exceeds the limit of " + options.maxValueLength() + " bytes");
        }
        byte[] value = in.readBytes((int) h.length());
        if (enc.bigEndian) {
            ByteUtils.swap(value, 0, value.length, vr.unitSize());
        }
        return DataElement.ofBytes(tag, vr, value);
    }

    /** Odd lengths and lengths beyond the input or the enclosing item ({@code end}, -1 if none) fail. */
    private void checkLength(ElementHeader h, long end) throws DicomFormatException {
        long length = h.length();
        if (length == ElementHeader.UNDEFINED_LENGTH) {
            return;
        }
        if ((length & 1) != 0 && !options.allowOddLengths()) {
            throw new DicomFormatException(h.offset(), "odd length " + length + " of " + Tag.toString(h.tag()));
        }
        long remaining = in.remaining();
        if (remaining >= 0 && length > remaining) {
            throw new DicomFormatException(h.offset(), "length " + length + " of " + Tag.toString(h.tag())
                    + " exceeds the " + remaining + " bytes left in the input");
        }
        if (end >= 0 && h.valueOffset() + length > end) {
            throw new DicomFormatException(h.offset(), "length " + length + " of " + Tag.toString(h.tag())
                    + " runs past the end of its enclosing item or sequence at " + end);
        }
    }

    private DataElement readSequence(ElementHeader sq, Encoding enc, int depth) throws IOException {
        if (depth >= options.maxDepth()) {
            throw new DicomFormatException(sq.offset(), "sequences nested deeper than " + options.maxDepth());
        }
        checkLength(sq, -1);
        long end = sq.undefinedLength() ? -1 : sq.valueOffset() + sq.length();
        List<Dataset> items = new ArrayList<>();
        while (true) {
            if (end >= 0 && in.position() >= end) {
                break;
            }
            ElementHeader h = readHeader(enc);
            if (h.tag() == Tag.SEQUENCE_DELIMITATION_ITEM) {
                if (end >= 0) {
                    throw new DicomFormatException(h.offset(), "sequence delimiter in the defined-length sequence "
                            + Tag.toString(sq.tag()));
                }
                break;
            }
            if (h.tag() != Tag.ITEM) {
                throw new DicomFormatException(h.offset(), "expected an item in " + Tag.toString(sq.tag())
                        + ", found " + Tag.toString(h.tag()));
            }
            checkLength(h, end);
            Dataset item = new Dataset();
            readItem(item, h, enc, depth + 1);
            if (end >= 0 && in.position() > end) {
                throw new DicomFormatException(h.offset(), "item runs past the end of " + Tag.toString(sq.tag()));
            }
            items.add(item);
        }
        return DataElement.ofSequence(sq.tag(), items);
    }

    private void readItem(Dataset item, ElementHeader itemHeader, Encoding enc, int depth) throws IOException {
        long end = itemHeader.undefinedLength() ? -1 : itemHeader.valueOffset() + itemHeader.length();
        while (end < 0 || in.position() < end) {
            ElementHeader h = readHeader(enc);
            if (h.tag() == Tag.ITEM_DELIMITATION_ITEM) {
                if (end >= 0) {
                    throw new DicomFormatException(h.offset(), "item delimiter in a defined-length item");
                }
                return;
            }
            if (h.vr() == null) {
                throw new DicomFormatException(h.offset(), "unexpected " + Tag.toString(h.tag()) + " inside an item");
            }
            checkLength(h, end);
            item.put(readValue(h, enc, depth));
        }
        if (in.position() > end) {
            throw new DicomFormatException(itemHeader.offset(), "elements run past the end of the item");
        }
    }

    private DataElement readFragments(ElementHeader pixelData, Encoding enc) throws IOException {
        boolean reference = options.referencesBulkData();
        List<byte[]> fragments = new ArrayList<>();
        List<BulkData.Fragment> locations = new ArrayList<>();
        long loaded = 0;
        while (true) {
            ElementHeader h = readHeader(enc);
            if (h.tag() == Tag.SEQUENCE_DELIMITATION_ITEM) {
                break;
            }
            if (h.tag() != Tag.ITEM || h.undefinedLength()) {
                throw new DicomFormatException(h.offset(), "expected a defined-length item in encapsulated "
                        + Tag.toString(pixelData.tag()) + ", found " + Tag.toString(h.tag()));
            }
            checkLength(h, -1);
            if (reference) {
                locations.add(new BulkData.Fragment(h.valueOffset(), h.length()));
                in.skipFully(h.length());
            } else {
                loaded += h.length();
                if (loaded > options.maxValueLength()) {
                    throw new DicomFormatException(h.offset(), "encapsulated " + Tag.toString(pixelData.tag())
                            + " exceeds the limit of " + options.maxValueLength() + " bytes");
                }
                fragments.add(in.readBytes((int) h.length()));
            }
        }
        Vr vr = pixelData.vr() == Vr.UN ? Vr.OB : pixelData.vr();
        if (reference) {
            long start = pixelData.valueOffset();
            return DataElement.ofBulkData(pixelData.tag(), vr,
                    new BulkData(start, in.position() - start, enc.bigEndian, true, locations));
        }
        return DataElement.ofFragments(pixelData.tag(), vr, fragments);
    }

    private DicomFormatException truncated(EOFException e) {
        return new DicomFormatException(in.position(), "unexpected end of input (truncated?) after "
                + Tag.toString(lastTag), e);
    }

    private static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF : ByteUtils.u16(b, off);
    }

    private static long u32(byte[] b, int off, boolean bigEndian) {
        long v = bigEndian ? (b[off] & 0xFFL) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8
                | b[off + 3] & 0xFF : ByteUtils.s32(b, off) & 0xFFFFFFFFL;
        return v;
    }
}
