package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xdsi.conformance.imaging.DicomWebClient;
import org.xdsi.conformance.imaging.StudyGenerator;
import org.xdsi.metadata.Vocabulary;

/**
 * The edge-server configuration: {@code xdsi run --actors imaging-source --repository-url <remote ITI-41>} in one
 * process, registry and repository in another. The manifest goes over SOAP + MTOM (RAD-68) and is found and
 * retrieved at the remote side.
 */
class RemoteRepositoryImagingTest {
    @TempDir
    Path tmp;

    @Test
    void anImagingSourceAloneSendsItsManifestToARemoteRepository() throws Exception {
        String patientId = "RI" + System.nanoTime();
        String pid = Registry.patient(patientId);
        try (XdsiProcess hubProcess = XdsiProcess.run("--data", tmp.resolve("hub").toString(), "--http-port", "0",
                "--mllp-port", "0", "--domain", Registry.DOMAIN, "--actors", "registry,repository")) {
            StartupLines hub = hubProcess.awaitReady(Duration.ofSeconds(60));
            hub.mllp().feedAccepted(Mllp.a01v231(pid, "Remote", "Ray"));
            try (XdsiProcess edgeProcess = XdsiProcess.run("--data", tmp.resolve("edge").toString(), "--http-port",
                    "0", "--domain", Registry.DOMAIN, "--actors", "imaging-source", "--repository-url",
                    hub.repositoryUrl(), "--imaging-quiet-seconds", "3600")) {
                StartupLines edge = edgeProcess.awaitReady(Duration.ofSeconds(60));
                assertNull(edge.registryUrl(), () -> "--actors imaging-source runs no registry: " + edge.lines());
                assertNull(edge.repositoryUrl(), () -> "--actors imaging-source runs no repository: " + edge.lines());
                String stow = line(edge, "endpoint stow-rs ");
                String base = stow.substring(0, stow.length() - "/dicomweb/studies".length());
                assertEquals(hub.repositoryUrl(), line(edge, "repository "), "the remote repository is announced");

                StudyGenerator.Study study = new StudyGenerator(tmp.resolve("study"), patientId, Registry.DOMAIN)
                        .generate(List.of(new StudyGenerator.SeriesSpec("CT", 3, 16, 16)));
                DicomWebClient web = new DicomWebClient(Duration.ofSeconds(30));
                List<Path> files = study.instances().stream().map(StudyGenerator.Instance::file).toList();
                assertEquals(200, web.stow(stow, files).status(), "STOW-RS at the edge");
                DicomWebClient.Answer published = web.post(base + "/imaging/studies/" + study.studyInstanceUid()
                        + "/publish");
                assertEquals(200, published.status(), published::toString);

                // ITI-18 at the hub: the manifest, held by the hub's repository
                Soap.Reply found = hub.soap().query(Registry.findDocuments(pid, "LeafClass", Registry.APPROVED));
                found.assertSuccess();
                List<Element> entries = found.documentEntries();
                assertEquals(1, entries.size(), found.body);
                Element entry = entries.get(0);
                assertEquals("application/dicom", entry.getAttribute("mimeType"));
                assertEquals(hub.repositoryUniqueId(), Registry.slot(entry, Vocabulary.SLOT_REPOSITORY_UNIQUE_ID));

                // ITI-43 at the hub: the KOS itself
                String kosUid = Soap.Reply.identifier(entry, Vocabulary.DE_UNIQUE_ID);
                Mtom.Retrieved kos = hub.repository().retrieve(kosUid, tmp.resolve("retrieved"));
                kos.assertSuccess();
                assertEquals("application/dicom", kos.mimeType());
            }
        }
    }

    private static String line(StartupLines startup, String prefix) {
        return startup.lines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()).trim())
                .orElseThrow(() -> new AssertionError("no '" + prefix.trim() + "' line in " + startup.lines()));
    }
}
