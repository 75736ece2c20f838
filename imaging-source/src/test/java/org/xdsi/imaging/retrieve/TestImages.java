package org.xdsi.imaging.retrieve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomWriter;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;
import org.xdsi.imaging.dicom.Vr;

/** Images with known pixel values, written by our DicomWriter into the archive layout. */
final class TestImages {
    static final String STUDY = "2.25.7001";
    static final String SERIES_MONO = "2.25.7001.1";
    static final String SERIES_COLOR = "2.25.7001.2";
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    static final int ROWS = 48;
    static final int COLUMNS = 64;

    private TestImages() {
    }

    static Dataset base(String series, String sop, String sopClass, String modality) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SPECIFIC_CHARACTER_SET, "ISO_IR 192");
        ds.setString(Tag.SOP_CLASS_UID, sopClass);
        ds.setString(Tag.SOP_INSTANCE_UID, sop);
        ds.setString(Tag.STUDY_DATE, "20240229");
        ds.setString(Tag.ACCESSION_NUMBER, "ACC-1");
        ds.setString(Tag.MODALITY, modality);
        ds.setString(Tag.PATIENT_NAME, "Müller^Jürgen");
        ds.setString(Tag.PATIENT_ID, "PID-1");
        ds.setString(Tag.STUDY_INSTANCE_UID, STUDY);
        ds.setString(Tag.SERIES_INSTANCE_UID, series);
        ds.setString(Tag.INSTANCE_NUMBER, "1");
        ds.setInt(Tag.ROWS, ROWS);
        ds.setInt(Tag.COLUMNS, COLUMNS);
        return ds;
    }

    /**
     * Monochrome, 16 bits allocated, {@code frames} frames: pixel (x, y) of frame f holds x * 64 + f * 16, or its
     * negative for signed data.
     */
    static Dataset mono16(String sop, String photometric, boolean signed, int frames) {
        Dataset ds = base(SERIES_MONO, sop, CT, "CT");
        ds.setInt(Tag.SAMPLES_PER_PIXEL, 1);
        ds.setString(Tag.PHOTOMETRIC_INTERPRETATION, photometric);
        if (frames > 1) {
            ds.setString(Tag.NUMBER_OF_FRAMES, Integer.toString(frames));
        }
        ds.setInt(Tag.BITS_ALLOCATED, 16);
        ds.setInt(Tag.BITS_STORED, 12);
        ds.setInt(Tag.HIGH_BIT, 11);
        ds.setInt(Tag.PIXEL_REPRESENTATION, signed ? 1 : 0);
        byte[] pixels = new byte[ROWS * COLUMNS * 2 * frames];
        int i = 0;
        for (int f = 0; f < frames; f++) {
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < COLUMNS; x++) {
                    int v = x * 64 + f * 16;
                    if (signed) {
                        v = -v;
                    }
                    pixels[i++] = (byte) v;
                    pixels[i++] = (byte) ((v >> 8) & 0x0F | (signed && v < 0 ? 0xF0 : 0));
                }
            }
        }
        ds.setBytes(Tag.PIXEL_DATA, Vr.OW, pixels);
        return ds;
    }

    /** Monochrome, 8 bits: pixel (x, y) holds x * 4. */
    static Dataset mono8(String sop, String photometric) {
        Dataset ds = base(SERIES_MONO, sop, SECONDARY_CAPTURE, "OT");
        ds.setInt(Tag.SAMPLES_PER_PIXEL, 1);
        ds.setString(Tag.PHOTOMETRIC_INTERPRETATION, photometric);
        ds.setInt(Tag.BITS_ALLOCATED, 8);
        ds.setInt(Tag.BITS_STORED, 8);
        ds.setInt(Tag.HIGH_BIT, 7);
        ds.setInt(Tag.PIXEL_REPRESENTATION, 0);
        byte[] pixels = new byte[ROWS * COLUMNS];
        for (int y = 0; y < ROWS; y++) {
            for (int x = 0; x < COLUMNS; x++) {
                pixels[y * COLUMNS + x] = (byte) (x * 4);
            }
        }
        ds.setBytes(Tag.PIXEL_DATA, Vr.OW, pixels);
        return ds;
    }

    /** RGB, 8 bits: the left half pure red, the right half pure blue, in the given planar configuration. */
    static Dataset rgb(String sop, int planar) {
        Dataset ds = base(SERIES_COLOR, sop, SECONDARY_CAPTURE, "OT");
        ds.setInt(Tag.SAMPLES_PER_PIXEL, 3);
        ds.setString(Tag.PHOTOMETRIC_INTERPRETATION, "RGB");
        ds.setInt(Tag.PLANAR_CONFIGURATION, planar);
        ds.setInt(Tag.BITS_ALLOCATED, 8);
        ds.setInt(Tag.BITS_STORED, 8);
        ds.setInt(Tag.HIGH_BIT, 7);
        ds.setInt(Tag.PIXEL_REPRESENTATION, 0);
        int n = ROWS * COLUMNS;
        byte[] pixels = new byte[n * 3];
        for (int y = 0; y < ROWS; y++) {
            for (int x = 0; x < COLUMNS; x++) {
                int p = y * COLUMNS + x;
                int r = x < COLUMNS / 2 ? 255 : 0;
                int b = x < COLUMNS / 2 ? 0 : 255;
                if (planar == 0) {
                    pixels[3 * p] = (byte) r;
                    pixels[3 * p + 2] = (byte) b;
                } else {
                    pixels[p] = (byte) r;
                    pixels[2 * n + p] = (byte) b;
                }
            }
        }
        ds.setBytes(Tag.PIXEL_DATA, Vr.OB, pixels);
        return ds;
    }

    /** Writes the dataset to {@code <root>/<study>/<series>/<sop>.dcm}. */
    static Path store(Path root, Dataset ds, TransferSyntax ts) throws IOException {
        Path file = root.resolve(ds.getString(Tag.STUDY_INSTANCE_UID)).resolve(ds.getString(Tag.SERIES_INSTANCE_UID))
                .resolve(ds.getString(Tag.SOP_INSTANCE_UID) + ".dcm");
        Files.createDirectories(file.getParent());
        Files.write(file, DicomWriter.toFileBytes(ds, ts));
        return file;
    }
}
