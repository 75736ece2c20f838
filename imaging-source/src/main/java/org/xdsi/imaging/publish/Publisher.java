package org.xdsi.imaging.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.imaging.ImagingSourceConfig;
import org.xdsi.imaging.archive.CatalogStudy;
import org.xdsi.imaging.archive.StudyCatalog;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomFile;
import org.xdsi.imaging.dicom.DicomWriter;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;
import org.xdsi.imaging.dicom.Uids;
import org.xdsi.imaging.kos.KosManifestBuilder;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.repository.DocumentRepository;
import org.xdsi.repository.client.DocumentFile;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rs.RegistryError;
import org.xdsi.schema.rs.RegistryResponseType;

/**
 * Publishes a KOS manifest per study with RAD-68 and keeps it current: a background worker publishes each study once
 * no instance has arrived for the quiet period, replaces the manifest (RPLC) when instances arrive later, and retries
 * failures with back-off; {@link #publishNow} does the same at once for the command line.
 *
 * <p>A manifest is built once per study revision and kept under {@code <directory>/manifests/}; retries send the same
 * file with the same entryUUID, so an answer lost on the way back cannot register the manifest twice.
 *
 * <p>Errors: XDSUnknownPatientId and transport or repository errors are retried (the patient feed may simply not
 * have arrived yet); an unmappable patient and metadata errors the registry will repeat ({@link #NOT_RETRIED}) hold
 * the study until someone acts (publish command, or a restart after changing the configuration).
 */
