package org.xdsi.imaging.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.imaging.dicom.DicomTools;
import org.xdsi.imaging.kos.KosManifest;
import org.xdsi.metadata.model.Code;
import org.xdsi.metadata.model.DocumentEntry;

/**
 * RAD-68 against a real registry and repository: the manifest's DocumentEntry as a consumer finds it, the KOS it
 * retrieves, replacement when instances arrive later, retries when the repository or registry fails, holds when the
 * patient cannot be mapped.
 */
class PublisherTest {
    private static final Duration LONG_QUIET = Duration.ofHours(1);
    private static final PublicationSettings FAST = PublicationSettings.defaults()
            .withTiming(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(1));
    private static final String STUDY = "1.2.826.0.1.3680043.9.7.1001";

    @TempDir
    Path dir;

    @Test
    void publishedOnCommandWithTheRad68Metadata() throws Exception {
        try (XdsSite site = XdsSite.start(dir, true, LONG_QUIET, FAST)) {
            site.index().ctMrStudy(STUDY, "PID-1", XdsSite.DOMAIN, Instant.now());

            PublishOutcome outcome = site.publisher().publishNow(STUDY);

            assertEquals(PublishOutcome.Result.PUBLISHED, outcome.result(), outcome.message());
            Publication p = outcome.publication();
            assertEquals(PublicationState.PUBLISHED, p.state());
            assertEquals(3, p.publishedRevision());
            assertTrue(p.entryUuid().startsWith("urn:uuid:"), p.entryUuid());
            Path manifestFile = dir.resolve("imaging/manifests/" + p.manifestUid() + ".dcm");
            assertTrue(Files.isRegularFile(manifestFile));

            List<DocumentEntry> found = Xds.findDocuments(site.registry.local(), XdsSite.patient("PID-1"),
                    Xds.APPROVED);
            assertEquals(1, found.size());
            DocumentEntry e = found.get(0);
            assertEquals(p.entryUuid(), e.entryUuid());
            assertEquals(p.manifestUid(), e.uniqueId());
            assertEquals("application/dicom", e.mimeType());
            assertEquals(XdsSite.patient("PID-1"), e.patientId());
            assertEquals(XdsSite.patient("PID-1"), e.slots().first("sourcePatientId"));
            assertEquals(new Code("1.2.840.10008.5.1.4.1.1.88.59", "1.2.840.10008.2.6.1",
                    "Key Object Selection Document"), DocumentEntry.single(e.formatCodes()));
            assertEquals(PublicationSettings.IMAGES, DocumentEntry.single(e.classCodes()));
            assertEquals(PublicationSettings.DIAGNOSTIC_IMAGING_STUDY, DocumentEntry.single(e.typeCodes()));
            assertEquals(PublicationSettings.RADIOLOGY, DocumentEntry.single(e.practiceSettingCodes()));
            assertEquals(Set.of("CT", "MR", "51185008", "69536005"),
                    e.eventCodes().stream().map(Code::code).collect(Collectors.toSet()));
            assertEquals(List.of("ACC-1001^^^^urn:ihe:iti:xds:2013:accession",
                    STUDY + "^^^^urn:ihe:iti:xds:2016:studyInstanceUID"), e.referenceIds());
            assertEquals("CT chest", e.title());
            assertNotNull(e.serviceStartTime());
            assertEquals(XdsSite.REPOSITORY_ID, e.repositoryUniqueId());
            assertTrue(e.authors().toString().contains("General Hospital"), e.authors().toString());

            KosManifest kos = Xds.retrieveManifest(site.repository.local(), p.manifestUid());
            assertEquals(STUDY, kos.studyInstanceUid());
            assertEquals(Set.of(STUDY + ".1.1", STUDY + ".1.2", STUDY + ".2.1"), sopUids(kos));
            assertEquals(Set.of(XdsSite.SOURCE_UID), kos.retrieveLocationUids());
            assertEquals("PID-1", kos.patientId(), "the KOS keeps the departmental patient ID");
            for (KosManifest.Series series : kos.series()) {
                assertEquals("XDSI", series.retrieveAeTitle());
                assertEquals(site.sourceBase + "/dicomweb/studies/" + STUDY + "/series/"
                        + series.seriesInstanceUid(), series.retrieveUrl());
            }
            assertDciodvfyPasses(manifestFile);

            // nothing new: a second command publishes nothing
            PublishOutcome again = site.publisher().publishNow(STUDY);
            assertEquals(PublishOutcome.Result.PUBLISHED, again.result());
            assertEquals(p.manifestUid(), again.publication().manifestUid());
            assertEquals(1, Xds.findDocuments(site.registry.local(), XdsSite.patient("PID-1"), Xds.APPROVED).size());
        }
    }

