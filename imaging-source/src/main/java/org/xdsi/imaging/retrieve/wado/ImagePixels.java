package org.xdsi.imaging.retrieve.wado;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.imaging.dicom.BulkData;
import org.xdsi.imaging.dicom.DataElement;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomReader;
import org.xdsi.imaging.dicom.ReadOptions;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;

/**
 * The native (uncompressed) pixel data of a stored instance, described by its Image Pixel attributes. Only the
 * attributes are parsed; a frame's bytes are read from the file at their offset, so a multi-frame instance is
 * never loaded whole.
 */
public final class ImagePixels {
    /** Values above this size are left in the file while the attributes are read. */
    private static final long BULK_THRESHOLD = 4096;
    /** Largest frame handled (a frame is held in memory): 8192 x 8192 RGB would still fit. */
    private static final long MAX_FRAME_BYTES = 256L << 20;

    private final Path file;
    private final Dataset attributes;
    private final long pixelOffset;
    private final byte[] inlinePixels;
    private final boolean bigEndian;
    private final int rows;
    private final int columns;
    private final int samplesPerPixel;
    private final int bitsAllocated;
    private final int frames;

    private ImagePixels(Path file, Dataset attributes, long pixelOffset, byte[] inlinePixels, boolean bigEndian)
            throws NotRenderableException {
        this.file = file;
        this.attributes = attributes;
        this.pixelOffset = pixelOffset;
        this.inlinePixels = inlinePixels;
        this.bigEndian = bigEndian;
        this.rows = attributes.getInt(Tag.ROWS, 0);
        this.columns = attributes.getInt(Tag.COLUMNS, 0);
        this.samplesPerPixel = attributes.getInt(Tag.SAMPLES_PER_PIXEL, 1);
        this.bitsAllocated = attributes.getInt(Tag.BITS_ALLOCATED, 0);
        this.frames = Math.max(1, attributes.getInt(Tag.NUMBER_OF_FRAMES, 1));
        if (rows <= 0 || columns <= 0) {
            throw new NotRenderableException("the instance has no Rows/Columns");
        }
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new NotRenderableException("Bits Allocated " + bitsAllocated + " is not supported (8 or 16 are)");
        }
        if (samplesPerPixel != 1 && samplesPerPixel != 3) {
            throw new NotRenderableException("Samples per Pixel " + samplesPerPixel + " is not supported");
        }
        if ((long) rows * columns * samplesPerPixel * (bitsAllocated / 8) > MAX_FRAME_BYTES) {
            throw new NotRenderableException("frames of " + rows + " x " + columns + " x " + samplesPerPixel
                    + " samples are larger than this server handles");
        }
        long available = inlinePixels != null ? inlinePixels.length : pixelLength(attributes);
        if (available < (long) frameLength() * frames) {
            throw new NotRenderableException("the pixel data is shorter than Rows x Columns x Samples x Number of"
                    + " Frames say");
        }
    }

    private static long pixelLength(Dataset attributes) {
        BulkData bulk = attributes.getBulkData(Tag.PIXEL_DATA);
        return bulk == null ? 0 : bulk.length();
    }

    /** Like {@link #open(Path)}, refusing compressed or deflated instances by their recorded transfer syntax. */
    public static ImagePixels open(StoredInstance instance) throws IOException, NotRenderableException {
        if (!TransferSyntax.of(instance.transferSyntaxUid()).isNative()) {
            throw new NotRenderableException("the pixel data is compressed (" + instance.transferSyntaxUid()
                    + "): xdsi renders and cuts uncompressed images only");
        }
        return open(instance.file());
    }

    /**
     * Reads the attributes of a stored instance.
     *
     * @throws NotRenderableException when it has no native pixel data
     */
    public static ImagePixels open(Path file) throws IOException, NotRenderableException {
        try (DicomReader reader = DicomReader.open(file)) {
            reader.options(ReadOptions.DEFAULT.withBulkDataThreshold(BULK_THRESHOLD));
            reader.readFileMetaInformation();
            TransferSyntax ts = reader.transferSyntax();
            Dataset ds = reader.readDataset();
            DataElement pixels = ds.get(Tag.PIXEL_DATA);
            if (pixels == null) {
                throw new NotRenderableException("the instance has no Pixel Data");
            }
            if (!ts.isNative() || pixels.kind() == DataElement.Kind.FRAGMENTS
                    || pixels.kind() == DataElement.Kind.BULK_DATA && pixels.bulkData().encapsulated()) {
                throw new NotRenderableException("the pixel data is compressed (" + ts.uid() + "): xdsi renders and"
                        + " cuts uncompressed images only");
            }
            if (pixels.kind() == DataElement.Kind.BULK_DATA) {
                return new ImagePixels(file, ds, pixels.bulkData().offset(), null, ts.bigEndian());
            }
            // a small image read with the attributes: already little endian
            return new ImagePixels(file, ds, -1, pixels.bytes(), false);
        }
    }

    public Dataset attributes() {
        return attributes;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    public int bitsAllocated() {
        return bitsAllocated;
    }

    public int frames() {
        return frames;
    }

    /** Bytes of one frame. */
    public int frameLength() {
        return Math.multiplyExact(Math.multiplyExact(rows, columns), samplesPerPixel * (bitsAllocated / 8));
    }

    /** The bytes of frame {@code number} (1-based), little endian. */
    public byte[] frame(int number) throws IOException {
        if (number < 1 || number > frames) {
            throw new IllegalArgumentException("frame " + number + " of " + frames);
        }
        int length = frameLength();
        long start = (long) (number - 1) * length;
        byte[] out = new byte[length];
        if (inlinePixels != null) {
            System.arraycopy(inlinePixels, (int) start, out, 0, length);
            return out;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(out);
            long position = pixelOffset + start;
            while (buf.hasRemaining()) {
                int n = channel.read(buf, position);
                if (n < 0) {
                    throw new IOException("pixel data ends early");
                }
                position += n;
            }
        }
        if (bigEndian && bitsAllocated == 16) {
            for (int i = 0; i + 1 < out.length; i += 2) {
                byte b = out[i];
                out[i] = out[i + 1];
                out[i + 1] = b;
            }
        }
        return out;
    }
}
