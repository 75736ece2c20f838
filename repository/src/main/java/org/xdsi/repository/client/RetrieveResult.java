package org.xdsi.repository.client;

import java.util.List;
import org.xdsi.schema.rs.RegistryError;

/**
 * The outcome of ITI-43: the response status URN (Success, PartialSuccess or Failure), the RegistryErrors (errors and
 * warnings; a failed document is named by {@code location}) and the documents written to disk.
 */
public record RetrieveResult(String status, List<RegistryError> errors, List<RetrievedDocument> documents) {
    public static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    public static final String PARTIAL_SUCCESS = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
    public static final String FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";

    public RetrieveResult {
        errors = List.copyOf(errors);
        documents = List.copyOf(documents);
    }

    public boolean isSuccess() {
        return SUCCESS.equals(status);
    }

    public boolean isPartialSuccess() {
        return PARTIAL_SUCCESS.equals(status);
    }
}
