package org.xdsi.imaging.stow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.imaging.ImagingSourceActor;
import org.xdsi.imaging.ImagingSourceConfig;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.imaging.archive.TestInstances;
import org.xdsi.imaging.dicom.DicomTools;

/**
 * STOW-RS over HTTP against a running imaging source: stores, resends, mixed and failed requests, the study of the
 * path, media type and multipart errors, hostile instances. After each refusal nothing is stored and the service
 * keeps answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StowRsTest {
    static final String STUDY = "1.2.826.0.1.3680043.2.1143.2";
    static final String SERIES = "1.2.826.0.1.3680043.2.1143.2.1";

    Path files;
    ImagingSourceActor actor;
    String base;
    String studiesUrl;
    final AtomicInteger published = new AtomicInteger();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path tmp) throws IOException {
        files = Files.createDirectories(tmp.resolve("files"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port + "/xdsi";
        actor = ImagingSourceActor.start(ImagingSourceConfig.of(tmp.resolve("imaging"), "1.2.3.4.5",
                "1.3.6.1.4.1.21367.13.20.1000"), (submission, documents) -> {
                    published.incrementAndGet();
                    throw new AssertionError("the archive does not publish");
                }, base);
        studiesUrl = actor.endpoints().get("stow-rs");
    }

    @AfterAll
    void stop() {
        if (actor != null) {
            actor.close();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        sql("DELETE FROM instance");
        sql("DELETE FROM series");
        sql("DELETE FROM study");
        try (Stream<Path> s = Files.walk(instanceDirectory())) {
            for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                if (Files.isRegularFile(p) || (!p.equals(instanceDirectory()) && !p.getFileName().toString()
                        .startsWith("."))) {
                    Files.delete(p);
                }
            }
        }
    }

    record Answer(int status, String contentType, String body) {
        StoreResponse response() {
            assertEquals(StowRsResource.DICOM_JSON, contentType);
            return StoreResponse.parse(body);
        }
    }

    private Answer post(String url, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim(),
                r.body());
    }

    private Answer post(Multipart m) throws Exception {
        return post(studiesUrl, Multipart.contentType(), m.bytes());
    }

    private byte[] instance(String study, String series, String sop) throws Exception {
        return Files.readAllBytes(TestInstances.make(files, new TestInstances.Spec(study, series, sop)));
    }

    @Test
    void registersItsEndpoint() {
        assertEquals(base + "/dicomweb/studies", actor.endpoints().get("stow-rs"));
    }

    @Test
    void storesEveryPartAndAnswersWithRetrieveUrls() throws Exception {
        byte[] a = instance(STUDY, SERIES, SERIES + ".1");
        byte[] b = instance(STUDY, SERIES, SERIES + ".2");
        byte[] c = instance(STUDY, "2.25.99", "2.25.99.1");

        Answer answer = post(new Multipart().dicom(a).dicom(b).dicom(c));

        assertEquals(200, answer.status(), answer.body());
        StoreResponse r = answer.response();
        assertEquals(List.of(), r.failed());
        assertEquals(base + "/dicomweb/studies/" + STUDY, r.retrieveUrl());
        assertEquals(3, r.referenced().size());
        StoreResponse.Referenced first = r.referenced().get(0);
        assertEquals(TestInstances.SC_IMAGE, first.sopClassUid());
        assertEquals(SERIES + ".1", first.sopInstanceUid());
        assertEquals(base + "/dicomweb/studies/" + STUDY + "/series/" + SERIES + "/instances/" + SERIES + ".1",
                first.retrieveUrl());
        assertNull(first.warningReason());
        assertArrayEquals(a, Files.readAllBytes(instanceDirectory().resolve(STUDY + "/" + SERIES + "/" + SERIES
                + ".1.dcm")));
        assertArrayEquals(c, Files.readAllBytes(actor.archive().locator()
                .instance(STUDY, "2.25.99", "2.25.99.1").orElseThrow().file()));
        assertEquals(3L, count("SELECT revision FROM study"));
        assertEquals(0, published.get());
    }

    @Test
    void storesEncapsulatedJpegFromImg2dcmAsReceived() throws Exception {
        BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(7);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                img.setRGB(x, y, random.nextInt(0x1000000)); // noise: a JPEG well above the bulk data threshold
            }
        }
        Path jpeg = files.resolve("noise.jpg");
        assertTrue(ImageIO.write(img, "jpg", jpeg.toFile()));
        Path dcm = files.resolve("jpeg.dcm");
        DicomTools.runOk(files, "img2dcm", "-k", "StudyInstanceUID=" + STUDY, "-k", "SeriesInstanceUID=2.25.97",
                "-k", "SOPInstanceUID=2.25.97.1", "-k", "PatientID=PID-4711", "-k", "Modality=OT", // img2dcm sets none
                jpeg.toString(), dcm.toString());
        byte[] bytes = Files.readAllBytes(dcm);

        Answer answer = post(new Multipart().dicom(bytes));

        assertEquals(200, answer.status(), answer.body());
        StoredInstance stored = actor.archive().locator().instance(STUDY, "2.25.97", "2.25.97.1").orElseThrow();
        assertEquals("1.2.840.10008.1.2.4.50", stored.transferSyntaxUid());
        assertArrayEquals(bytes, Files.readAllBytes(stored.file()));
        assertTrue(bytes.length > 32_000, "encapsulated pixel data of " + bytes.length + " bytes");
    }

    @Test
    void aResentInstanceIsReportedAsAlreadyStored() throws Exception {
        byte[] a = instance(STUDY, SERIES, SERIES + ".1");
        assertEquals(200, post(new Multipart().dicom(a)).status());

        Answer again = post(new Multipart().dicom(a));

        assertEquals(200, again.status(), again.body());
        StoreResponse.Referenced r = again.response().referenced().get(0);
        assertTrue(r.alreadyStored());
        assertEquals(1L, count("SELECT revision FROM study"));
        assertEquals(1L, count("SELECT COUNT(*) FROM instance"));
    }

    @Test
    void aRequestWithSomeBadPartsStoresTheGoodOnes() throws Exception {
        byte[] good = instance(STUDY, SERIES, SERIES + ".1");

        Answer answer = post(new Multipart().dicom("not DICOM at all".getBytes()).dicom(good)
                .part("text/plain", "hello".getBytes()));

        assertEquals(202, answer.status(), answer.body());
        StoreResponse r = answer.response();
        assertEquals(List.of(SERIES + ".1"), r.referenced().stream().map(StoreResponse.Referenced::sopInstanceUid)
                .toList());
        assertEquals(2, r.failed().size());
        assertEquals(0xC000, r.failed().get(0).failureReason());
        assertTrue(r.failed().get(0).comment().contains("DICM"), r.failed().get(0).comment());
        assertNull(r.failed().get(0).sopInstanceUid());
        assertTrue(r.failed().get(1).comment().contains("text/plain"), r.failed().get(1).comment());
        assertEquals(1L, count("SELECT COUNT(*) FROM instance"));
    }

    @Test
    void anInstanceOfAnotherStudyThanThePathIsRefused() throws Exception {
        byte[] a = instance(STUDY, SERIES, SERIES + ".1");

        Answer answer = post(studiesUrl + "/2.25.4242", Multipart.contentType(), new Multipart().dicom(a).bytes());

        assertEquals(409, answer.status(), answer.body());
        StoreResponse.Failed f = answer.response().failed().get(0);
        assertEquals(0xA900, f.failureReason());
        assertEquals(SERIES + ".1", f.sopInstanceUid());
        assertEquals(TestInstances.SC_IMAGE, f.sopClassUid());
        assertTrue(f.comment().contains("conflicts with the study 2.25.4242"), f.comment());
        assertNothingStored();

        Answer right = post(studiesUrl + "/" + STUDY, Multipart.contentType(), new Multipart().dicom(a).bytes());
        assertEquals(200, right.status(), right.body());
        assertEquals(1L, count("SELECT COUNT(*) FROM instance"));
    }

    @Test
    void hostileInstancesAreRefusedAndNothingIsStored() throws Exception {
        byte[] whole = instance(STUDY, SERIES, SERIES + ".1");
        byte[] truncated = Arrays.copyOf(whole, whole.length - 1000);
        byte[] noPrefix = whole.clone();
        noPrefix[128] = 'X';
        byte[] absurd = whole.clone();
        int px = indexOf(whole, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W'});
        absurd[px + 8] = (byte) 0xFF;
        absurd[px + 9] = (byte) 0xFF;
        absurd[px + 10] = (byte) 0xFF;
        absurd[px + 11] = (byte) 0x7F;

        for (byte[] bad : List.of(truncated, noPrefix, absurd, new byte[0])) {
            Answer answer = post(new Multipart().dicom(bad));
            assertEquals(409, answer.status(), answer.body());
            StoreResponse.Failed f = answer.response().failed().get(0);
            assertEquals(0xC000, f.failureReason(), f.comment());
            assertNothingStored();
        }
        assertEquals(200, post(new Multipart().dicom(whole)).status(), "the service keeps serving");
    }

    @Test
    void concurrentRequestsForOneNewStudyAllSucceed() throws Exception {
        List<byte[]> all = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            all.add(instance(STUDY, i % 2 == 0 ? SERIES : "2.25.98", (i % 2 == 0 ? SERIES : "2.25.98") + "." + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 2) {
                Multipart m = new Multipart().dicom(all.get(i)).dicom(all.get(i + 1));
                answers.add(pool.submit(() -> post(m)));
            }
            for (Future<Answer> a : answers) {
                Answer answer = a.get();
                assertEquals(200, answer.status(), answer.body());
                assertEquals(2, answer.response().referenced().size());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(16L, count("SELECT revision FROM study"));
        assertEquals(16L, count("SELECT COUNT(*) FROM instance"));
        assertEquals(2L, count("SELECT COUNT(*) FROM series"));
    }

    @Test
    void anotherMediaTypeIs415() throws Exception {
        byte[] a = instance(STUDY, SERIES, SERIES + ".1");
        Answer plain = post(studiesUrl, "application/dicom", a);
        assertEquals(415, plain.status(), plain.body());
        assertTrue(plain.body().contains("multipart/related"), plain.body());
        Answer xml = post(studiesUrl, "multipart/related; type=\"application/dicom+xml\"; boundary="
                + Multipart.BOUNDARY, new Multipart().dicom(a).bytes());
        assertEquals(415, xml.status(), xml.body());
        assertEquals(415, post(studiesUrl, null, a).status());
        assertNothingStored();
    }

    @Test
    void aMalformedMultipartBodyIs400() throws Exception {
        byte[] a = instance(STUDY, SERIES, SERIES + ".1");
        Answer noBoundary = post(studiesUrl, "multipart/related; type=\"application/dicom\"",
                new Multipart().dicom(a).bytes());
        assertEquals(400, noBoundary.status(), noBoundary.body());
        assertTrue(noBoundary.body().contains("boundary"), noBoundary.body());

        Answer wrongBoundary = post(studiesUrl, "multipart/related; type=\"application/dicom\"; boundary=other",
                new Multipart().dicom(a).bytes());
        assertEquals(400, wrongBoundary.status(), wrongBoundary.body());

        byte[] body = new Multipart().dicom(a).bytes();
        Answer cut = post(studiesUrl, Multipart.contentType(), Arrays.copyOf(body, body.length - 40));
        assertEquals(400, cut.status(), cut.body());
        assertTrue(cut.body().contains("malformed multipart"), cut.body());

        Answer empty = post(studiesUrl, Multipart.contentType(), ("--" + Multipart.BOUNDARY + "--\r\n").getBytes());
        assertEquals(400, empty.status(), empty.body());

        Answer badPath = post(studiesUrl + "/not-a-uid", Multipart.contentType(), new Multipart().dicom(a).bytes());
        assertEquals(400, badPath.status(), badPath.body());
        assertNothingStored();
        assertEquals(200, post(new Multipart().dicom(a)).status(), "the service keeps serving");
    }

    // ---- helpers

    private Path instanceDirectory() {
        return actor.archive().instanceDirectory();
    }

    private void assertNothingStored() throws Exception {
        assertEquals(0L, count("SELECT COUNT(*) FROM instance"));
        assertEquals(0L, count("SELECT COUNT(*) FROM study"));
        try (Stream<Path> s = Files.walk(instanceDirectory())) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).toList());
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = actor.database().dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private void sql(String sql) throws Exception {
        try (Connection c = actor.database().dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
