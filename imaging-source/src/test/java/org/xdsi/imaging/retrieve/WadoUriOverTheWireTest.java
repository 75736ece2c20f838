package org.xdsi.imaging.retrieve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.imaging.retrieve.Fixtures.JPEG;
import static org.xdsi.imaging.retrieve.Fixtures.MONO16;
import static org.xdsi.imaging.retrieve.Fixtures.MONO16_BIG_ENDIAN;
import static org.xdsi.imaging.retrieve.Fixtures.MONO16_IMPLICIT;
import static org.xdsi.imaging.retrieve.Fixtures.MONO16_MULTIFRAME;
import static org.xdsi.imaging.retrieve.Fixtures.MONO16_SIGNED;
import static org.xdsi.imaging.retrieve.Fixtures.MONO8_MONOCHROME1;
import static org.xdsi.imaging.retrieve.Fixtures.MONO8_MONOCHROME2;
import static org.xdsi.imaging.retrieve.Fixtures.RGB_INTERLEAVED;
import static org.xdsi.imaging.retrieve.Fixtures.RGB_PLANAR;
import static org.xdsi.imaging.retrieve.Fixtures.SERIES_JPEG;
import static org.xdsi.imaging.retrieve.TestImages.COLUMNS;
import static org.xdsi.imaging.retrieve.TestImages.ROWS;
import static org.xdsi.imaging.retrieve.TestImages.SERIES_COLOR;
import static org.xdsi.imaging.retrieve.TestImages.SERIES_MONO;
import static org.xdsi.imaging.retrieve.TestImages.STUDY;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xdsi.imaging.dicom.DicomFile;
import org.xdsi.imaging.dicom.DicomTools;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;

/** RAD-55 WADO-URI over HTTP: instances to the byte, JPEG renderings decoded by ImageIO and measured. */
class WadoUriOverTheWireTest {
    @TempDir
    static Path dir;
    static Fixtures fixtures;
    static RetrieveHarness harness;

    @BeforeAll
    static void start() throws Exception {
        fixtures = Fixtures.create(Files.createDirectories(dir.resolve("archive")));
        harness = new RetrieveHarness(new FolderInstanceLocator(fixtures.root), dir.resolve("tmp"));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String url(String series, String sop, String extra) {
        return harness.base + "/wado?requestType=WADO&studyUID=" + STUDY + "&seriesUID=" + series + "&objectUID="
                + sop + extra;
    }

    private static Http.Answer get(String series, String sop, String extra, String... headers) throws Exception {
        return Http.get(url(series, sop, extra), headers);
    }

    private static BufferedImage jpeg(Http.Answer a) throws Exception {
        assertEquals(200, a.status(), a::describe);
        assertEquals("image/jpeg", a.contentType());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(a.body()));
        assertNotNull(image, "ImageIO cannot decode the answer");
        return image;
    }

    private static int gray(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }

    // ---- application/dicom

    @Test
    void explicitLittleEndianInstanceIsSentByteForByte() throws Exception {
        Http.Answer a = get(SERIES_MONO, MONO16, "&contentType=application/dicom");
        assertEquals(200, a.status(), a::describe);
        assertEquals("application/dicom", a.contentType());
        assertArrayEquals(Files.readAllBytes(fixtures.mono(MONO16)), a.body());
    }

    @Test
    void compressedInstanceInItsOwnSyntaxIsTheStoredBytes() throws Exception {
        Http.Answer a = get(SERIES_JPEG, JPEG, "&contentType=application/dicom&transferSyntax="
                + TransferSyntax.JPEG_BASELINE.uid());
        assertEquals(200, a.status(), a::describe);
        assertArrayEquals(Files.readAllBytes(fixtures.file(SERIES_JPEG, JPEG)), a.body());
    }

