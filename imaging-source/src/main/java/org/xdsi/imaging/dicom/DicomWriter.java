package org.xdsi.imaging.dicom;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes DICOM Part 10 files and raw datasets in explicit or implicit VR little endian, or in an encapsulated
 * (compressed) transfer syntax when the pixel data already is encapsulated. Odd values are padded (space for text,
 * NUL for UI and binary); group length elements (gggg,0000) of the dataset are dropped, since they would be wrong
 * after any change. Values longer than 64 KiB in a VR with a 16-bit length are written as UN in explicit VR.
 */
public final class DicomWriter {
    /** Identifies files written by xdsi (PS3.7 D.3.3.2). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.198133012191828613078515824982761131480";
    public static final String IMPLEMENTATION_VERSION_NAME = "XDSI_0_1";

    /** Length encoding of sequences and items: defined (computed up front) or undefined (with delimiters). */
    public record Options(boolean undefinedSequenceLength, boolean undefinedItemLength) {
        public static final Options DEFINED_LENGTHS = new Options(false, false);
        public static final Options UNDEFINED_LENGTHS = new Options(true, true);
    }

    private final OutputStream out;
    private final TransferSyntax transferSyntax;
    private final Options options;
    private BulkDataSource bulkDataSource;
    private final byte[] header = new byte[12];

    public DicomWriter(OutputStream out, TransferSyntax ts) {
        this(out, ts, Options.DEFINED_LENGTHS);
    }

