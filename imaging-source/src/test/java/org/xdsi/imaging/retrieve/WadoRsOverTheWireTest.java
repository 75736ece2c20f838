package org.xdsi.imaging.retrieve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.imaging.retrieve.Fixtures.JPEG;
import static org.xdsi.imaging.retrieve.Fixtures.MONO16;
import static org.xdsi.imaging.retrieve.Fixtures.MONO16_IMPLICIT;
import static org.xdsi.imaging.retrieve.Fixtures.MONO16_MULTIFRAME;
import static org.xdsi.imaging.retrieve.Fixtures.SERIES_JPEG;
import static org.xdsi.imaging.retrieve.TestImages.COLUMNS;
import static org.xdsi.imaging.retrieve.TestImages.ROWS;
import static org.xdsi.imaging.retrieve.TestImages.SERIES_COLOR;
import static org.xdsi.imaging.retrieve.TestImages.SERIES_MONO;
import static org.xdsi.imaging.retrieve.TestImages.STUDY;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.imaging.dicom.DicomFile;
import org.xdsi.imaging.dicom.DicomTools;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;

/** RAD-107 WADO-RS over HTTP: multipart/related answers parsed and compared, DICOM JSON metadata checked. */
class WadoRsOverTheWireTest {
    private static final String DICOM_MULTIPART = "multipart/related; type=\"application/dicom\"";

    @TempDir
    static Path dir;
    static Fixtures fixtures;
    static FolderInstanceLocator locator;
    static RetrieveHarness harness;

    @BeforeAll
    static void start() throws Exception {
        fixtures = Fixtures.create(Files.createDirectories(dir.resolve("archive")));
        locator = new FolderInstanceLocator(fixtures.root);
        harness = new RetrieveHarness(locator, dir.resolve("tmp"));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String studies() {
        return harness.base + "/dicomweb/studies";
    }

    private static Map<String, byte[]> bySop(List<Http.Part> parts) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        int n = 0;
        for (Http.Part p : parts) {
            Path f = dir.resolve("part-" + (n++) + ".dcm");
            Files.write(f, p.body());
            out.put(DicomFile.read(f).dataset().getString(Tag.SOP_INSTANCE_UID), p.body());
        }
        return out;
    }

    @Test
    void studyIsEveryInstanceAsStored() throws Exception {
        Http.Answer a = Http.get(studies() + "/" + STUDY, "Accept", DICOM_MULTIPART);
        assertEquals(200, a.status(), a::describe);
        assertTrue(a.contentType().startsWith("multipart/related"), a.contentType());
        assertTrue(a.contentType().contains("application/dicom"), a.contentType());
        List<StoredInstance> stored = locator.study(STUDY);
        List<Http.Part> parts = a.parts();
        assertEquals(stored.size(), parts.size());
        Map<String, byte[]> got = bySop(parts);
        for (StoredInstance i : stored) {
            assertArrayEquals(Files.readAllBytes(i.file()), got.get(i.sopInstanceUid()), i.sopInstanceUid());
        }
        for (Http.Part p : parts) {
            assertTrue(p.contentType().startsWith("application/dicom"), p.contentType());
        }
    }

