package org.xdsi.repository.provide;

import jakarta.xml.bind.JAXBElement;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.registry.DocumentRegistry;
import org.xdsi.repository.store.DocumentStore;
import org.xdsi.repository.store.IncomingDocument;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.query.AdhocQueryResponse;
import org.xdsi.schema.query.ResponseOptionType;
import org.xdsi.schema.rim.AdhocQueryType;
import org.xdsi.schema.rim.IdentifiableType;
import org.xdsi.schema.rim.SlotType1;
import org.xdsi.schema.rim.ValueListType;

/**
 * Finishes what a crash interrupted, at start-up before any request is served: a staged document whose uniqueId
 * the registry knows was registered and acknowledged (or about to be), so it is published; any other staged
 * document never got metadata and is deleted. So no registry entry points to a missing document, and no file
 * outlives its failed submission.
 */
public final class StagingSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(StagingSweeper.class);
    private static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";

    private final DocumentStore store;
    private final DocumentRegistry registry;

    public StagingSweeper(DocumentStore store, DocumentRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** What a sweep did; {@code deferred} are too recent to judge (see {@link #sweep(Duration)}). */
    public record Outcome(int published, int removed, List<IncomingDocument> deferred) {
        public int[] counts() {
            return new int[] {published, removed};
        }
    }

    /** Sweeps with no grace period: right for an in-process registry, which cannot outlive this process. */
    public int[] sweep() throws IOException {
        return sweep(Duration.ZERO).counts();
    }

    /**
     * Sweeps the staging area. An unregistered document staged less than {@code grace} ago is deferred, not
     * deleted: with a remote registry, the ITI-42 request of the crashed process may still be committing there.
     */
    public Outcome sweep(Duration grace) throws IOException {
        int published = 0;
        int removed = 0;
        List<IncomingDocument> deferred = new ArrayList<>();
        Instant youngest = Instant.now().minus(grace);
        for (IncomingDocument staged : store.leftovers()) {
            Boolean known = registered(staged.uniqueId());
            if (known == null) {
                LOG.warn("registry unavailable: staged document {} kept for the next start", staged.uniqueId());
            } else if (known && otherBytesPublished(staged)) {
                // a resubmission refused with XDSNonIdenticalHash, staged when the process died: the registered
                // bytes are the published ones, these never were registered
                staged.discard();
                removed++;
            } else if (known) {
                staged.commit();
                published++;
            } else if (staged.stagedAt().isAfter(youngest)) {
                deferred.add(staged);
            } else {
                staged.discard();
                removed++;
            }
        }
        if (published + removed + deferred.size() > 0) {
            LOG.info("staging sweep: {} registered document(s) published, {} unregistered removed, {} deferred",
                    published, removed, deferred.size());
        }
        return new Outcome(published, removed, List.copyOf(deferred));
    }

    /** Decides the deferred documents of an earlier sweep once their grace period is over. */
    public void recheck(List<IncomingDocument> deferred) {
        for (IncomingDocument staged : deferred) {
            Boolean known = registered(staged.uniqueId());
            try {
                if (Boolean.TRUE.equals(known) && otherBytesPublished(staged)) {
                    staged.discard();
                } else if (Boolean.TRUE.equals(known)) {
                    staged.commit();
                } else if (Boolean.FALSE.equals(known)) {
                    staged.discard();
                }
            } catch (IOException e) {
                LOG.error("staged document {} could not be published: {}", staged.uniqueId(), e.toString());
            }
        }
    }

    /** True when the store already publishes other bytes under the staged document's uniqueId. */
    private boolean otherBytesPublished(IncomingDocument staged) throws IOException {
        return store.find(staged.uniqueId()).map(held -> !held.sha1().equalsIgnoreCase(staged.sha1())
                || held.size() != staged.size()).orElse(false);
    }

    /** True or false as the registry answers; null when it cannot answer. */
    private Boolean registered(String uniqueId) {
        AdhocQueryResponse response = registry.storedQuery(getDocuments(uniqueId));
        if (Vocabulary.RESPONSE_FAILURE.equals(response.getStatus())) {
            return null;
        }
        List<JAXBElement<? extends IdentifiableType>> found = response.getRegistryObjectList() == null
                ? List.of() : response.getRegistryObjectList().getIdentifiable();
        return !found.isEmpty();
    }

    private static AdhocQueryRequest getDocuments(String uniqueId) {
        AdhocQueryRequest request = new AdhocQueryRequest();
        ResponseOptionType option = new ResponseOptionType();
        option.setReturnType("ObjectRef");
        option.setReturnComposedObjects(true);
        request.setResponseOption(option);
        AdhocQueryType query = new AdhocQueryType();
        query.setId(GET_DOCUMENTS);
        SlotType1 slot = new SlotType1();
        slot.setName("$XDSDocumentEntryUniqueId");
        ValueListType values = new ValueListType();
        values.getValue().add("('" + uniqueId.replace("'", "''") + "')");
        slot.setValueList(values);
        query.getSlot().add(slot);
        request.setAdhocQuery(query);
        return request;
    }
}
