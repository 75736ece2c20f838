package org.xdsi.repository.retrieve;

import java.util.List;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.repository.store.StoredDocument;

/** The outcome of an ITI-43 request: the documents found, in request order, and one error per missing one. */
public record Retrieval(List<Found> documents, List<XdsError> errors) {

    /** A requested document and what the store holds for it. */
    public record Found(DocumentRequest request, StoredDocument document) {
    }

    /** Success when all were found, PartialSuccess when some, Failure when none (digest §5.2). */
    public String status() {
        if (errors.stream().noneMatch(XdsError::isError)) {
            return Vocabulary.RESPONSE_SUCCESS;
        }
        return documents.isEmpty() ? Vocabulary.RESPONSE_FAILURE : Vocabulary.RESPONSE_PARTIAL_SUCCESS;
    }
}
