package org.xdsi.imaging.retrieve;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.xdsi.imaging.dicom.DicomTools;
import org.xdsi.imaging.dicom.TransferSyntax;

/** The archive folder the retrieve tests serve: images written by our DicomWriter and one made by dcmtk's img2dcm. */
final class Fixtures {
    static final String MONO16 = "2.25.7001.1.1";
    static final String MONO16_IMPLICIT = "2.25.7001.1.2";
    static final String MONO16_SIGNED = "2.25.7001.1.3";
    static final String MONO16_MULTIFRAME = "2.25.7001.1.4";
    static final String MONO8_MONOCHROME1 = "2.25.7001.1.5";
    static final String MONO8_MONOCHROME2 = "2.25.7001.1.6";
    static final String MONO16_BIG_ENDIAN = "2.25.7001.1.7";
    static final String RGB_INTERLEAVED = "2.25.7001.2.1";
    static final String RGB_PLANAR = "2.25.7001.2.2";
    static final String SERIES_JPEG = "2.25.7001.3";
    static final String JPEG = "2.25.7001.3.1";
    static final int FRAMES = 3;

    final Path root;

    private Fixtures(Path root) {
        this.root = root;
    }

    static Fixtures create(Path root) throws IOException, InterruptedException {
        Fixtures f = new Fixtures(root);
        TestImages.store(root, TestImages.mono16(MONO16, "MONOCHROME2", false, 1)
                .setString(org.xdsi.imaging.dicom.Tag.WINDOW_CENTER, "1024")
                .setString(org.xdsi.imaging.dicom.Tag.WINDOW_WIDTH, "1024"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        TestImages.store(root, TestImages.mono16(MONO16_IMPLICIT, "MONOCHROME2", false, 1),
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        TestImages.store(root, TestImages.mono16(MONO16_SIGNED, "MONOCHROME2", true, 1)
                .setString(org.xdsi.imaging.dicom.Tag.RESCALE_SLOPE, "2")
                .setString(org.xdsi.imaging.dicom.Tag.RESCALE_INTERCEPT, "100"),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        TestImages.store(root, TestImages.mono16(MONO16_MULTIFRAME, "MONOCHROME2", false, FRAMES),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        TestImages.store(root, TestImages.mono8(MONO8_MONOCHROME1, "MONOCHROME1"),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        TestImages.store(root, TestImages.mono8(MONO8_MONOCHROME2, "MONOCHROME2"),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        // big endian is read, not written, by xdsi: dcmtk converts it
        Path little = TestImages.store(root.resolveSibling("little"),
                TestImages.mono16(MONO16_BIG_ENDIAN, "MONOCHROME2", false, 1), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path big = Files.createDirectories(root.resolve(TestImages.STUDY).resolve(TestImages.SERIES_MONO))
                .resolve(MONO16_BIG_ENDIAN + ".dcm");
        DicomTools.runOk(root.getParent(), "dcmconv", "+tb", little.toString(), big.toString());
        TestImages.store(root, TestImages.rgb(RGB_INTERLEAVED, 0), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        TestImages.store(root, TestImages.rgb(RGB_PLANAR, 1), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        f.jpegByImg2dcm();
        return f;
    }

    /** A JPEG Baseline instance made by img2dcm: compressed pixel data, which xdsi can only send as stored. */
    private void jpegByImg2dcm() throws IOException, InterruptedException {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 32, 24);
        g.dispose();
        Path work = Files.createDirectories(root.resolveSibling("work"));
        Path jpg = work.resolve("in.jpg");
        ImageIO.write(image, "jpeg", jpg.toFile());
        Path out = Files.createDirectories(root.resolve(TestImages.STUDY).resolve(SERIES_JPEG)).resolve(JPEG + ".dcm");
        DicomTools.runOk(work, "img2dcm", jpg.toString(), out.toString(),
                "-k", "StudyInstanceUID=" + TestImages.STUDY, "-k", "SeriesInstanceUID=" + SERIES_JPEG,
                "-k", "SOPInstanceUID=" + JPEG, "-k", "PatientName=Jpeg^Test", "-k", "PatientID=PID-1");
    }

    Path file(String series, String sop) {
        return root.resolve(TestImages.STUDY).resolve(series).resolve(sop + ".dcm");
    }

    Path mono(String sop) {
        return file(TestImages.SERIES_MONO, sop);
    }
}
