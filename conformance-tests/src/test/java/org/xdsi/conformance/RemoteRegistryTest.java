package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;

/**
 * A repository in its own process registering with a remote registry over SOAP: {@code xdsi run --actors registry}
 * and {@code xdsi run --actors repository --registry-url <its registry endpoint>} on separate data folders.
 */
class RemoteRegistryTest {
    private static final String MIME = "application/pdf";

    @TempDir
    Path tmp;

    @Test
    void repositoryRegistersWithARemoteRegistryAndReportsItsErrors() throws Exception {
        Path registryData = tmp.resolve("registry-data");
        Path repositoryData = tmp.resolve("repository-data");
        Path store = repositoryData.resolve("repository");
        Path retrieved = tmp.resolve("retrieved");
        String patient = Registry.patient("RR" + System.nanoTime());

        try (XdsiProcess registryProcess = XdsiProcess.runRegistryOnly(registryData)) {
            StartupLines registry = registryProcess.awaitReady(Duration.ofSeconds(60));
            assertNull(registry.repositoryUrl(), () -> "--actors registry runs no repository: " + registry.lines());
            try (XdsiProcess repositoryProcess = XdsiProcess.runRepositoryOnly(repositoryData, registry.registryUrl())) {
                StartupLines repo = repositoryProcess.awaitReady(Duration.ofSeconds(60));
                assertNull(repo.registryUrl(), () -> "--actors repository runs no registry: " + repo.lines());
                assertNull(repo.mllpUrl(), () -> "--actors repository runs no MLLP listener: " + repo.lines());
                Mtom repository = repo.repository();

                // ITI-8 at the registry, ITI-41 at the repository
                registry.mllp().feedAccepted(Mllp.a01v231(patient, "Remote", "Rose"));
                byte[] bytes = randomBytes(300_000);
                SubmissionBuilder s = Registry.submission(patient);
                DocumentEntryBuilder d = Registry.sourceDocument(s, "through a remote registry", MIME);
                repository.provide(s, d, MIME, Mtom.bytes(bytes)).assertSuccess();

                // ITI-18 at the registry: the entry names this repository, with the hash and size it computed
                Soap.Reply found = registry.soap().query(Registry.findDocuments(patient, "LeafClass", Registry.APPROVED));
                found.assertSuccess();
                List<Element> entries = found.documentEntries();
                assertEquals(1, entries.size(), found.body);
                Element entry = entries.get(0);
                assertEquals(d.uniqueIdValue(), Soap.Reply.identifier(entry, Vocabulary.DE_UNIQUE_ID));
                assertEquals(repo.repositoryUniqueId(), Registry.slot(entry, Vocabulary.SLOT_REPOSITORY_UNIQUE_ID));
                assertEquals(Mtom.sha1(bytes), Registry.slot(entry, Vocabulary.SLOT_HASH));
                assertEquals(Integer.toString(bytes.length), Registry.slot(entry, Vocabulary.SLOT_SIZE));

                // ITI-43 at the repository named by the entry
                Mtom.Retrieved got = repository.retrieve(d.uniqueIdValue(), retrieved);
                got.assertSuccess();
                assertEquals(Mtom.sha1(bytes), got.sha1());
                assertEquals(MIME, got.mimeType());

                // a registry error (unknown patient) comes back through the repository unchanged: the same
                // RegistryErrors the registry gives for the same metadata sent to it directly
                String stranger = Registry.patient("NOFEED" + System.nanoTime());
                byte[] strangerBytes = randomBytes(70_000);
                SubmissionBuilder refusedSubmission = Registry.submission(stranger);
                DocumentEntryBuilder refusedEntry = Registry.sourceDocument(refusedSubmission, "unfed", MIME);
                Soap.Reply refused = repository.provide(refusedSubmission, refusedEntry, MIME, Mtom.bytes(strangerBytes));
                refused.assertFailure("XDSUnknownPatientId");
                refusedEntry.hashAndSize(Mtom.sha1(strangerBytes), strangerBytes.length)
                        .repositoryUniqueId(repo.repositoryUniqueId());
                Soap.Reply direct = registry.soap().register(Registry.xml(refusedSubmission));
                direct.assertFailure("XDSUnknownPatientId");
                assertEquals(errors(direct), errors(refused), "RegistryErrors directly vs through the repository");
                assertEquals(List.of(), list(store.resolve("staging")), "staging after a refused submission");
                assertEquals(1, documentCount(store), "only the accepted document is stored");
                repository.retrieve(refusedEntry.uniqueIdValue(), retrieved).assertFailure("XDSDocumentUniqueIdError");

                // the registry goes away: ITI-41 fails with XDSRegistryNotAvailable and leaves nothing behind
                int exit = registryProcess.terminate(Duration.ofSeconds(30));
                assertTrue(exit == 143 || exit == 0, "registry exit status after SIGTERM: " + exit);
                SubmissionBuilder lateSubmission = Registry.submission(patient);
                DocumentEntryBuilder late = Registry.sourceDocument(lateSubmission, "registry down", MIME);
                long t0 = System.nanoTime();
                Soap.Reply unavailable = repository.provide(lateSubmission, late, MIME, Mtom.bytes(randomBytes(500_000)));
                long millis = (System.nanoTime() - t0) / 1_000_000;
                unavailable.assertFailure("XDSRegistryNotAvailable");
                System.out.printf("RemoteRegistryTest: XDSRegistryNotAvailable after %d ms%n", millis);
                assertEquals(List.of(), list(store.resolve("staging")), "staging after XDSRegistryNotAvailable");
                assertEquals(1, documentCount(store), "nothing stored for the unregistered document");
                repository.retrieve(late.uniqueIdValue(), retrieved).assertFailure("XDSDocumentUniqueIdError");
                // the document registered earlier is still served
                assertEquals(Mtom.sha1(bytes), repository.retrieve(d.uniqueIdValue(), retrieved).sha1());
                assertTrue(repositoryProcess.process.isAlive(), repositoryProcess::stderr);
            }
        }
    }

    /** errorCode, severity, codeContext and location of each RegistryError. */
    private static List<List<String>> errors(Soap.Reply reply) {
        return reply.elements(Soap.NS_RS, "RegistryError").stream()
                .map(e -> List.of(e.getAttribute("errorCode"), e.getAttribute("severity"),
                        e.getAttribute("codeContext"), e.getAttribute("location")))
                .toList();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** Published document folders: documents/ab/cd/&lt;key&gt;/. */
    private static long documentCount(Path store) throws IOException {
        Path documents = store.resolve("documents");
        try (Stream<Path> s = Files.find(documents, 3, (p, attrs) -> attrs.isDirectory()
                && documents.relativize(p).getNameCount() == 3)) {
            return s.count();
        }
    }
}