    @Test
    void anInstanceAddedAfterPublicationReplacesTheManifest() throws Exception {
        try (XdsSite site = XdsSite.start(dir, true, LONG_QUIET, FAST)) {
            site.index().ctMrStudy(STUDY, "PID-2", XdsSite.DOMAIN, Instant.now());
            Publication first = site.publisher().publishNow(STUDY).publication();
            site.index().instance(STUDY, STUDY + ".2", IndexRows.MR_IMAGE, STUDY + ".2.2", 2, Instant.now());
            assertEquals(PublicationState.PENDING, awaitState(site, PublicationState.PENDING).state());

            PublishOutcome outcome = site.publisher().publishNow(STUDY);

            assertEquals(PublishOutcome.Result.PUBLISHED, outcome.result(), outcome.message());
            Publication second = outcome.publication();
            assertEquals(4, second.publishedRevision());
            assertNotEquals(first.manifestUid(), second.manifestUid());
            List<DocumentEntry> approved = Xds.findDocuments(site.registry.local(), XdsSite.patient("PID-2"),
                    Xds.APPROVED);
            assertEquals(List.of(second.manifestUid()), approved.stream().map(DocumentEntry::uniqueId).toList());
            List<DocumentEntry> deprecated = Xds.findDocuments(site.registry.local(), XdsSite.patient("PID-2"),
                    Xds.DEPRECATED);
            assertEquals(List.of(first.entryUuid()), deprecated.stream().map(DocumentEntry::entryUuid).toList());
            KosManifest kos = Xds.retrieveManifest(site.repository.local(), second.manifestUid());
            assertEquals(Set.of(STUDY + ".1.1", STUDY + ".1.2", STUDY + ".2.1", STUDY + ".2.2"), sopUids(kos));
            assertFalse(Files.exists(dir.resolve("imaging/manifests/" + first.manifestUid() + ".dcm")));
            assertTrue(Files.exists(dir.resolve("imaging/manifests/" + second.manifestUid() + ".dcm")));
        }
    }

    @Test
    void theWorkerPublishesAfterTheQuietPeriodAndReplacesOnNewInstances() throws Exception {
        try (XdsSite site = XdsSite.start(dir, true, Duration.ofMillis(300), FAST)) {
            site.index().ctMrStudy(STUDY, "PID-3", XdsSite.DOMAIN, Instant.now());

            Publication first = await(site, p -> p.state() == PublicationState.PUBLISHED, "published");
            assertEquals(3, first.publishedRevision());

            site.index().instance(STUDY, STUDY + ".1", IndexRows.CT_IMAGE, STUDY + ".1.3", 3, Instant.now());
            Publication second = await(site, p -> p.publishedRevision() == 4, "replaced");

            assertEquals(PublicationState.PUBLISHED, second.state());
            List<DocumentEntry> approved = Xds.findDocuments(site.registry.local(), XdsSite.patient("PID-3"),
                    Xds.APPROVED);
            assertEquals(List.of(second.manifestUid()), approved.stream().map(DocumentEntry::uniqueId).toList());
            assertTrue(sopUids(Xds.retrieveManifest(site.repository.local(), second.manifestUid()))
                    .contains(STUDY + ".1.3"));
            assertEquals(1, Xds.findDocuments(site.registry.local(), XdsSite.patient("PID-3"), Xds.DEPRECATED)
                    .size());
        }
    }