    @Test
    void withoutTransferSyntaxOtherUncompressedSyntaxesBecomeExplicitLittleEndian() throws Exception {
        for (String sop : new String[] {MONO16_IMPLICIT, MONO16_BIG_ENDIAN}) {
            Http.Answer a = get(SERIES_MONO, sop, "&contentType=application/dicom");
            assertEquals(200, a.status(), a::describe);
            Path got = dir.resolve("wado-" + sop + ".dcm");
            Files.write(got, a.body());
            DicomTools.Result dump = DicomTools.runOk(dir, "dcmdump", "-q", got.toString());
            assertTrue(dump.stdout().contains("=LittleEndianExplicit"), dump.stdout());
            assertArrayEquals(DicomFile.read(fixtures.mono(sop)).dataset().getBytes(Tag.PIXEL_DATA),
                    DicomFile.read(got).dataset().getBytes(Tag.PIXEL_DATA));
        }
    }

    @Test
    void requestedImplicitSyntaxIsTranscoded() throws Exception {
        Http.Answer a = get(SERIES_MONO, MONO16, "&contentType=application/dicom&transferSyntax="
                + TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
        assertEquals(200, a.status(), a::describe);
        Path got = dir.resolve("wado-implicit.dcm");
        Files.write(got, a.body());
        DicomTools.Result dump = DicomTools.runOk(dir, "dcmdump", "-q", got.toString());
        assertTrue(dump.stdout().contains("=LittleEndianImplicit"), dump.stdout());
    }

    @Test
    void unproducibleTransferSyntaxIs406() throws Exception {
        Http.Answer a = get(SERIES_JPEG, JPEG, "&contentType=application/dicom&transferSyntax="
                + TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        assertEquals(406, a.status(), a::describe);
        assertTrue(a.contentType().startsWith("text/plain"), a::describe);
    }

    @Test
    void acceptOfDicomOnlyWithoutContentTypeGivesTheInstance() throws Exception {
        Http.Answer a = get(SERIES_MONO, MONO16, "", "Accept", "application/dicom");
        assertEquals(200, a.status(), a::describe);
        assertArrayEquals(Files.readAllBytes(fixtures.mono(MONO16)), a.body());
    }

    // ---- image/jpeg

    @Test
    void acceptAnyWithoutContentTypeIsAJpegOfTheImageSize() throws Exception {
        BufferedImage image = jpeg(get(SERIES_MONO, MONO16, "", "Accept", "*/*"));
        assertEquals(COLUMNS, image.getWidth());
        assertEquals(ROWS, image.getHeight());
    }

    @Test
    void windowOfTheObjectAppliesAndTheRequestOverridesIt() throws Exception {
        // pixels are x * 64; the object's window 1024/1024 spans x = 8..24
        BufferedImage object = jpeg(get(SERIES_MONO, MONO16, "&contentType=image/jpeg&imageQuality=100"));
        assertTrue(gray(object, 4, 10) <= 3, "below the window: black");
        assertTrue(Math.abs(gray(object, 16, 10) - 128) <= 8, "centre of the window: mid-gray " + gray(object, 16, 10));
        assertTrue(gray(object, 40, 10) >= 252, "above the window: white");
        // a request window 3000/2000 spans x = 31..62
        BufferedImage request = jpeg(get(SERIES_MONO, MONO16,
                "&contentType=image/jpeg&imageQuality=100&windowCenter=3000&windowWidth=2000"));
        assertTrue(gray(request, 16, 10) <= 3, "x=16 is below the request's window");
        assertTrue(Math.abs(gray(request, 47, 10) - 128) <= 10, "centre " + gray(request, 47, 10));
    }

    @Test
    void withoutAnyWindowTheFramesRangeIsUsed() throws Exception {
        // 8-bit MONOCHROME2, pixels x * 4 (0..252): min/max window, so left black and right white
        BufferedImage image = jpeg(get(SERIES_MONO, MONO8_MONOCHROME2, "&contentType=image/jpeg&imageQuality=100"));
        assertTrue(gray(image, 0, 5) <= 4, "left " + gray(image, 0, 5));
        assertTrue(gray(image, COLUMNS - 1, 5) >= 250, "right " + gray(image, COLUMNS - 1, 5));
        assertTrue(gray(image, 10, 5) < gray(image, 50, 5));
    }

    @Test
    void monochrome1IsInverted() throws Exception {
        BufferedImage image = jpeg(get(SERIES_MONO, MONO8_MONOCHROME1, "&contentType=image/jpeg&imageQuality=100"));
        assertTrue(gray(image, 0, 5) >= 250, "left (lowest values) white " + gray(image, 0, 5));
        assertTrue(gray(image, COLUMNS - 1, 5) <= 4, "right black " + gray(image, COLUMNS - 1, 5));
    }

    @Test
    void signedPixelsGoThroughTheRescale() throws Exception {
        // raw -x*64, slope 2, intercept 100: modality values 100 (x=0) down to -7964 (x=63); window 100 - 1000/800
        BufferedImage image = jpeg(get(SERIES_MONO, MONO16_SIGNED,
                "&contentType=image/jpeg&imageQuality=100&windowCenter=-300&windowWidth=800"));
        assertTrue(gray(image, 0, 5) >= 250, "x=0 is 100: above the window " + gray(image, 0, 5));
        assertTrue(Math.abs(gray(image, 3, 5) - 128) <= 16, "x=3 is -284: mid " + gray(image, 3, 5));
        assertTrue(gray(image, 20, 5) <= 3, "x=20 is -2460: below " + gray(image, 20, 5));
    }

    @Test
    void framesOfAMultiFrameImageDiffer() throws Exception {
        // frame f adds f * 16 to every pixel; a narrow window at x = 10 shows it
        String window = "&contentType=image/jpeg&imageQuality=100&windowCenter=656&windowWidth=32";
        BufferedImage first = jpeg(get(SERIES_MONO, MONO16_MULTIFRAME, window + "&frameNumber=1"));
        BufferedImage third = jpeg(get(SERIES_MONO, MONO16_MULTIFRAME, window + "&frameNumber=3"));
        assertTrue(gray(first, 10, 5) < 40, "frame 1 at x=10 is 640: dark " + gray(first, 10, 5));
        assertTrue(gray(third, 10, 5) > 215, "frame 3 at x=10 is 672: bright " + gray(third, 10, 5));
        Http.Answer beyond = get(SERIES_MONO, MONO16_MULTIFRAME, "&contentType=image/jpeg&frameNumber=4");
        assertEquals(400, beyond.status(), beyond::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {RGB_INTERLEAVED, RGB_PLANAR})
    void rgbIsRenderedInColour(String sop) throws Exception {
        BufferedImage image = jpeg(get(SERIES_COLOR, sop, "&contentType=image/jpeg&imageQuality=100"));
        int left = image.getRGB(5, 5);
        int right = image.getRGB(COLUMNS - 5, 5);
        assertTrue((left >> 16 & 0xFF) > 230 && (left & 0xFF) < 30, Integer.toHexString(left));
        assertTrue((right & 0xFF) > 230 && (right >> 16 & 0xFF) < 30, Integer.toHexString(right));
    }

    @Test
    void rowsAndColumnsScaleKeepingTheAspectRatio() throws Exception {
        BufferedImage byColumns = jpeg(get(SERIES_MONO, MONO16, "&contentType=image/jpeg&columns=32"));
        assertEquals(32, byColumns.getWidth());
        assertEquals(24, byColumns.getHeight());
        BufferedImage byRows = jpeg(get(SERIES_MONO, MONO16, "&contentType=image/jpeg&rows=96"));
        assertEquals(128, byRows.getWidth());
        assertEquals(96, byRows.getHeight());
        BufferedImage both = jpeg(get(SERIES_MONO, MONO16, "&contentType=image/jpeg&rows=30&columns=16"));
        assertEquals(16, both.getWidth());
        assertEquals(12, both.getHeight());
        // no side beyond the server's limit, whatever the request implies
        BufferedImage capped = jpeg(get(SERIES_MONO, MONO16, "&contentType=image/jpeg&rows=4096"));
        assertEquals(4096, capped.getWidth());
        assertEquals(3072, capped.getHeight());
    }

    @Test
    void imageQualityChangesTheEncoding() throws Exception {
        Http.Answer low = get(SERIES_MONO, MONO8_MONOCHROME2, "&contentType=image/jpeg&imageQuality=5");
        Http.Answer high = get(SERIES_MONO, MONO8_MONOCHROME2, "&contentType=image/jpeg&imageQuality=100");
        jpeg(low);
        jpeg(high);
        assertTrue(low.body().length < high.body().length, low.body().length + " vs " + high.body().length);
    }

    // ---- errors

    @Test
    void compressedPixelDataCannotBeRendered() throws Exception {
        Http.Answer a = get(SERIES_JPEG, JPEG, "&contentType=image/jpeg");
        assertEquals(406, a.status(), a::describe);
        assertTrue(a.text().contains("compressed"), a::describe);
    }

    @Test
    void unknownObjectIs404() throws Exception {
        Http.Answer a = get(SERIES_MONO, "2.25.404", "&contentType=application/dicom");
        assertEquals(404, a.status(), a::describe);
        assertTrue(a.contentType().startsWith("text/plain"), a::describe);
        Http.Answer wrongSeries = get(SERIES_COLOR, MONO16, "&contentType=application/dicom");
        assertEquals(404, wrongSeries.status(), wrongSeries::describe);
    }

    @Test
    void unsupportedContentTypeIs406() throws Exception {
        Http.Answer a = get(SERIES_MONO, MONO16, "&contentType=image/gif");
        assertEquals(406, a.status(), a::describe);
        assertTrue(a.text().contains("image/gif"), a::describe);
        Http.Answer disagreeing = get(SERIES_MONO, MONO16, "&contentType=image/jpeg", "Accept", "application/dicom");
        assertEquals(406, disagreeing.status(), disagreeing::describe);
        Http.Answer noneAcceptable = get(SERIES_MONO, MONO16, "", "Accept", "text/html");
        assertEquals(406, noneAcceptable.status(), noneAcceptable::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/wado?studyUID=2.25.1&seriesUID=2.25.2&objectUID=2.25.3",
            "/wado?requestType=WADO&seriesUID=2.25.2&objectUID=2.25.3",
            "/wado?requestType=WADO&studyUID=2.25.1&seriesUID=2.25.2",
            "/wado?requestType=WADX&studyUID=2.25.1&seriesUID=2.25.2&objectUID=2.25.3",
            "/wado?requestType=WADO&studyUID=abc&seriesUID=2.25.2&objectUID=2.25.3",
            "/wado?requestType=WADO&studyUID=2.25.1&seriesUID=2.25.2&objectUID=2.25.3&frameNumber=0",
            "/wado?requestType=WADO&studyUID=2.25.1&seriesUID=2.25.2&objectUID=2.25.3&rows=x",
            "/wado?requestType=WADO&studyUID=2.25.1&seriesUID=2.25.2&objectUID=2.25.3&windowCenter=5",
            "/wado?requestType=WADO&studyUID=2.25.1&seriesUID=2.25.2&objectUID=2.25.3&imageQuality=101",
            "/wado?requestType=WADO&studyUID=2.25.1&seriesUID=2.25.2&objectUID=2.25.3&region=0,0,1,1",
    })
    void wrongParametersAre400(String query) throws Exception {
        Http.Answer a = Http.get(harness.base + query);
        assertEquals(400, a.status(), a::describe);
        assertTrue(a.contentType().startsWith("text/plain"), a::describe);
        assertTrue(!a.text().isBlank() && !a.text().contains("Exception"), a::describe);
    }
}
