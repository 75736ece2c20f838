package org.xdsi.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.xdsi.registry.RegistryService;
import java.util.function.Supplier;
import org.xdsi.metadata.XdsError;
import org.xdsi.registry.DocumentRegistry;
import org.xdsi.repository.provide.AttachedDocument;
import org.xdsi.repository.provide.ProvideAndRegisterHandler;
import org.xdsi.repository.provide.StagingSweeper;
import org.xdsi.repository.retrieve.DocumentRequest;
import org.xdsi.repository.retrieve.Retrieval;
import org.xdsi.repository.retrieve.RetrieveHandler;
import org.xdsi.repository.store.DocumentStore;
import org.xdsi.repository.store.FileDocumentStore;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rs.RegistryResponseType;

/**
 * The repository in-process: its document store, the registry it registers with (in-process or SOAP, the same
 * interface), ITI-41 and ITI-43. Opening it finishes whatever a crash left in staging.
 */
public final class RepositoryService {
    /** Longer than a remote registry takes to finish an ITI-42 whose client has gone. */
    static final Duration REMOTE_GRACE = Duration.ofMinutes(2);

    private final RepositoryConfig config;
    private final DocumentStore store;
    private final ProvideAndRegisterHandler provide;
    private final RetrieveHandler retrieve;

    public RepositoryService(RepositoryConfig config, DocumentRegistry registry) {
        this.config = config;
        this.store = new FileDocumentStore(config.storeDirectory());
        sweepStaging(registry);
        this.provide = new ProvideAndRegisterHandler(store, registry, config.repositoryUniqueId(),
                config.maxDocumentBytes());
        this.retrieve = new RetrieveHandler(store, config.repositoryUniqueId());
    }

    /**
     * An in-process registry died with the crashed process, so its answer is final. A remote one may still be
     * committing the crashed process's last ITI-42: unregistered documents staged shortly before are decided
     * only after {@link #REMOTE_GRACE}.
     */
    private void sweepStaging(DocumentRegistry registry) {
        StagingSweeper sweeper = new StagingSweeper(store, registry);
        Duration grace = registry instanceof RegistryService ? Duration.ZERO : REMOTE_GRACE;
        StagingSweeper.Outcome outcome;
        try {
            outcome = sweeper.sweep(grace);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sweep the staging area of " + config.storeDirectory(), e);
        }
        if (!outcome.deferred().isEmpty()) {
            Thread later = new Thread(() -> {
                try {
                    Thread.sleep(grace.toMillis());
                    sweeper.recheck(outcome.deferred());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "xdsi-staging-recheck");
            later.setDaemon(true);
            later.start();
        }
    }

    public RepositoryConfig config() {
        return config;
    }

    /** ITI-41 with documents read in order; see {@link ProvideAndRegisterHandler}. */
    public RegistryResponseType provideAndRegister(SubmitObjectsRequest submission, List<AttachedDocument> documents,
                                                   Supplier<List<XdsError>> afterReceipt) {
        return provide.provideAndRegister(submission, documents, afterReceipt);
    }

    public RegistryResponseType provideAndRegister(SubmitObjectsRequest submission, List<AttachedDocument> documents) {
        return provide.provideAndRegister(submission, documents);
    }

    /** ITI-43: what is held of the requested documents; the caller streams them. */
    public Retrieval retrieve(List<DocumentRequest> requests) {
        return retrieve.retrieve(requests);
    }
}