public final class Publisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    /** Registry/repository answers that another identical attempt would only repeat. */
    static final Set<String> NOT_RETRIED = Set.of("XDSRegistryMetadataError", "XDSRepositoryMetadataError",
            "XDSPatientIdDoesNotMatch", "XDSRegistryDeprecatedDocumentError", "XDSNonIdenticalHash",
            "XDSRegistryDuplicateUniqueIdInMessage", "XDSRepositoryDuplicateUniqueIdInMessage",
            "XDSDuplicateUniqueIdInRegistry", "UnresolvedReferenceException", "XDSUnknownRepositoryId");
    /** Studies changed this long before the last scan are looked at again: their transaction may commit late. */
    private static final Duration SCAN_OVERLAP = Duration.ofSeconds(60);
    private static final int BATCH = 20;

    private final ImagingSourceConfig config;
    private final PublicationSettings settings;
    private final PatientIdMapper patients;
    private final DocumentRepository repository;
    private final String wadoRsBaseUrl;
    private final StudyCatalog catalog;
    private final PublicationStore store;
    private final Clock clock;
    private final ReentrantLock publishing = new ReentrantLock();
    private ScheduledExecutorService worker;
    private Instant lastScan;

    /**
     * @param httpBaseUrl {@code <base>}: manifests name {@code <base>/dicomweb} as their Retrieve URL
     */
    public Publisher(ImagingSourceConfig config, PublicationSettings settings, PatientIdMapper patients,
                     DataSource index, DocumentRepository repository, String httpBaseUrl) {
        this(config, settings, patients, index, repository, httpBaseUrl, Clock.systemUTC());
    }

    Publisher(ImagingSourceConfig config, PublicationSettings settings, PatientIdMapper patients, DataSource index,
              DocumentRepository repository, String httpBaseUrl, Clock clock) {
        this.config = config;
        this.settings = settings;
        this.patients = patients;
        this.repository = repository;
        this.wadoRsBaseUrl = httpBaseUrl.replaceAll("/+$", "") + "/dicomweb";
        this.catalog = new StudyCatalog(index);
        this.store = new PublicationStore(index);
        this.clock = clock;
    }

    /** Takes up held studies again, then polls for due studies every {@code pollInterval} until closed. */
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        Instant now = clock.instant();
        int released = store.releaseHeld(now);
        if (released > 0) {
            LOG.info("{} held stud{} will be tried again", released, released == 1 ? "y" : "ies");
        }
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imaging-publisher");
            t.setDaemon(true);
            return t;
        });
        worker.scheduleWithFixedDelay(this::tick, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round of the worker: notice changed studies, publish the due ones. */
    void tick() {
        try {
            Instant now = clock.instant();
            store.discover(lastScan == null ? null : lastScan.minus(SCAN_OVERLAP), config.quietPeriod(), now);
            lastScan = now;
            for (String uid : store.due(now, BATCH)) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                try {
                    publish(uid, false);
                } catch (RuntimeException e) {
                    // not this study again at once, nor in the way of the others
                    LOG.warn("publication of study {} failed: {}", uid, e.toString());
                    store.postpone(uid, now.plus(settings.maxRetry()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("publication round failed: {}", e.toString());
        }
    }

    /**
     * Publishes the study now, whatever its quiet period, back-off or hold: the manifest of its current revision,
     * replacing the published one. Nothing is sent when the current manifest covers the study already.
     */
    public PublishOutcome publishNow(String studyUid) {
        return publish(studyUid, true);
    }

    /** The study's publication state; empty for a study not in the index. */
    public Optional<Publication> status(String studyUid) {
        return store.publication(studyUid);
    }

    /** The state of the most recently changed studies (at most {@code limit}). */
    public List<Publication> statuses(int limit) {
        return store.publications(limit);
    }

    private PublishOutcome publish(String studyUid, boolean command) {
        publishing.lock();
        try {
            return attempt(studyUid, command);
        } finally {
            publishing.unlock();
        }
    }

    private PublishOutcome attempt(String studyUid, boolean command) {
        Instant now = clock.instant();
        Optional<CatalogStudy> found;
        try {
            found = catalog.study(studyUid);
        } catch (IllegalArgumentException e) { // what the archive indexed makes no manifest (e.g. no Patient ID)
            String problem = "study " + studyUid + " cannot be published: " + e.getMessage();
            LOG.warn("{}", problem);
            store.insertPending(studyUid, now, now);
            store.held(studyUid, problem, now);
            return new PublishOutcome(PublishOutcome.Result.HELD, problem, store.publication(studyUid).orElse(null));
        }
        if (found.isEmpty()) {
            store.row(studyUid).ifPresent(r -> store.settle(studyUid, now));
            return new PublishOutcome(PublishOutcome.Result.UNKNOWN_STUDY, "no study " + studyUid
                    + " in the imaging source", null);
        }
        CatalogStudy study = found.get();
        store.insertPending(studyUid, now, now);
        PublicationStore.Row row = store.row(studyUid).orElseThrow();
        if (row.manifestUid() != null && row.publishedRevision() >= study.revision()) {
            store.alreadyPublished(studyUid, now);
            return outcome(PublishOutcome.Result.PUBLISHED, "study " + studyUid + " is published: manifest "
                    + row.manifestUid() + " covers all " + study.study().instanceCount() + " instances", study);
        }
        if (!command) {
            Instant quietEnd = study.updatedAt().plus(config.quietPeriod());
            if (row.state() == PublicationState.HELD) {
                store.settle(studyUid, now);
                return outcome(PublishOutcome.Result.HELD, row.lastError(), study);
            }
            boolean triedThisRevision = row.attemptRevision() != null && row.attemptRevision() == study.revision();
            if (quietEnd.isAfter(now) && !triedThisRevision) {
                store.postpone(studyUid, quietEnd);
                return outcome(PublishOutcome.Result.WAITING, "study " + studyUid + " is not quiet yet", study);
            }
        }

        PatientIdMapper.Mapping patient = patients.map(study.study().patient());
        if (!patient.mapped()) {
            LOG.warn("study {} held: {}", studyUid, patient.problem());
            store.held(studyUid, patient.problem(), now);
            return outcome(PublishOutcome.Result.HELD, patient.problem(), study);
        }

        Path file;
        Dataset kos;
        String entryUuid;
        try {
            if (row.attemptRevision() != null && row.attemptRevision() == study.revision()
                    && Files.isRegularFile(manifestFile(row.attemptUid()))) {
                file = manifestFile(row.attemptUid());
                kos = DicomFile.read(file).dataset();
                entryUuid = row.attemptEntryUuid();
            } else {
                String seriesUid = row.manifestSeriesUid() != null ? row.manifestSeriesUid() : Uids.newUid();
                kos = new KosManifestBuilder(study.study())
                        .retrieveAeTitle(config.aeTitle())
                        .retrieveLocationUid(config.sourceUid())
                        .wadoRsBaseUrl(wadoRsBaseUrl)
                        .institutionName(study.institutionName())
                        .seriesInstanceUid(seriesUid)
                        .instanceNumber(row.manifestCount() + 1)
                        .build();
                file = manifestFile(kos.getString(Tag.SOP_INSTANCE_UID));
                write(kos, file);
                entryUuid = "urn:uuid:" + UUID.randomUUID();
                if (row.attemptUid() != null && !row.attemptUid().equals(row.manifestUid())) {
                    Files.deleteIfExists(manifestFile(row.attemptUid())); // built for an older revision, never sent
                }
                store.recordAttempt(studyUid, study.revision(), kos.getString(Tag.SOP_INSTANCE_UID), entryUuid,
                        seriesUid, now);
            }
        } catch (IOException | RuntimeException e) {
            return failed(study, "cannot build the manifest: " + e.getMessage(), now);
        }

        String manifestUid = kos.getString(Tag.SOP_INSTANCE_UID);
        RegistryResponseType response;
        try {
            response = send(study, kos, file, patient.patientId(), entryUuid, row.entryUuid());
            if (row.entryUuid() != null && !isSuccess(response)
                    && hasError(response, "XDSRegistryDeprecatedDocumentError")) {
                // the manifest it replaces is deprecated already: by this very manifest when an earlier answer was
                // lost (the registry then takes the identical document as registered), or by someone else; either
                // way this manifest is the current one without an RPLC
                LOG.info("manifest {} of study {}: {} is deprecated already; sending it without RPLC", manifestUid,
                        studyUid, row.entryUuid());
                response = send(study, kos, file, patient.patientId(), entryUuid, null);
            }
        } catch (RuntimeException e) {
            return failed(study, "repository call failed: " + e.getMessage(), now);
        }
        if (isSuccess(response)) {
            store.published(studyUid, study.revision(), manifestUid, entryUuid, clock.instant());
            if (row.manifestUid() != null && !row.manifestUid().equals(manifestUid)) {
                try {
                    Files.deleteIfExists(manifestFile(row.manifestUid())); // replaced: the repository keeps it
                } catch (IOException e) {
                    LOG.warn("cannot delete replaced manifest {}: {}", row.manifestUid(), e.toString());
                }
            }
            String what = (row.entryUuid() == null ? "published" : "replaced") + " manifest " + manifestUid
                    + " of study " + studyUid + " (" + study.study().instanceCount() + " instances, revision "
                    + study.revision() + ")";
            LOG.info("{}", what);
            return outcome(PublishOutcome.Result.PUBLISHED, what, study);
        }
        List<String> codes = new ArrayList<>();
        String error = errorText(response, codes);
        if (codes.stream().anyMatch(NOT_RETRIED::contains)) {
            LOG.warn("study {} held: the registry refused its manifest: {}", studyUid, error);
            store.held(studyUid, "refused: " + error, now);
            return outcome(PublishOutcome.Result.HELD, "refused: " + error, study);
        }
        return failed(study, error, now);
    }

    private RegistryResponseType send(CatalogStudy study, Dataset kos, Path file, String patientId,
                                      String entryUuid, String replacedEntry) {
        SubmitObjectsRequest request = ManifestSubmission.build(study, kos, patientId, entryUuid, replacedEntry,
                config.sourceUid(), settings, config.zone());
        return repository.provideAndRegister(request,
                List.of(new DocumentFile(entryUuid, file, "application/dicom")));
    }

    private static boolean hasError(RegistryResponseType response, String code) {
        return response.getRegistryErrorList() != null && response.getRegistryErrorList().getRegistryError()
                .stream().anyMatch(e -> code.equals(e.getErrorCode()));
    }

    private PublishOutcome failed(CatalogStudy study, String error, Instant now) {
        String uid = study.study().studyInstanceUid();
        int failures = store.row(uid).map(PublicationStore.Row::attempts).orElse(0) + 1;
        Instant next = now.plus(settings.retryDelay(failures));
        store.failed(uid, error, next, now);
        LOG.warn("publication of study {} failed (attempt {}, next at {}): {}", uid, failures, next, error);
        return outcome(PublishOutcome.Result.FAILED, error, study);
    }

    private PublishOutcome outcome(PublishOutcome.Result result, String message, CatalogStudy study) {
        Publication p = store.publication(study.study().studyInstanceUid()).orElse(null);
        return new PublishOutcome(result, message, p);
    }

    private Path manifestFile(String sopInstanceUid) {
        return config.directory().resolve("manifests").resolve(sopInstanceUid + ".dcm");
    }

    /** Writes the manifest durably: a temporary file, fsync, then a rename into place. */
    private static void write(Dataset kos, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            DicomWriter.writeFile(out, kos, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            out.flush();
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean isSuccess(RegistryResponseType response) {
        String status = response.getStatus();
        if (Vocabulary.RESPONSE_SUCCESS.equals(status)) {
            return true;
        }
        // PartialSuccess of ITI-41 carries warnings only: the document was stored and registered
        return Vocabulary.RESPONSE_PARTIAL_SUCCESS.equals(status) && (response.getRegistryErrorList() == null
                || response.getRegistryErrorList().getRegistryError().stream()
                        .noneMatch(e -> e.getSeverity() != null && e.getSeverity().endsWith("Error")));
    }

    private static String errorText(RegistryResponseType response, List<String> codes) {
        StringBuilder sb = new StringBuilder();
        if (response.getRegistryErrorList() != null) {
            for (RegistryError e : response.getRegistryErrorList().getRegistryError()) {
                codes.add(e.getErrorCode());
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(e.getErrorCode());
                if (e.getCodeContext() != null && !e.getCodeContext().isBlank()) {
                    sb.append(": ").append(e.getCodeContext().strip());
                }
            }
        }
        if (sb.length() == 0) {
            sb.append("repository answered ").append(response.getStatus());
        }
        return sb.toString();
    }

    /** Stops the worker; an attempt under way finishes first. */
    @Override
    public synchronized void close() {
        if (worker == null) {
            return;
        }
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("publication worker did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker = null;
    }
}
