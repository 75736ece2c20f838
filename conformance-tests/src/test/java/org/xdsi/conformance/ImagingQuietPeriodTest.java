package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.xdsi.conformance.Registry.APPROVED;
import static org.xdsi.conformance.Soap.Reply.identifier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.conformance.imaging.DicomWebClient;
import org.xdsi.conformance.imaging.StudyGenerator;
import org.xdsi.imaging.kos.KosManifest;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.server.ServerSettings;

/** Without a command: a study is published by itself once no instance has arrived for the quiet period (1 s). */
class ImagingQuietPeriodTest {

    @Test
    void aStudyIsPublishedAfterTheQuietPeriod(@TempDir Path tmp) throws Exception {
        try (InProcessXdsi xdsi = InProcessXdsi.start(tmp.resolve("data"), Registry.DOMAIN,
                Map.of(ServerSettings.IMAGING_QUIET_SECONDS, "1"))) {
            ImagingEndpoints imaging = ImagingEndpoints.of(xdsi.startup);
            String pid = "QUIET" + System.nanoTime();
            String patient = Registry.patient(pid);
            xdsi.mllp().feedAccepted(Mllp.a01v231(patient, "Roe", "Richard"));
            StudyGenerator.Study study = new StudyGenerator(tmp.resolve("study"), pid, Registry.DOMAIN)
                    .generate(List.of(new StudyGenerator.SeriesSpec("MR", 5, 32, 32),
                            new StudyGenerator.SeriesSpec("US", 3, 16, 24)));
            DicomWebClient.Answer stored = new DicomWebClient(Duration.ofSeconds(30)).stow(imaging.stowRs(),
                    study.instances().stream().map(StudyGenerator.Instance::file).toList());
            assertEquals(200, stored.status(), stored::toString);

            imaging.awaitPublished(new DicomWebClient(Duration.ofSeconds(30)), study.studyInstanceUid(),
                    Duration.ofSeconds(60));
            Soap.Reply found = xdsi.soap().query(Registry.findDocuments(patient, "LeafClass", APPROVED));
            found.assertSuccess();
            assertEquals(1, found.documentEntries().size(), found.body);
            Path kosFile = tmp.resolve("kos.dcm");
            xdsi.startup.repository().retrieve(identifier(found.documentEntries().get(0), Vocabulary.DE_UNIQUE_ID),
                    kosFile).assertSuccess();
            Set<String> referenced = KosManifest.read(kosFile).instances().stream()
                    .map(KosManifest.Instance::sopInstanceUid).collect(Collectors.toSet());
            assertEquals(study.instances().stream().map(StudyGenerator.Instance::sopInstanceUid)
                    .collect(Collectors.toSet()), referenced, "the KOS references the whole study");
        }
    }
}