    /**
     * @throws IllegalArgumentException for big endian or deflated transfer syntaxes, which xdsi does not write
     */
    public DicomWriter(OutputStream out, TransferSyntax ts, Options options) {
        if (ts.bigEndian() || ts.deflated()) {
            throw new IllegalArgumentException("writing " + ts + " is not supported");
        }
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 64 * 1024);
        this.transferSyntax = ts;
        this.options = options;
    }

    /** Where values the reader left in the input ({@link DataElement.Kind#BULK_DATA}) are copied from. */
    public DicomWriter bulkDataSource(BulkDataSource source) {
        this.bulkDataSource = source;
        return this;
    }

    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    // ---- convenience

    /** A whole Part 10 file: file meta information made from the dataset's SOP Class/Instance UIDs, then dataset. */
    public static void writeFile(OutputStream out, Dataset dataset, TransferSyntax ts) throws IOException {
        DicomWriter w = new DicomWriter(out, ts);
        w.writeFileMetaInformation(fileMetaInformation(dataset, ts));
        w.writeDataset(dataset);
    }

    public static byte[] toFileBytes(Dataset dataset, TransferSyntax ts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeFile(bytes, dataset, ts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * File meta information for a dataset: Media Storage SOP Class/Instance UID from (0008,0016)/(0008,0018), the
     * transfer syntax, and xdsi's implementation class UID and version name.
     *
     * @throws IllegalArgumentException when the dataset has no SOP Class or SOP Instance UID
     */
    public static Dataset fileMetaInformation(Dataset dataset, TransferSyntax ts) {
        String sopClass = dataset.getString(Tag.SOP_CLASS_UID);
        String sopInstance = dataset.getString(Tag.SOP_INSTANCE_UID);
        if (sopClass == null || sopInstance == null) {
            throw new IllegalArgumentException("the dataset needs SOP Class UID and SOP Instance UID for a Part 10 file");
        }
        Dataset meta = new Dataset();
        meta.setString(Tag.MEDIA_STORAGE_SOP_CLASS_UID, sopClass);
        meta.setString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, sopInstance);
        meta.setString(Tag.TRANSFER_SYNTAX_UID, ts.uid());
        return meta;
    }

    // ---- writing

    /**
     * Writes the preamble (128 NUL bytes), "DICM" and the file meta information in explicit VR little endian, with
     * (0002,0000) computed, (0002,0001) set to 00 01, (0002,0010) set to this writer's transfer syntax and the
     * implementation class UID and version name set to xdsi's.
     */
    public void writeFileMetaInformation(Dataset fileMeta) throws IOException {
        Dataset meta = new Dataset();
        for (DataElement e : fileMeta) {
            if (Tag.group(e.tag()) == 0x0002 && e.kind() == DataElement.Kind.VALUE) {
                meta.put(e);
            }
        }
        meta.setBytes(Tag.FILE_META_INFORMATION_VERSION, Vr.OB, new byte[] {0, 1});
        meta.setString(Tag.TRANSFER_SYNTAX_UID, transferSyntax.uid());
        meta.setString(Tag.IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_CLASS_UID);
        meta.setString(Tag.IMPLEMENTATION_VERSION_NAME, IMPLEMENTATION_VERSION_NAME);
        meta.remove(Tag.FILE_META_INFORMATION_GROUP_LENGTH);
        long groupLength = 0;
        for (DataElement e : meta) {
            groupLength += elementLength(e, true);
        }
        meta.setInt(Tag.FILE_META_INFORMATION_GROUP_LENGTH, Vr.UL, (int) groupLength);
        out.write(new byte[128]);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        for (DataElement e : meta) {
            writeElement(e, true);
        }
        out.flush();
    }

    /** Writes a dataset (or the rest of one), leaving out group lengths and file meta elements. */
    public void writeDataset(Dataset dataset) throws IOException {
        for (DataElement e : dataset) {
            if (isWritten(e)) {
                writeElement(e, transferSyntax.explicitVr());
            }
        }
        out.flush();
    }

    /** Writes one element with its value (a sequence with its items). */
    public void writeElement(DataElement e) throws IOException {
        writeElement(e, transferSyntax.explicitVr());
        out.flush();
    }

    /**
     * Writes an element header only, for values streamed afterwards with {@link #writeRaw}; {@code length} -1 is
     * undefined (then follow items and a sequence delimiter, see {@link #writeItemHeader}).
     */
    public void writeHeader(int tag, Vr vr, long length) throws IOException {
        writeHeader(tag, vr, length, transferSyntax.explicitVr());
    }

    /** Writes an item, item delimitation or sequence delimitation header. */
    public void writeItemHeader(int tag, long length) throws IOException {
        put16(header, 0, Tag.group(tag));
        put16(header, 2, Tag.element(tag));
        put32(header, 4, length);
        out.write(header, 0, 8);
    }

    /** Writes value bytes as they are (after {@link #writeHeader}). */
    public void writeRaw(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    /** A stream for value bytes after {@link #writeHeader} (closing it does not close the writer's output). */
    public OutputStream valueOutput() {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    public void flush() throws IOException {
        out.flush();
    }

    private static boolean isWritten(DataElement e) {
        return !Tag.isGroupLength(e.tag()) && Tag.group(e.tag()) != 0x0002;
    }

    private void writeElement(DataElement e, boolean explicit) throws IOException {
        switch (e.kind()) {
            case VALUE -> {
                byte[] b = e.bytes();
                writeHeader(e.tag(), vrToWrite(e, explicit), padded(b.length), explicit);
                out.write(b);
                if (b.length % 2 != 0) {
                    out.write(e.vr().padByte());
                }
            }
            case SEQUENCE -> {
                boolean undefined = options.undefinedSequenceLength();
                writeHeader(e.tag(), Vr.SQ, undefined ? -1 : checked(e, itemsLength(e, explicit)), explicit);
                for (Dataset item : e.items()) {
                    boolean undefinedItem = options.undefinedItemLength();
                    writeItemHeader(Tag.ITEM, undefinedItem ? -1 : checked(e, datasetLength(item, explicit)));
                    for (DataElement child : item) {
                        if (!Tag.isGroupLength(child.tag())) {
                            writeElement(child, explicit);
                        }
                    }
                    if (undefinedItem) {
                        writeItemHeader(Tag.ITEM_DELIMITATION_ITEM, 0);
                    }
                }
                if (undefined) {
                    writeItemHeader(Tag.SEQUENCE_DELIMITATION_ITEM, 0);
                }
            }
            case FRAGMENTS -> {
                requireEncapsulated(e);
                writeHeader(e.tag(), e.vr(), -1, explicit);
                for (byte[] f : e.fragments()) {
                    writeItemHeader(Tag.ITEM, padded(f.length));
                    out.write(f);
                    if (f.length % 2 != 0) {
                        out.write(0);
                    }
                }
                writeItemHeader(Tag.SEQUENCE_DELIMITATION_ITEM, 0);
            }
            case BULK_DATA -> writeBulkData(e, explicit);
        }
    }

    private void requireEncapsulated(DataElement e) {
        if (!transferSyntax.encapsulated()) {
            throw new IllegalStateException("encapsulated " + Tag.toString(e.tag()) + " cannot be written in "
                    + transferSyntax + " (no decompression)");
        }
    }

    private void writeBulkData(DataElement e, boolean explicit) throws IOException {
        if (bulkDataSource == null) {
            throw new IllegalStateException(Tag.toString(e.tag()) + " was left in the input: set a bulkDataSource");
        }
        BulkData bulk = e.bulkData();
        if (bulk.encapsulated()) {
            requireEncapsulated(e);
            writeHeader(e.tag(), e.vr(), -1, explicit);
            copy(bulk, 1); // items and the sequence delimiter, as they were
        } else {
            writeHeader(e.tag(), vrToWrite(e, explicit), padded(bulk.length()), explicit);
            copy(bulk, bulk.bigEndian() ? e.vr().unitSize() : 1);
            if (bulk.length() % 2 != 0) {
                out.write(e.vr().padByte());
            }
        }
    }

    private void copy(BulkData bulk, int swapUnit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = bulk.length();
        try (InputStream src = bulkDataSource.open(bulk)) {
            while (left > 0) {
                int n = src.readNBytes(buf, 0, (int) Math.min(left, buf.length));
                if (n == 0) {
                    throw new IOException("bulk data source ended " + left + " bytes early at offset "
                            + (bulk.offset() + bulk.length() - left));
                }
                ByteUtils.swap(buf, 0, n, swapUnit);
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    private static Vr vrToWrite(DataElement e, boolean explicit) {
        long length = e.kind() == DataElement.Kind.BULK_DATA ? e.bulkData().length() : e.bytes().length;
        return explicit && !e.vr().hasLongLength() && padded(length) > 0xFFFF ? Vr.UN : e.vr();
    }

    private void writeHeader(int tag, Vr vr, long length, boolean explicit) throws IOException {
        put16(header, 0, Tag.group(tag));
        put16(header, 2, Tag.element(tag));
        if (!explicit) {
            put32(header, 4, length);
            out.write(header, 0, 8);
        } else if (vr.hasLongLength()) {
            header[4] = (byte) (vr.code() >> 8);
            header[5] = (byte) vr.code();
            header[6] = 0;
            header[7] = 0;
            put32(header, 8, length);
            out.write(header, 0, 12);
        } else {
            header[4] = (byte) (vr.code() >> 8);
            header[5] = (byte) vr.code();
            put16(header, 6, (int) length);
            out.write(header, 0, 8);
        }
    }

    // ---- lengths of defined-length sequences and items

    private long elementLength(DataElement e, boolean explicit) {
        long headerLength = explicit && vrToWriteForLength(e).hasLongLength() ? 12 : 8;
        return headerLength + switch (e.kind()) {
            case VALUE -> padded(e.bytes().length);
            case SEQUENCE -> itemsLength(e, explicit) + (options.undefinedSequenceLength() ? 8 : 0);
            case FRAGMENTS -> e.fragments().stream().mapToLong(f -> 8 + padded(f.length)).sum() + 8;
            case BULK_DATA -> e.bulkData().encapsulated() ? e.bulkData().length() : padded(e.bulkData().length());
        };
    }

    private static Vr vrToWriteForLength(DataElement e) {
        return switch (e.kind()) {
            case SEQUENCE -> Vr.SQ;
            case FRAGMENTS -> e.vr().hasLongLength() ? e.vr() : Vr.OB;
            default -> vrToWrite(e, true);
        };
    }

    private long itemsLength(DataElement sq, boolean explicit) {
        long sum = 0;
        for (Dataset item : sq.items()) {
            sum += 8 + datasetLength(item, explicit) + (options.undefinedItemLength() ? 8 : 0);
        }
        return sum;
    }

    private long datasetLength(Dataset ds, boolean explicit) {
        long sum = 0;
        for (DataElement e : ds) {
            if (!Tag.isGroupLength(e.tag())) {
                sum += elementLength(e, explicit);
            }
        }
        return sum;
    }

    private static long checked(DataElement e, long length) {
        if (length >= 0xFFFFFFFFL) {
            throw new IllegalStateException(Tag.toString(e.tag()) + " is too long for a defined length");
        }
        return length;
    }

    private static long padded(long length) {
        return length + (length & 1);
    }

    private static void put16(byte[] b, int off, int v) {
        ByteUtils.put16(b, off, v);
    }

    private static void put32(byte[] b, int off, long v) {
        ByteUtils.put32(b, off, (int) v);
    }
}