    @Test
    void seriesAndInstanceLevels() throws Exception {
        Http.Answer series = Http.get(studies() + "/" + STUDY + "/series/" + SERIES_COLOR, "Accept", "*/*");
        assertEquals(200, series.status(), series::describe);
        assertEquals(locator.series(STUDY, SERIES_COLOR).size(), series.parts().size());
        Http.Answer instance = Http.get(studies() + "/" + STUDY + "/series/" + SERIES_JPEG + "/instances/" + JPEG,
                "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        assertEquals(200, instance.status(), instance::describe);
        assertEquals(1, instance.parts().size());
        assertArrayEquals(Files.readAllBytes(fixtures.file(SERIES_JPEG, JPEG)), instance.parts().get(0).body());
        assertEquals("application/dicom; transfer-syntax=" + TransferSyntax.JPEG_BASELINE.uid(),
                instance.parts().get(0).contentType());
    }

    @Test
    void transferSyntaxInAcceptIsHonoured() throws Exception {
        Http.Answer a = Http.get(studies() + "/" + STUDY + "/series/" + SERIES_MONO + "/instances/" + MONO16,
                "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax="
                        + TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
        assertEquals(200, a.status(), a::describe);
        Path f = dir.resolve("implicit.dcm");
        Files.write(f, a.parts().get(0).body());
        DicomTools.Result dump = DicomTools.runOk(dir, "dcmdump", "-q", f.toString());
        assertTrue(dump.stdout().contains("=LittleEndianImplicit"), dump.stdout());
        assertArrayEquals(DicomFile.read(fixtures.mono(MONO16)).dataset().getBytes(Tag.PIXEL_DATA),
                DicomFile.read(f).dataset().getBytes(Tag.PIXEL_DATA));
        // the whole study cannot be had uncompressed: the JPEG instance
        Http.Answer study = Http.get(studies() + "/" + STUDY, "Accept", "multipart/related;"
                + " type=\"application/dicom\"; transfer-syntax=" + TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        assertEquals(406, study.status(), study::describe);
        assertTrue(study.text().contains(JPEG), study::describe);
        // with a fallback to the stored syntaxes in the same header, the study is served as stored
        Http.Answer fallback = Http.get(studies() + "/" + STUDY, "Accept", "multipart/related;"
                + " type=\"application/dicom\"; transfer-syntax=" + TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()
                + ", multipart/related; type=\"application/dicom\"; transfer-syntax=*;q=0.5");
        assertEquals(200, fallback.status(), fallback::describe);
        assertEquals(locator.study(STUDY).size(), fallback.parts().size());
    }

    @Test
    void unsupportedAcceptIs406() throws Exception {
        Http.Answer a = Http.get(studies() + "/" + STUDY, "Accept", "application/zip");
        assertEquals(406, a.status(), a::describe);
        Http.Answer b = Http.get(studies() + "/" + STUDY, "Accept", "multipart/related; type=\"image/jpeg\"");
        assertEquals(406, b.status(), b::describe);
        Http.Answer c = Http.get(studies() + "/" + STUDY + "/metadata", "Accept", "application/dicom+xml");
        assertEquals(406, c.status(), c::describe);
    }

    @Test
    void unknownUidsAre404() throws Exception {
        for (String path : List.of("/2.25.404", "/2.25.404/metadata", "/" + STUDY + "/series/2.25.404",
                "/" + STUDY + "/series/" + SERIES_MONO + "/instances/2.25.404",
                "/" + STUDY + "/series/" + SERIES_MONO + "/instances/2.25.404/metadata")) {
            Http.Answer a = Http.get(studies() + path);
            assertEquals(404, a.status(), () -> path + ": " + a.describe());
            assertTrue(a.contentType().startsWith("text/plain"), a::describe);
        }
        Http.Answer bad = Http.get(studies() + "/not-a-uid");
        assertEquals(400, bad.status(), bad::describe);
    }

    @Test
    @SuppressWarnings("unchecked")
    void instanceMetadataIsTheDicomJsonModel() throws Exception {
        String instanceUrl = studies() + "/" + STUDY + "/series/" + SERIES_MONO + "/instances/" + MONO16;
        Http.Answer a = Http.get(instanceUrl + "/metadata", "Accept", "application/dicom+json");
        assertEquals(200, a.status(), a::describe);
        assertEquals("application/dicom+json", a.contentType());
        List<Object> list = (List<Object>) Json.parse(a.text());
        assertEquals(1, list.size());
        Map<String, Object> ds = (Map<String, Object>) list.get(0);
        assertEquals(List.of(MONO16), value(ds, "00080018", "UI"));
        assertEquals(List.of(STUDY), value(ds, "0020000D", "UI"));
        assertEquals(List.of("CT"), value(ds, "00080060", "CS"));
        assertEquals(List.of(Map.of("Alphabetic", "Müller^Jürgen")), value(ds, "00100010", "PN"));
        assertEquals(List.of(new BigDecimal(ROWS)), value(ds, "00280010", "US"));
        assertEquals(List.of(new BigDecimal(1024)), value(ds, "00281050", "DS"));
        assertEquals(List.of(BigDecimal.ONE), value(ds, "00200013", "IS"));
        assertEquals(List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()), value(ds, "00083002", "UI"));
        for (String key : ds.keySet()) {
            assertTrue(key.matches("[0-9A-F]{8}"), key);
        }
        // Pixel Data by reference, and the reference answers with the pixel bytes
        Map<String, Object> pixels = (Map<String, Object>) ds.get("7FE00010");
        assertEquals("OW", pixels.get("vr"));
        assertNull(pixels.get("Value"));
        String uri = (String) pixels.get("BulkDataURI");
        assertTrue(uri.startsWith(instanceUrl + "/bulkdata/"), uri);
        Http.Answer bulk = Http.get(uri, "Accept", "multipart/related; type=\"application/octet-stream\"");
        assertEquals(200, bulk.status(), bulk::describe);
        assertArrayEquals(DicomFile.read(fixtures.mono(MONO16)).dataset().getBytes(Tag.PIXEL_DATA),
                bulk.parts().get(0).body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void seriesAndStudyMetadataHaveOneObjectPerInstance() throws Exception {
        Http.Answer series = Http.get(studies() + "/" + STUDY + "/series/" + SERIES_MONO + "/metadata");
        assertEquals(200, series.status(), series::describe);
        List<Object> list = (List<Object>) Json.parse(series.text());
        assertEquals(locator.series(STUDY, SERIES_MONO).size(), list.size());
        Http.Answer study = Http.get(studies() + "/" + STUDY + "/metadata", "Accept", "application/json");
        assertEquals(200, study.status(), study::describe);
        List<Object> all = (List<Object>) Json.parse(study.text());
        assertEquals(locator.study(STUDY).size(), all.size());
        // the implicit VR instance's attributes carry the dictionary's VRs
        Map<String, Object> implicit = all.stream().map(o -> (Map<String, Object>) o)
                .filter(m -> List.of(MONO16_IMPLICIT).equals(value(m, "00080018", "UI"))).findFirst().orElseThrow();
        assertEquals(List.of(new BigDecimal(COLUMNS)), value(implicit, "00280011", "US"));
        // compressed pixel data is referenced too
        Map<String, Object> jpeg = all.stream().map(o -> (Map<String, Object>) o)
                .filter(m -> List.of(JPEG).equals(value(m, "00080018", "UI"))).findFirst().orElseThrow();
        assertTrue(((Map<String, Object>) jpeg.get("7FE00010")).containsKey("BulkDataURI"));
    }

    @Test
    void framesOfAnUncompressedImage() throws Exception {
        String url = studies() + "/" + STUDY + "/series/" + SERIES_MONO + "/instances/" + MONO16_MULTIFRAME
                + "/frames/3,1";
        Http.Answer a = Http.get(url, "Accept", "multipart/related; type=\"application/octet-stream\"");
        assertEquals(200, a.status(), a::describe);
        List<Http.Part> parts = a.parts();
        assertEquals(2, parts.size());
        byte[] all = DicomFile.read(fixtures.mono(MONO16_MULTIFRAME)).dataset().getBytes(Tag.PIXEL_DATA);
        int frame = ROWS * COLUMNS * 2;
        assertArrayEquals(Arrays.copyOfRange(all, 2 * frame, 3 * frame), parts.get(0).body());
        assertArrayEquals(Arrays.copyOfRange(all, 0, frame), parts.get(1).body());
        Http.Answer beyond = Http.get(url.replace("3,1", "4"));
        assertEquals(400, beyond.status(), beyond::describe);
        Http.Answer compressed = Http.get(studies() + "/" + STUDY + "/series/" + SERIES_JPEG + "/instances/" + JPEG
                + "/frames/1");
        assertEquals(406, compressed.status(), compressed::describe);
    }

    @Test
    void renderedInstanceAndFrameAreJpegs() throws Exception {
        String instance = studies() + "/" + STUDY + "/series/" + SERIES_MONO + "/instances/" + MONO16_MULTIFRAME;
        Http.Answer a = Http.get(instance + "/rendered?viewport=32,32", "Accept", "image/jpeg");
        assertEquals(200, a.status(), a::describe);
        assertEquals("image/jpeg", a.contentType());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(a.body()));
        assertEquals(32, image.getWidth());
        assertEquals(24, image.getHeight());
        // frame 3 is 32 brighter than frame 1: a window of width 32 at x = 10 tells them apart
        String window = "?window=656,32,linear&quality=100";
        int first = gray(Http.get(instance + "/frames/1/rendered" + window));
        int third = gray(Http.get(instance + "/frames/3/rendered" + window));
        assertTrue(first < 40 && third > 215, first + " / " + third);
        assertEquals(400, Http.get(instance + "/frames/9/rendered").status());
        assertEquals(406, Http.get(instance + "/rendered", "Accept", "image/png").status());
        assertEquals(406, Http.get(studies() + "/" + STUDY + "/series/" + SERIES_JPEG + "/instances/" + JPEG
                + "/rendered").status());
    }

    private static int gray(Http.Answer a) throws Exception {
        assertEquals(200, a.status(), a::describe);
        return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(a.body())).getRaster().getSample(10, 5, 0);
    }

    @Test
    void stowAndWadoShareTheStudiesPath() throws Exception {
        Http.Answer post = Http.post(studies(), "multipart/related; type=\"application/dicom\"; boundary=x",
                "--x--\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(202, post.status(), post::describe);
        assertEquals("stow", post.text());
        Http.Answer postStudy = Http.post(studies() + "/" + STUDY, "multipart/related; type=\"application/dicom\";"
                + " boundary=x", "--x--\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(202, postStudy.status(), postStudy::describe);
        Http.Answer get = Http.get(studies() + "/" + STUDY + "/series/" + SERIES_MONO + "/instances/" + MONO16);
        assertEquals(200, get.status(), get::describe);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> value(Map<String, Object> ds, String key, String vr) {
        Map<String, Object> attribute = (Map<String, Object>) ds.get(key);
        assertTrue(attribute != null, () -> key + " missing in " + ds.keySet());
        assertEquals(vr, attribute.get("vr"), key);
        return (List<Object>) attribute.get("Value");
    }
}
