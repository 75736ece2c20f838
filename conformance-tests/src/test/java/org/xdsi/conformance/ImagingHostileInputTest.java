package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.xdsi.conformance.Registry.APPROVED;
import static org.xdsi.conformance.Soap.Reply.identifier;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.conformance.imaging.DicomWebClient;
import org.xdsi.conformance.imaging.StudyGenerator;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomFile;
import org.xdsi.imaging.dicom.DicomWriter;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;
import org.xdsi.imaging.dicom.Uids;
import org.xdsi.imaging.kos.KosManifest;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.server.ServerSettings;

/**
 * Hostile input at system level: STOW-RS requests with a truncated file, a file without the DICM prefix, an absurd
 * length field, a part that is not DICOM, an instance whose Study Instance UID conflicts with the request path, and
 * a folder of such files given to {@code xdsi import}. Each gets a clear client error (4xx, no stack trace); nothing
 * of it is indexed, stored, retrievable or published; and the service goes on to ingest and publish a good study.
 * The quiet period is 1 s here, so anything wrongly indexed would be published and show up in the registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagingHostileInputTest {
    private InProcessXdsi xdsi;
    private ImagingEndpoints imaging;
    private final DicomWebClient web = new DicomWebClient(Duration.ofSeconds(30));
    private Path tmp;
    private Path instances;
    private String pid;
    private String patient;
    private StudyGenerator.Study good;

    @BeforeAll
    void start(@TempDir Path tmp) throws IOException {
        this.tmp = tmp;
        xdsi = InProcessXdsi.start(tmp.resolve("data"), Registry.DOMAIN,
                Map.of(ServerSettings.IMAGING_QUIET_SECONDS, "1"));
        imaging = ImagingEndpoints.of(xdsi.startup);
        instances = tmp.resolve("data").resolve("imaging").resolve("instances");
        pid = "HOST" + System.nanoTime();
        patient = Registry.patient(pid);
        xdsi.mllp().feedAccepted(Mllp.a01v231(patient, "Doe", "Jane"));
        good = new StudyGenerator(tmp.resolve("good"), pid, Registry.DOMAIN)
                .generate(List.of(new StudyGenerator.SeriesSpec("CT", 4, 64, 64)));
    }

    @AfterAll
    void stop() {
        if (xdsi != null) {
            xdsi.close();
        }
    }

    /** A valid CT file of a new study (new study, series and SOP Instance UIDs), explicit VR little endian. */
    private byte[] freshInstance(String studyUid) throws IOException {
        Dataset ds = DicomFile.read(good.instances().get(0).file()).dataset();
        ds.setString(Tag.STUDY_INSTANCE_UID, studyUid);
        ds.setString(Tag.SERIES_INSTANCE_UID, Uids.newUid());
        ds.setString(Tag.SOP_INSTANCE_UID, Uids.newUid());
        return DicomWriter.toFileBytes(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void hostileInputIsRefusedNothingIsStoredAndTheServiceGoesOn() throws Exception {
        List<String[]> refused = new ArrayList<>(); // {what, study, series, sop}

        // ---- truncated inside the pixel data
        String s1 = Uids.newUid();
        byte[] whole = freshInstance(s1);
        refuse("truncated file", s1, Arrays.copyOf(whole, whole.length * 3 / 5), "application/dicom", null, refused);

        // ---- truncated inside the file meta information
        String s2 = Uids.newUid();
        refuse("file cut in its meta information", s2, Arrays.copyOf(freshInstance(s2), 150), "application/dicom",
                null, refused);

        // ---- preamble without the DICM prefix
        String s3 = Uids.newUid();
        byte[] noDicm = freshInstance(s3);
        System.arraycopy("XXXX".getBytes(StandardCharsets.US_ASCII), 0, noDicm, 128, 4);
        refuse("missing DICM prefix", s3, noDicm, "application/dicom", null, refused);

        // ---- Pixel Data length 0xFFFFFFF0: far beyond the end of the file
        String s4 = Uids.newUid();
        byte[] absurd = freshInstance(s4);
        int px = indexOf(absurd, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0});
        assertTrue(px > 0, "pixel data header found");
        absurd[px + 8] = (byte) 0xF0;
        absurd[px + 9] = (byte) 0xFF;
        absurd[px + 10] = (byte) 0xFF;
        absurd[px + 11] = (byte) 0xFF;
        refuse("absurd length field", s4, absurd, "application/dicom", null, refused);

        // ---- a sequence item length larger than its sequence
        String s5 = Uids.newUid();
        byte[] item = freshInstance(s5);
        int seq = indexOf(item, new byte[] {0x08, 0x00, 0x51, 0x00, 'S', 'Q', 0, 0});
        assertTrue(seq > 0, "Issuer of Accession Number Sequence found");
        int itemAt = seq + 12; // header 8 + 4 byte length, then (FFFE,E000) and its length
        item[itemAt + 4] = (byte) 0x00;
        item[itemAt + 5] = (byte) 0x00;
        item[itemAt + 6] = (byte) 0x00;
        item[itemAt + 7] = (byte) 0x7F;
        refuse("item length beyond its sequence", s5, item, "application/dicom", null, refused);

        // ---- a part that is not DICOM at all
        String s6 = Uids.newUid();
        refuse("part that is not DICOM", s6, "%PDF-1.4\nthis is a report, not an image\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII), "application/dicom", null, refused);

        // ---- a valid instance sent as a text/plain part of an application/dicom request
        String s9 = Uids.newUid();
        refuse("part of another media type", s9, freshInstance(s9), "text/plain", null, refused);

        // ---- a valid instance of study A posted to /studies/{B}
        String a = Uids.newUid();
        String b = Uids.newUid();
        byte[] conflicting = freshInstance(a);
        refuse("Study Instance UID conflicting with the path", a, conflicting, "application/dicom", b, refused);
        assertNotIndexed(b, "the path's study of the conflicting request");

        // ---- xdsi import of a folder of such files
        String s7 = Uids.newUid();
        Path bad = Files.createDirectories(tmp.resolve("bad-folder"));
        byte[] truncated = freshInstance(s7);
        Files.write(bad.resolve("truncated.dcm"), Arrays.copyOf(truncated, truncated.length / 2));
        Files.writeString(bad.resolve("notes.dcm"), "not DICOM\n");
        byte[] noPrefix = freshInstance(s7);
        System.arraycopy("DICN".getBytes(StandardCharsets.US_ASCII), 0, noPrefix, 128, 4);
        Files.write(bad.resolve("noprefix.dcm"), noPrefix);
        ImagingEndpoints.Cli cli = imaging.xdsi("import", bad.toString());
        assertNotEquals(0, cli.exitCode(), () -> "xdsi import of a folder of broken files reports failure: " + cli);
        assertFalse((cli.out() + cli.err()).contains("\tat "), () -> "no stack trace: " + cli);
        assertNotIndexed(s7, "xdsi import of broken files");

        // ---- nothing of it anywhere: index, WADO, files
        for (String[] r : refused) {
            assertNotRetrievable(r);
        }
        assertOnlyStudyOnDisk(null);

        // ---- one good and one truncated part in one request: 202, the good one stored, the other not
        String s8 = Uids.newUid();
        byte[] cut = freshInstance(s8);
        StudyGenerator.Instance first = good.instances().get(0);
        DicomWebClient.Answer partial = web.stowParts(imaging.stowRs(), List.of(
                DicomWebClient.Part.bytes("application/dicom", Files.readAllBytes(first.file())),
                DicomWebClient.Part.bytes("application/dicom", Arrays.copyOf(cut, cut.length - 100))),
                "application/dicom");
        assertEquals(202, partial.status(), () -> "STOW-RS with one good and one truncated part: " + partial);
        assertNotIndexed(s8, "the truncated part of a partly good request");
        assertWadoUriEquals(first);

        // ---- the service goes on: the good study is stored (its first instance again: idempotent) and published;
        // its KOS lists exactly its instances
        List<Path> goodFiles = good.instances().stream().map(StudyGenerator.Instance::file).toList();
        DicomWebClient.Answer stored = web.stow(imaging.stowRs(), goodFiles);
        assertEquals(200, stored.status(), () -> "STOW-RS of a good study after the hostile ones: " + stored);
        for (StudyGenerator.Instance i : good.instances()) {
            assertWadoUriEquals(i);
        }
        ImagingEndpoints.Cli publish = imaging.xdsi("publish", good.studyInstanceUid());
        assertEquals(0, publish.exitCode(), () -> "xdsi publish: " + publish);
        Set<String> expected = good.instances().stream().map(StudyGenerator.Instance::sopInstanceUid)
                .collect(Collectors.toSet());
        imaging.awaitPublished(web, good.studyInstanceUid(), Duration.ofSeconds(60));
        Soap.Reply found = xdsi.soap().query(Registry.findDocuments(patient, "LeafClass", APPROVED));
        found.assertSuccess();
        Path kosFile = tmp.resolve("kos.dcm");
        KosManifest kos = null;
        if (found.documentEntries().size() == 1) {
            xdsi.startup.repository().retrieve(identifier(found.documentEntries().get(0), Vocabulary.DE_UNIQUE_ID),
                    kosFile).assertSuccess();
            kos = KosManifest.read(kosFile);
        }
        Soap.Reply last = found;
        assertEquals(1, found.documentEntries().size(), () -> "one KOS, the good study's, nothing else: " + last.body);
        assertEquals(good.studyInstanceUid(), kos.studyInstanceUid());
        assertEquals(expected, kos.instances().stream().map(KosManifest.Instance::sopInstanceUid)
                .collect(Collectors.toSet()));
        assertOnlyStudyOnDisk(good.studyInstanceUid());
        for (String[] r : refused) {
            assertNotRetrievable(r);
        }
    }

    /**
     * Sends one part by STOW-RS (to /studies, or /studies/{pathStudy}) and asserts a clear client error: a 4xx status
     * (PS3.18: 400, 409 or 415), no stack trace in the answer. Records the object for the later checks.
     */
    private void refuse(String what, String studyUid, byte[] part, String partType, String pathStudy,
                        List<String[]> refused) throws IOException {
        String url = imaging.stowRs() + (pathStudy == null ? "" : "/" + pathStudy);
        DicomWebClient.Answer r = web.stowParts(url, List.of(DicomWebClient.Part.bytes(partType, part)),
                "application/dicom");
        assertTrue(r.status() >= 400 && r.status() < 500, () -> what + ": a 4xx status expected, got " + r);
        assertFalse(r.body().contains("\tat ") || r.body().contains("Exception"), () -> what + ": no stack trace: "
                + r.body());
        assertNotIndexed(studyUid, what);
        String[] ids = {what, studyUid, null, null};
        try {
            Dataset ds = DicomFile.read(new java.io.ByteArrayInputStream(part),
                    org.xdsi.imaging.dicom.ReadOptions.DEFAULT.withStopTag(Tag.PIXEL_DATA)).dataset();
            ids[2] = ds.getString(Tag.SERIES_INSTANCE_UID);
            ids[3] = ds.getString(Tag.SOP_INSTANCE_UID);
        } catch (Exception unreadable) {
            // the ids stay unknown; the study checks still apply
        }
        refused.add(ids);
        // the service still answers
        DicomWebClient.Answer list = web.get(imaging.admin() + "/studies", null);
        assertEquals(200, list.status(), () -> "GET /imaging/studies after " + what + ": " + list);
    }

    private void assertNotIndexed(String studyUid, String what) {
        DicomWebClient.Answer admin = web.get(imaging.admin() + "/studies/" + studyUid, null);
        assertEquals(404, admin.status(), () -> what + ": study must not be indexed: " + admin);
        DicomWebClient.Answer list = web.get(imaging.admin() + "/studies", null);
        assertFalse(list.body().contains(studyUid), () -> what + ": study listed: " + list.body());
        assertFalse(Files.exists(instances.resolve(studyUid)), () -> what + ": files stored for " + studyUid);
    }

    private void assertNotRetrievable(String[] r) throws IOException {
        String what = r[0];
        DicomWebClient.Answer rs = web.wadoRs(imaging.wadoRs() + "/studies/" + r[1],
                "multipart/related; type=\"application/dicom\"", (h, body) -> fail(what + ": WADO-RS returned a part"));
        assertEquals(404, rs.status(), () -> what + ": WADO-RS of the study: " + rs);
        if (r[3] != null) {
            HttpResponse<InputStream> uri = web.wadoUri(imaging.wadoUri(), DicomWebClient.wadoParams(r[1], r[2], r[3],
                    "contentType", "application/dicom"), "application/dicom");
            try (InputStream in = uri.body()) {
                in.readAllBytes();
            }
            assertEquals(404, uri.statusCode(), () -> what + ": WADO-URI of the instance");
        }
    }

    /** Every file under the instance directory belongs to {@code studyUid} (none at all when null). */
    private void assertOnlyStudyOnDisk(String studyUid) throws IOException {
        if (!Files.exists(instances)) {
            return;
        }
        try (Stream<Path> files = Files.walk(instances)) {
            Set<Path> stray = files.filter(Files::isRegularFile)
                    .filter(f -> studyUid == null || !f.startsWith(instances.resolve(studyUid)))
                    .collect(Collectors.toSet());
            assertTrue(stray.isEmpty(), () -> "files left in the instance directory: " + stray);
        }
    }

    private void assertWadoUriEquals(StudyGenerator.Instance i) throws IOException {
        HttpResponse<InputStream> r = web.wadoUri(imaging.wadoUri(), DicomWebClient.wadoParams(i.studyInstanceUid(),
                i.seriesInstanceUid(), i.sopInstanceUid(), "contentType", "application/dicom", "transferSyntax",
                i.transferSyntaxUid()), "application/dicom");
        try (InputStream in = r.body()) {
            byte[] body = in.readAllBytes();
            assertEquals(200, r.statusCode(), () -> "WADO-URI of a stored instance: " + new String(body));
            assertTrue(Arrays.equals(Files.readAllBytes(i.file()), body), "stored bytes returned");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