    @Test
    void anUnreachableRepositoryFailsTheAttemptAndTheWorkerRetriesUntilItIsBack() throws Exception {
        try (XdsSite site = XdsSite.registryOnly(dir, true)) {
            site.startSource(LONG_QUIET, PublicationSettings.defaults()
                    .withTiming(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1)),
                    site.remoteRepository());
            site.index().ctMrStudy(STUDY, "PID-4", XdsSite.DOMAIN, Instant.now());

            PublishOutcome outcome = site.publisher().publishNow(STUDY);

            assertEquals(PublishOutcome.Result.FAILED, outcome.result());
            Publication failed = outcome.publication();
            assertEquals(PublicationState.FAILED, failed.state());
            assertTrue(failed.attempts() >= 1);
            assertNotNull(failed.nextAttemptAt());
            assertNotNull(failed.lastError());
            assertFalse(failed.lastError().isBlank());
            assertEquals(0, failed.publishedRevision());

            site.startRepository();
            Publication published = await(site, p -> p.state() == PublicationState.PUBLISHED, "published on retry");

            assertEquals(0, published.attempts());
            assertNull(published.lastError());
            List<DocumentEntry> approved = Xds.findDocuments(site.registry.local(), XdsSite.patient("PID-4"),
                    Xds.APPROVED);
            assertEquals(1, approved.size(), "one entry, however many attempts");
            assertEquals(failed.studyUid(), published.studyUid());
        }
    }

    @Test
    void aRegistryFailureIsVisibleAndRetriedUntilThePatientIsFed() throws Exception {
        try (XdsSite site = XdsSite.start(dir, false, LONG_QUIET, FAST)) {
            site.index().ctMrStudy(STUDY, "PID-5", XdsSite.DOMAIN, Instant.now());

            PublishOutcome outcome = site.publisher().publishNow(STUDY);

            assertEquals(PublishOutcome.Result.FAILED, outcome.result());
            assertTrue(outcome.publication().lastError().contains("XDSUnknownPatientId"),
                    outcome.publication().lastError());
            site.registry.local().patients().register(XdsSite.patient("PID-5"));
            Publication published = await(site, p -> p.state() == PublicationState.PUBLISHED, "published");
            assertEquals(List.of(published.manifestUid()), Xds.findDocuments(site.registry.local(),
                    XdsSite.patient("PID-5"), Xds.APPROVED).stream().map(DocumentEntry::uniqueId).toList());
        }
    }

    @Test
    void anUnmappablePatientIsHeldAndTriedAgainAfterARestartWithAPatientMap() throws Exception {
        try (XdsSite site = XdsSite.start(dir, true, Duration.ofMillis(200), FAST)) {
            site.index().ctMrStudy(STUDY, "LOCAL-6", "HOSP_A", Instant.now());

            Publication held = await(site, p -> p.state() == PublicationState.HELD, "held");

            assertTrue(held.lastError().contains("HOSP_A") && held.lastError().contains("LOCAL-6"), held.lastError());
            assertNull(held.nextAttemptAt());
            assertEquals(PublishOutcome.Result.HELD, site.publisher().publishNow(STUDY).result());
            assertTrue(Xds.findDocuments(site.registry.local(), XdsSite.patient("LOCAL-6"), Xds.APPROVED).isEmpty());

            site.stopSource();
            Path map = dir.resolve("patient-map.properties");
            Files.writeString(map, "patient.HOSP_A/LOCAL-6 = 4711\n");
            site.startSource(Duration.ofMillis(200), FAST.withPatientMap(map),
                    new org.xdsi.repository.LocalDocumentRepository(site.repository.local()));

            Publication published = await(site, p -> p.state() == PublicationState.PUBLISHED, "published");
            List<DocumentEntry> approved = Xds.findDocuments(site.registry.local(), XdsSite.patient("4711"),
                    Xds.APPROVED);
            assertEquals(List.of(published.manifestUid()), approved.stream().map(DocumentEntry::uniqueId).toList());
            // HOSP_A is no OID, so no XDS CX: the domain ID stands in, the departmental ID is in PID-3
            assertEquals(XdsSite.patient("4711"), approved.get(0).slots().first("sourcePatientId"));
            assertTrue(approved.get(0).slots().all("sourcePatientInfo").contains("PID-3|LOCAL-6^^^HOSP_A"),
                    approved.get(0).slots().all("sourcePatientInfo").toString());
        }
    }

    @Test
    void aReplacementWhoseAnswerWasLostIsSentAgainWithoutASecondEntry() throws Exception {
        try (XdsSite site = XdsSite.start(dir, true, LONG_QUIET, FAST)) {
            site.index().ctMrStudy(STUDY, "PID-7", XdsSite.DOMAIN, Instant.now());
            Publication first = site.publisher().publishNow(STUDY).publication();
            site.index().instance(STUDY, STUDY + ".2", IndexRows.MR_IMAGE, STUDY + ".2.2", 2, Instant.now());
            Publication second = site.publisher().publishNow(STUDY).publication();
            // the registry has the replacement, the source does not know: as if the answer had been lost
            site.index().exec("UPDATE publication SET state = 'FAILED', published_revision = 3, manifest_uid = ?,"
                    + " entry_uuid = ?, attempt_revision = 4, attempt_uid = ?, attempt_entry_uuid = ?,"
                    + " manifest_count = 1, attempts = 1 WHERE study_uid = ?", first.manifestUid(),
                    first.entryUuid(), second.manifestUid(), second.entryUuid(), STUDY);

            PublishOutcome again = site.publisher().publishNow(STUDY);

            assertEquals(PublishOutcome.Result.PUBLISHED, again.result(), again.message());
            assertEquals(second.manifestUid(), again.publication().manifestUid());
            assertEquals(List.of(second.entryUuid()), Xds.findDocuments(site.registry.local(),
                    XdsSite.patient("PID-7"), Xds.APPROVED).stream().map(DocumentEntry::entryUuid).toList());
            assertEquals(List.of(first.entryUuid()), Xds.findDocuments(site.registry.local(),
                    XdsSite.patient("PID-7"), Xds.DEPRECATED).stream().map(DocumentEntry::entryUuid).toList());
        }
    }

    @Test
    void aStudyWithoutPatientIdIsHeldAndDoesNotStopTheOthers() throws Exception {
        String other = STUDY + "9";
        try (XdsSite site = XdsSite.start(dir, true, Duration.ofMillis(100), FAST)) {
            site.index().ctMrStudy(STUDY, " ", XdsSite.DOMAIN, Instant.now());
            site.index().ctMrStudy(other, "PID-8", XdsSite.DOMAIN, Instant.now());

            Publication held = await(site, p -> p.state() == PublicationState.HELD, "held");

            assertTrue(held.lastError().contains("patient ID"), held.lastError());
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (site.publisher().status(other).orElseThrow().state() != PublicationState.PUBLISHED
                    && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertEquals(PublicationState.PUBLISHED, site.publisher().status(other).orElseThrow().state());
        }
    }

    @Test
    void unknownStudy() throws Exception {
        try (XdsSite site = XdsSite.start(dir, true, LONG_QUIET, FAST)) {
            PublishOutcome outcome = site.publisher().publishNow("1.2.3.4.5");
            assertEquals(PublishOutcome.Result.UNKNOWN_STUDY, outcome.result());
            assertTrue(site.publisher().status("1.2.3.4.5").isEmpty());
        }
    }

    private static Set<String> sopUids(KosManifest kos) {
        return kos.instances().stream().map(KosManifest.Instance::sopInstanceUid).collect(Collectors.toSet());
    }

    private static Publication awaitState(XdsSite site, PublicationState state) throws InterruptedException {
        return await(site, p -> p.state() == state, state.name());
    }

    /** Waits (30 s at most) for the study's publication state to satisfy {@code condition}. */
    static Publication await(XdsSite site, java.util.function.Predicate<Publication> condition, String what)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Publication last = null;
        while (System.nanoTime() < end) {
            last = site.publisher().status(STUDY).orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("study never " + what + "; last state: " + (last == null ? null : last.toJson()));
    }

    /** dciodvfy: no errors (warnings about the Retrieve URL extension and DICOMDIR needs are expected). */
    static void assertDciodvfyPasses(Path file) throws Exception {
        for (String[] cmd : List.of(new String[] {"dciodvfy", file.toString()},
                new String[] {"dciodvfy", "-profile", "IHEXDSIManifest", file.toString()})) {
            DicomTools.Result r = DicomTools.run(file.getParent(), cmd);
            String out = r.stdout() + r.stderr();
            assertTrue(out.contains("KeyObjectSelectionDocument"), out);
            assertEquals(List.of(), r.stderrLines("Error"), out);
        }
    }

}
