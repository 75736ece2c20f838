package org.xdsi.repository.retrieve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.XdsError;
import org.xdsi.repository.store.DocumentStore;
import org.xdsi.repository.store.StoredDocument;

/** ITI-43: looks each requested document up; the bytes are streamed later, by whoever writes the response. */
public final class RetrieveHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RetrieveHandler.class);

    private final DocumentStore store;
    private final String repositoryUniqueId;

    public RetrieveHandler(DocumentStore store, String repositoryUniqueId) {
        this.store = store;
        this.repositoryUniqueId = repositoryUniqueId;
    }

    public Retrieval retrieve(List<DocumentRequest> requests) {
        List<Retrieval.Found> found = new ArrayList<>();
        List<XdsError> errors = new ArrayList<>();
        for (DocumentRequest r : requests) {
            String docId = r.documentUniqueId();
            if (r.repositoryUniqueId() == null || !repositoryUniqueId.equals(r.repositoryUniqueId().trim())) {
                errors.add(XdsError.error(ErrorCode.XDSUnknownRepositoryId, "document " + docId
                        + ": repositoryUniqueId '" + r.repositoryUniqueId() + "' is not this repository ("
                        + repositoryUniqueId + ")", docId));
                continue;
            }
            if (docId == null || docId.isBlank()) {
                errors.add(XdsError.error(ErrorCode.XDSDocumentUniqueIdError,
                        "a DocumentRequest has no DocumentUniqueId", null));
                continue;
            }
            try {
                Optional<StoredDocument> d = store.find(docId.trim());
                if (d.isPresent()) {
                    found.add(new Retrieval.Found(r, d.get()));
                } else {
                    errors.add(XdsError.error(ErrorCode.XDSDocumentUniqueIdError,
                            "document " + docId + " is not held by repository " + repositoryUniqueId, docId));
                }
            } catch (IOException e) {
                // the detail (paths, file system errors) is for the operator, not for the consumer
                LOG.warn("ITI-43: cannot read document {}: {}", docId, e.toString());
                errors.add(XdsError.error(ErrorCode.XDSRepositoryError, "document " + docId + " could not be read "
                        + "from the storage of repository " + repositoryUniqueId + "; try again later, and tell the "
                        + "repository's operator if it persists", docId));
            }
        }
        return new Retrieval(found, errors);
    }
}
