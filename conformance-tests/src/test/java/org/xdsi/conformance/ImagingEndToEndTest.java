package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.xdsi.conformance.Registry.APPROVED;
import static org.xdsi.conformance.Registry.DEPRECATED;
import static org.xdsi.conformance.Soap.Reply.identifier;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xdsi.conformance.imaging.DicomWebClient;
import org.xdsi.conformance.imaging.Rad69Client;
import org.xdsi.conformance.imaging.StudyGenerator;
import org.xdsi.imaging.kos.KosManifest;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.server.ServerSettings;

/**
 * XDS-I.b from end to end, over the wire only, against the whole system in this JVM: a study of three series (CT,
 * MR, US screen capture; dcmtk-made and ours; explicit and implicit VR little endian) of a fed patient goes in by
 * STOW-RS and {@code xdsi import}, is published on command ({@code xdsi publish}), found by ITI-18, its KOS fetched by
 * ITI-43 and read, and every instance it references is fetched by WADO-URI, WADO-RS and RAD-69 and compared byte for
 * byte with the file that went in. Then one more instance arrives: a replacement KOS (RPLC) is the only Approved
 * entry, the first one is Deprecated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagingEndToEndTest {
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(60);
    private static final String KOS_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.88.59";
    private static final String DCM_UID_SCHEME = "1.2.840.10008.2.6.1";

    private InProcessXdsi xdsi;
    private ImagingEndpoints imaging;
    private Soap soap;
    private Mtom repository;
    private final DicomWebClient web = new DicomWebClient(Duration.ofSeconds(60));
    private Rad69Client rad69;
    private Path tmp;

    @BeforeAll
    void start(@TempDir Path tmp) {
        this.tmp = tmp;
        // publication only on command, so the test decides when a study is complete
        xdsi = InProcessXdsi.start(tmp.resolve("data"), Registry.DOMAIN,
                Map.of(ServerSettings.IMAGING_QUIET_SECONDS, "3600"));
        imaging = ImagingEndpoints.of(xdsi.startup);
        soap = xdsi.soap();
        repository = xdsi.startup.repository();
        rad69 = new Rad69Client(imaging.rad69(), Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (xdsi != null) {
            xdsi.close();
        }
    }

    @Test
    void startupLinesAnnounceTheImagingEndpoints() {
        imaging.assertAnnounced(xdsi.startup);
    }

    @Test
    void importPublishFindRetrieveEveryInstanceThenReplace() throws Exception {
        String pid = "IMG" + System.nanoTime();
        String patient = Registry.patient(pid);
        xdsi.mllp().feedAccepted(Mllp.a01v231(patient, "Doe", "Jane"));

        StudyGenerator generator = new StudyGenerator(tmp.resolve("study"), pid, Registry.DOMAIN);
        StudyGenerator.Study study = generator.generate(StudyGenerator.mixedStudy());
        String studyUid = study.studyInstanceUid();
        List<String> seriesUids = study.instances().stream().map(StudyGenerator.Instance::seriesInstanceUid)
                .distinct().toList();

        // ---- ingest: CT by STOW-RS to /studies, MR by STOW-RS to /studies/{study}, US by `xdsi import DIR`
        DicomWebClient.Answer ct = web.stow(imaging.stowRs(), files(study.series(seriesUids.get(0))));
        assertEquals(200, ct.status(), () -> "STOW-RS of the CT series: " + ct);
        DicomWebClient.Answer mr = web.stow(imaging.stowRs() + "/" + studyUid, files(study.series(seriesUids.get(1))));
        assertEquals(200, mr.status(), () -> "STOW-RS of the MR series to /studies/{study}: " + mr);
        Path usFolder = study.series(seriesUids.get(2)).get(0).file().getParent();
        ImagingEndpoints.Cli imported = imaging.xdsi("import", usFolder.toString());
        assertEquals(0, imported.exitCode(), () -> "xdsi import: " + imported);

        // the publication admin knows the study before it is published
        DicomWebClient.Answer indexed = web.get(imaging.admin() + "/studies/" + studyUid, null);
        assertEquals(200, indexed.status(), () -> "GET /imaging/studies/{uid}: " + indexed);
        assertTrue(indexed.body().contains(studyUid), indexed::body);

        // ---- publish on command
        ImagingEndpoints.Cli published = imaging.xdsi("publish", studyUid);
        assertEquals(0, published.exitCode(), () -> "xdsi publish: " + published);
        imaging.awaitPublished(web, studyUid, PUBLISH_WAIT);
        Soap.Reply found = awaitApproved(patient, r -> r.documentEntries().size() >= 1);
        assertEquals(1, found.documentEntries().size(), () -> "exactly one Approved KOS entry: " + found.body);
        Element entry = found.documentEntries().get(0);
        assertManifestEntry(entry, patient, study);

        // ---- ITI-43 retrieve of the KOS, parse, dciodvfy
        String kosUid = identifier(entry, Vocabulary.DE_UNIQUE_ID);
        Path kosFile = tmp.resolve("kos-1.dcm");
        Mtom.Retrieved kosAnswer = repository.retrieve(kosUid, kosFile);
        kosAnswer.assertSuccess();
        assertEquals("application/dicom", kosAnswer.mimeType());
        KosManifest kos = KosManifest.read(kosFile);
        assertEquals(kosUid, kos.sopInstanceUid(), "DocumentEntry uniqueId = KOS SOP Instance UID");
        assertEquals(pid, kos.patientId(), "the KOS keeps the departmental Patient ID");
        assertKosReferences(kos, study.instances());
        assertDciodvfyClean(kosFile);

        // ---- every referenced instance by WADO-URI, WADO-RS and RAD-69, byte for byte
        Map<String, StudyGenerator.Instance> bySop = bySop(study.instances());
        for (KosManifest.Instance ref : kos.instances()) {
            StudyGenerator.Instance i = bySop.get(ref.sopInstanceUid());
            assertArrayEquals(i, wadoUriDicom(i), "WADO-URI");
        }
        assertWadoRsStudy(studyUid, study.instances());
        for (KosManifest.Series series : kos.series()) { // the KOS's Retrieve URLs lead to the series
            assertWadoRs(series.retrieveUrl(), study.series(series.seriesInstanceUid()));
        }
        for (KosManifest.Instance ref : kos.instances()) {
            StudyGenerator.Instance i = bySop.get(ref.sopInstanceUid());
            assertWadoRsInstance(i);
        }
        assertRad69(study.instances());
        assertRad69PartialSuccess(study.instances().get(0));

        // ---- WADO-URI rendered JPEG of a CT (16-bit, rescale) and an RGB instance
        assertJpeg(study.series(seriesUids.get(0)).get(3));
        assertJpeg(study.series(seriesUids.get(2)).get(2));

        // ---- status command knows the study
        ImagingEndpoints.Cli status = imaging.xdsi("status", studyUid);
        assertEquals(0, status.exitCode(), () -> "xdsi status: " + status);
        assertTrue(status.out().contains(studyUid), () -> "xdsi status names the study: " + status);

        // ---- one more CT instance after publication: a replacement manifest (RPLC)
        StudyGenerator.Instance added = generator.addInstance(study, seriesUids.get(0),
                tmp.resolve("added.dcm"));
        DicomWebClient.Answer stowAdded = web.stow(imaging.stowRs() + "/" + studyUid, List.of(added.file()));
        assertEquals(200, stowAdded.status(), () -> "STOW-RS of the added instance: " + stowAdded);
        DicomWebClient.Answer republish = web.post(imaging.admin() + "/studies/" + studyUid + "/publish");
        assertTrue(republish.status() / 100 == 2, () -> "POST /imaging/studies/{uid}/publish: " + republish);
        imaging.awaitPublished(web, studyUid, PUBLISH_WAIT);
        Soap.Reply replaced = awaitApproved(patient, r -> r.documentEntries().size() == 1
                && !kosUid.equals(identifier(r.documentEntries().get(0), Vocabulary.DE_UNIQUE_ID)));
        Element newEntry = replaced.documentEntries().get(0);
        List<StudyGenerator.Instance> now = new ArrayList<>(study.instances());
        now.add(added);
        assertManifestEntry(newEntry, patient, study);
        String newKosUid = identifier(newEntry, Vocabulary.DE_UNIQUE_ID);
        Soap.Reply deprecated = soap.query(Registry.findDocuments(patient, "LeafClass", DEPRECATED));
        deprecated.assertSuccess();
        assertEquals(List.of(kosUid), deprecated.documentEntries().stream()
                .map(e -> identifier(e, Vocabulary.DE_UNIQUE_ID)).toList(), () -> "old KOS Deprecated: "
                + deprecated.body);
        Path newKosFile = tmp.resolve("kos-2.dcm");
        repository.retrieve(newKosUid, newKosFile).assertSuccess();
        KosManifest newKos = KosManifest.read(newKosFile);
        assertTrue(newKos.instances().stream().anyMatch(i -> i.sopInstanceUid().equals(added.sopInstanceUid())),
                "the replacement KOS references the added instance");
        assertKosReferences(newKos, now);
        assertDciodvfyClean(newKosFile);
        assertRplc(patient, newEntry, found.documentEntries().get(0));
        assertArrayEquals(added, wadoUriDicom(added), "WADO-URI of the added instance");
    }

    // ---- registry ----------------------------------------------------------------------------------------

    /** Polls FindDocuments (Approved) until {@code done}: publication runs in the background. */
    private Soap.Reply awaitApproved(String patient, Predicate<Soap.Reply> done) throws InterruptedException {
        long deadline = System.nanoTime() + PUBLISH_WAIT.toNanos();
        Soap.Reply r;
        do {
            r = soap.query(Registry.findDocuments(patient, "LeafClass", APPROVED));
            r.assertSuccess();
            if (done.test(r)) {
                return r;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        String last = r.body;
        return fail("no expected KOS entry within " + PUBLISH_WAIT + "; last FindDocuments answer: " + last
                + "\nadmin status: " + web.get(imaging.admin() + "/studies", null));
    }

    private void assertManifestEntry(Element entry, String patient, StudyGenerator.Study study) {
        assertEquals(APPROVED, entry.getAttribute("status"));
        assertEquals("application/dicom", entry.getAttribute("mimeType"));
        assertEquals(patient, identifier(entry, Vocabulary.DE_PATIENT_ID), "affinity domain patient id");
        List<Element> format = classifications(entry, Vocabulary.DE_FORMAT_CODE);
        assertEquals(1, format.size(), "one formatCode");
        assertEquals(KOS_SOP_CLASS, format.get(0).getAttribute("nodeRepresentation"));
        assertEquals(DCM_UID_SCHEME, slotValues(format.get(0), "codingScheme").get(0));
        Set<String> events = classifications(entry, Vocabulary.DE_EVENT_CODE).stream()
                .map(c -> c.getAttribute("nodeRepresentation") + "@" + slotValues(c, "codingScheme").get(0))
                .collect(Collectors.toSet());
        for (String modality : study.modalities()) {
            assertTrue(events.contains(modality + "@1.2.840.10008.2.16.4"), () -> "eventCode " + modality
                    + " (DCM) in " + events);
        }
        assertTrue(events.contains("51185008@2.16.840.1.113883.6.96"), () -> "eventCode CHEST (SNOMED CT) in "
                + events);
        List<String> refs = slotValues(entry, Vocabulary.SLOT_REFERENCE_ID_LIST);
        assertTrue(refs.contains(study.accessionNumber() + "^^^&" + study.accessionIssuer()
                + "&ISO^urn:ihe:iti:xds:2013:accession"), () -> "accession in referenceIdList " + refs);
        assertTrue(refs.contains(study.studyInstanceUid() + "^^^^urn:ihe:iti:xds:2016:studyInstanceUID"),
                () -> "Study Instance UID in referenceIdList " + refs);
    }

    /** The RPLC association from the new entry to the old one. */
    private void assertRplc(String patient, Element newEntry, Element oldEntry) {
        Soap.Reply all = soap.query(Registry.getAll(patient));
        all.assertSuccess();
        boolean rplc = all.associations().stream().anyMatch(a -> Vocabulary.RPLC.equals(a.getAttribute("associationType"))
                && newEntry.getAttribute("id").equals(a.getAttribute("sourceObject"))
                && oldEntry.getAttribute("id").equals(a.getAttribute("targetObject")));
        assertTrue(rplc, () -> "RPLC association new -> old: " + all.body);
    }

    private static List<Element> classifications(Element entry, String scheme) {
        return Soap.Reply.childElements(entry, "Classification").stream()
                .filter(c -> scheme.equals(c.getAttribute("classificationScheme"))).toList();
    }

    private static List<String> slotValues(Element owner, String name) {
        List<String> out = new ArrayList<>();
        for (Element s : Soap.Reply.childElements(owner, "Slot")) {
            if (name.equals(s.getAttribute("name"))) {
                NodeList values = s.getElementsByTagNameNS(Soap.NS_RIM, "Value");
                for (int i = 0; i < values.getLength(); i++) {
                    out.add(values.item(i).getTextContent().trim());
                }
            }
        }
        return out;
    }

    // ---- KOS ---------------------------------------------------------------------------------------------

    private void assertKosReferences(KosManifest kos, List<StudyGenerator.Instance> expected) {
        assertEquals(expected.get(0).studyInstanceUid(), kos.studyInstanceUid());
        Map<String, String> expectedSeriesOf = new HashMap<>();
        expected.forEach(i -> expectedSeriesOf.put(i.sopInstanceUid(), i.seriesInstanceUid()));
        Map<String, String> seriesOf = new HashMap<>();
        for (KosManifest.Series s : kos.series()) {
            assertEquals(kos.studyInstanceUid(), s.studyInstanceUid());
            assertEquals(imaging.sourceUid(), s.retrieveLocationUid(), "Retrieve Location UID = imaging-source-uid");
            // PS3.3 C.12.1.1.4/C.17.2.1: at series level the Retrieve URL is the series' WADO-RS URL, here under
            // the contract's WADO-RS base <base>/dicomweb (it is fetched below)
            assertEquals(imaging.wadoRs() + "/studies/" + s.studyInstanceUid() + "/series/" + s.seriesInstanceUid(),
                    s.retrieveUrl(), "Retrieve URL = the series under the WADO-RS base");
            assertNotNull(s.retrieveAeTitle(), "Retrieve AE Title");
            for (KosManifest.Instance i : s.instances()) {
                assertEquals(null, seriesOf.put(i.sopInstanceUid(), s.seriesInstanceUid()), "referenced once");
            }
        }
        assertEquals(expectedSeriesOf, seriesOf, "the KOS references every instance, each in its series");
        Map<String, StudyGenerator.Instance> bySop = bySop(expected);
        for (KosManifest.Instance i : kos.instances()) {
            assertEquals(bySop.get(i.sopInstanceUid()).sopClassUid(), i.sopClassUid());
        }
    }

    /** dciodvfy, plain and with the IHE XDS-I manifest profile: no error lines. */
    private void assertDciodvfyClean(Path kos) throws IOException, InterruptedException {
        for (List<String> cmd : List.of(List.of("dciodvfy", kos.toString()),
                List.of("dciodvfy", "-profile", "IHEXDSIManifest", kos.toString()))) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            List<String> errors = out.lines().filter(l -> l.startsWith("Error")).toList();
            assertTrue(errors.isEmpty(), () -> String.join(" ", cmd) + ": errors on the KOS:\n" + out);
            assertTrue(out.contains("KeyObjectSelectionDocument") || out.contains("Key Object"),
                    () -> "dciodvfy recognised a Key Object Selection Document:\n" + out);
        }
    }

    // ---- WADO-URI ----------------------------------------------------------------------------------------

    private byte[] wadoUriDicom(StudyGenerator.Instance i) throws IOException {
        HttpResponse<InputStream> r = web.wadoUri(imaging.wadoUri(), DicomWebClient.wadoParams(i.studyInstanceUid(),
                i.seriesInstanceUid(), i.sopInstanceUid(), "contentType", "application/dicom",
                "transferSyntax", i.transferSyntaxUid()), "application/dicom");
        try (InputStream in = r.body()) {
            byte[] body = in.readAllBytes();
            assertEquals(200, r.statusCode(), () -> "WADO-URI " + i.sopInstanceUid() + ": " + new String(body));
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/dicom"),
                    () -> "WADO-URI content type " + r.headers().map());
            return body;
        }
    }

    private void assertJpeg(StudyGenerator.Instance i) throws IOException {
        HttpResponse<InputStream> r = web.wadoUri(imaging.wadoUri(), DicomWebClient.wadoParams(i.studyInstanceUid(),
                i.seriesInstanceUid(), i.sopInstanceUid(), "contentType", "image/jpeg"), "image/jpeg");
        try (InputStream in = r.body()) {
            byte[] body = in.readAllBytes();
            assertEquals(200, r.statusCode(), () -> "WADO-URI image/jpeg of " + i.modality() + ": " + new String(body));
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("image/jpeg"),
                    () -> "content type " + r.headers().map());
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(body));
            assertNotNull(image, "the JPEG decodes");
            assertEquals(i.columns(), image.getWidth(), "width = Columns");
            assertEquals(i.rows(), image.getHeight(), "height = Rows");
        }
    }

    // ---- WADO-RS -----------------------------------------------------------------------------------------

    private void assertWadoRsStudy(String studyUid, List<StudyGenerator.Instance> expected) throws IOException {
        assertWadoRs(imaging.wadoRs() + "/studies/" + studyUid, expected);
    }

    private void assertWadoRsInstance(StudyGenerator.Instance i) throws IOException {
        assertWadoRs(imaging.wadoRs() + "/studies/" + i.studyInstanceUid() + "/series/" + i.seriesInstanceUid()
                + "/instances/" + i.sopInstanceUid(), List.of(i));
    }

    /**
     * A WADO-RS multipart answer holds exactly the expected files, byte for byte (parts matched by content: the
     * order of a study's parts is not specified). Asked with {@code transfer-syntax=*}: the stored encoding.
     */
    private void assertWadoRs(String url, List<StudyGenerator.Instance> expected) throws IOException {
        Map<String, StudyGenerator.Instance> byHash = new HashMap<>();
        for (StudyGenerator.Instance i : expected) {
            byHash.put(Mtom.sha1(i.file()), i);
        }
        List<String> received = new ArrayList<>();
        List<String> types = new ArrayList<>();
        DicomWebClient.Answer a = web.wadoRs(url, "multipart/related; type=\"application/dicom\"; transfer-syntax=*",
                (headers, body) -> {
                    types.add(headers.getOrDefault("content-type", ""));
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    body.transferTo(bytes);
                    received.add(Mtom.sha1(bytes.toByteArray()));
                });
        assertEquals(200, a.status(), () -> "WADO-RS " + url + ": " + a);
        assertTrue(types.stream().allMatch(t -> t.startsWith("application/dicom")), () -> "part types " + types);
        assertEquals(expected.size(), received.size(), () -> "parts of " + url);
        Set<String> unmatched = new HashSet<>(received);
        unmatched.removeAll(byHash.keySet());
        assertTrue(unmatched.isEmpty(), () -> unmatched.size() + " WADO-RS parts of " + url
                + " differ from every ingested file");
        assertEquals(byHash.keySet(), new HashSet<>(received), () -> "WADO-RS " + url + " returns each file once");
    }

    // ---- RAD-69 ------------------------------------------------------------------------------------------

    /** One RAD-69 request per stored transfer syntax, for every instance stored in it, asking for just that one. */
    private void assertRad69(List<StudyGenerator.Instance> instances) throws IOException {
        Map<String, List<StudyGenerator.Instance>> byTs = new LinkedHashMap<>();
        instances.forEach(i -> byTs.computeIfAbsent(i.transferSyntaxUid(), k -> new ArrayList<>()).add(i));
        assertEquals(2, byTs.size(), "both little endian syntaxes are in the study");
        Map<String, StudyGenerator.Instance> bySop = bySop(instances);
        for (Map.Entry<String, List<StudyGenerator.Instance>> group : byTs.entrySet()) {
            List<Rad69Client.Ref> refs = group.getValue().stream()
                    .map(i -> new Rad69Client.Ref(i.studyInstanceUid(), i.seriesInstanceUid(), i.sopInstanceUid()))
                    .toList();
            Set<String> delivered = new HashSet<>();
            Rad69Client.Result r = rad69.retrieve(imaging.sourceUid(), refs, List.of(group.getKey()),
                    (response, body) -> {
                        StudyGenerator.Instance i = bySop.get(response.documentUniqueId());
                        assertNotNull(i, () -> "a document that was not asked for: " + response);
                        byte[] bytes = body.readAllBytes();
                        assertArrayEquals(i, bytes, "RAD-69 (" + group.getKey() + ")");
                        assertTrue(delivered.add(i.sopInstanceUid()), "each instance once");
                    });
            assertEquals(200, r.httpStatus(), r::envelope);
            assertEquals(Rad69Client.RESPONSE_ACTION, r.action(), r::envelope);
            assertTrue(r.relatesToRequest(), () -> "wsa:RelatesTo = the request's MessageID: " + r.envelope());
            assertEquals(Vocabulary.RESPONSE_SUCCESS, r.status(), r::envelope);
            assertTrue(r.errors().isEmpty(), r::envelope);
            assertEquals(refs.size(), r.documents().size(), r::envelope);
            for (Rad69Client.DocumentResponse d : r.documents()) {
                assertEquals(imaging.sourceUid(), d.repositoryUniqueId(), "RepositoryUniqueId = Retrieve Location UID");
                assertEquals("application/dicom", d.mimeType());
                assertNotNull(d.contentId(), "document as an XOP part");
            }
            assertEquals(refs.size(), r.partsDelivered());
            assertEquals(refs.size(), delivered.size());
        }
    }

    /** A known and an unknown instance: PartialSuccess, the known one delivered, an error located at the other. */
    private void assertRad69PartialSuccess(StudyGenerator.Instance known) throws IOException {
        String unknown = org.xdsi.imaging.dicom.Uids.newUid();
        List<Rad69Client.Ref> refs = List.of(
                new Rad69Client.Ref(known.studyInstanceUid(), known.seriesInstanceUid(), known.sopInstanceUid()),
                new Rad69Client.Ref(known.studyInstanceUid(), known.seriesInstanceUid(), unknown));
        List<String> delivered = new ArrayList<>();
        Rad69Client.Result r = rad69.retrieve(imaging.sourceUid(), refs, List.of(known.transferSyntaxUid()),
                (response, body) -> {
                    assertArrayEquals(known, body.readAllBytes(), "RAD-69 in a partial success");
                    delivered.add(response.documentUniqueId());
                });
        assertEquals(200, r.httpStatus(), r::envelope);
        assertEquals(Vocabulary.RESPONSE_PARTIAL_SUCCESS, r.status(), r::envelope);
        assertEquals(List.of(known.sopInstanceUid()), delivered, r::envelope);
        assertEquals(1, r.errors().size(), r::envelope);
        assertEquals(unknown, r.errors().get(0).location(), r::envelope);
        assertEquals("XDSDocumentUniqueIdError", r.errors().get(0).errorCode(), r::envelope);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static void assertArrayEquals(StudyGenerator.Instance expected, byte[] actual, String how)
            throws IOException {
        byte[] file = Files.readAllBytes(expected.file());
        if (!java.util.Arrays.equals(file, actual)) {
            int at = java.util.Arrays.mismatch(file, actual);
            fail(how + ": " + expected.modality() + " " + expected.sopInstanceUid() + " (" + expected.madeBy() + ", "
                    + expected.transferSyntaxUid() + ") differs from the ingested file: " + file.length + " vs "
                    + actual.length + " bytes, first difference at byte " + at);
        }
    }

    private static List<Path> files(List<StudyGenerator.Instance> instances) {
        return instances.stream().map(StudyGenerator.Instance::file).toList();
    }

    private static Map<String, StudyGenerator.Instance> bySop(List<StudyGenerator.Instance> instances) {
        Map<String, StudyGenerator.Instance> m = new HashMap<>();
        instances.forEach(i -> m.put(i.sopInstanceUid(), i));
        return m;
    }
}
