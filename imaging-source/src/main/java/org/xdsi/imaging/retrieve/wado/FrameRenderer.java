package org.xdsi.imaging.retrieve.wado;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.util.Locale;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.Tag;

/**
 * Turns one frame of an uncompressed image into an 8-bit picture: monochrome through the Modality LUT (Rescale
 * Slope/Intercept) and a linear VOI window (PS3.3 C.11.2.1.2), MONOCHROME1 inverted; RGB as it is, in either
 * planar configuration. The result is scaled to the requested size.
 */
public final class FrameRenderer {
    private FrameRenderer() {
    }

    public static BufferedImage render(ImagePixels pixels, RenderingParameters p)
            throws IOException, NotRenderableException {
        Dataset a = pixels.attributes();
        String photometric = a.getString(Tag.PHOTOMETRIC_INTERPRETATION, "").trim().toUpperCase(Locale.ROOT);
        byte[] frame = pixels.frame(p.frameNumber());
        BufferedImage image;
        if (pixels.samplesPerPixel() == 1 && (photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2"))) {
            image = monochrome(pixels, frame, p, photometric.equals("MONOCHROME1"));
        } else if (pixels.samplesPerPixel() == 3 && photometric.equals("RGB") && pixels.bitsAllocated() == 8) {
            image = rgb(pixels, frame, a.getInt(Tag.PLANAR_CONFIGURATION, 0));
        } else {
            throw new NotRenderableException("Photometric Interpretation '" + photometric + "' with "
                    + pixels.samplesPerPixel() + " samples of " + pixels.bitsAllocated() + " bits is not rendered"
                    + " (MONOCHROME1/2 of 8 or 16 bits and RGB of 8 bits are)");
        }
        return scale(image, p.rows(), p.columns());
    }

    private static BufferedImage monochrome(ImagePixels pixels, byte[] frame, RenderingParameters p, boolean invert) {
        Dataset a = pixels.attributes();
        int count = pixels.rows() * pixels.columns();
        int bitsStored = a.getInt(Tag.BITS_STORED, pixels.bitsAllocated());
        if (bitsStored < 1 || bitsStored > pixels.bitsAllocated()) {
            bitsStored = pixels.bitsAllocated(); // a nonsensical value: take the whole sample
        }
        boolean signed = a.getInt(Tag.PIXEL_REPRESENTATION, 0) == 1;
        double slope = a.getDouble(Tag.RESCALE_SLOPE, 1);
        double intercept = a.getDouble(Tag.RESCALE_INTERCEPT, 0);
        int mask = (1 << bitsStored) - 1;
        int sign = 1 << (bitsStored - 1);
        boolean eight = pixels.bitsAllocated() == 8;
        double center;
        double width;
        if (p.windowCenter() != null) {
            center = p.windowCenter();
            width = p.windowWidth();
        } else if (a.getDouble(Tag.WINDOW_WIDTH, 0) >= 1) {
            center = a.getDouble(Tag.WINDOW_CENTER, 0);
            width = a.getDouble(Tag.WINDOW_WIDTH, 1);
        } else {
            // no window anywhere: the frame's own range (a first pass over the frame)
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                double v = stored(frame, i, eight, mask, sign, signed, bitsStored) * slope + intercept;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            center = (min + max + 1) / 2;
            width = Math.max(1, max - min + 1);
        }
        width = Math.max(1, width);
        double low = center - 0.5 - (width - 1) / 2;
        double high = center - 0.5 + (width - 1) / 2;
        BufferedImage image = new BufferedImage(pixels.columns(), pixels.rows(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < count; i++) {
            double x = stored(frame, i, eight, mask, sign, signed, bitsStored) * slope + intercept;
            int y;
            if (x <= low) {
                y = 0;
            } else if (x > high) {
                y = 255;
            } else {
                y = (int) Math.round(((x - (center - 0.5)) / (width - 1) + 0.5) * 255);
                y = Math.max(0, Math.min(255, y));
            }
            out[i] = (byte) (invert ? 255 - y : y);
        }
        return image;
    }

    /** The stored value of pixel {@code i}: Bits Stored of it, sign-extended for signed data. */
    private static int stored(byte[] frame, int i, boolean eight, int mask, int sign, boolean signed,
                              int bitsStored) {
        int raw = eight ? frame[i] & 0xFF : (frame[2 * i] & 0xFF) | (frame[2 * i + 1] & 0xFF) << 8;
        raw &= mask;
        if (signed && (raw & sign) != 0) {
            raw -= 1 << bitsStored;
        }
        return raw;
    }

    private static BufferedImage rgb(ImagePixels pixels, byte[] frame, int planar) {
        int count = pixels.rows() * pixels.columns();
        BufferedImage image = new BufferedImage(pixels.columns(), pixels.rows(), BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[count];
        for (int i = 0; i < count; i++) {
            int r;
            int g;
            int b;
            if (planar == 1) {
                r = frame[i] & 0xFF;
                g = frame[count + i] & 0xFF;
                b = frame[2 * count + i] & 0xFF;
            } else {
                r = frame[3 * i] & 0xFF;
                g = frame[3 * i + 1] & 0xFF;
                b = frame[3 * i + 2] & 0xFF;
            }
            rgb[i] = r << 16 | g << 8 | b;
        }
        image.setRGB(0, 0, pixels.columns(), pixels.rows(), rgb, 0, pixels.columns());
        return image;
    }

    /**
     * PS3.18 WADO-URI: rows and columns are maxima and the aspect ratio is kept; with only one given the other
     * follows from the aspect ratio.
     */
    /** Largest side of a rendered image, whatever was asked: bounds the memory one request can take. */
    public static final int MAX_SIDE = 4096;

    static BufferedImage scale(BufferedImage image, Integer rows, Integer columns) {
        int h = image.getHeight();
        int w = image.getWidth();
        if (rows == null && columns == null && Math.max(h, w) <= MAX_SIDE) {
            return image;
        }
        double factor;
        if (rows != null && columns != null) {
            factor = Math.min(rows / (double) h, columns / (double) w);
        } else if (rows != null) {
            factor = rows / (double) h;
        } else if (columns != null) {
            factor = columns / (double) w;
        } else {
            factor = 1;
        }
        factor = Math.min(factor, MAX_SIDE / (double) Math.max(h, w));
        int th = Math.max(1, (int) Math.round(h * factor));
        int tw = Math.max(1, (int) Math.round(w * factor));
        if (th == h && tw == w) {
            return image;
        }
        BufferedImage scaled = new BufferedImage(tw, th, image.getType());
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }
}
