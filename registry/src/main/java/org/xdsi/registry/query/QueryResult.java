package org.xdsi.registry.query;

import java.util.List;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;

/**
 * The answer of one stored query.
 *
 * @param status     response status URN: Success, PartialSuccess (results and errors) or Failure (errors, no results)
 * @param errors     RegistryErrors (errors and warnings), in the order found
 * @param objectRef  true when the answer is ObjectRefs ({@link #ids()}), false for LeafClass ({@link #fragments()})
 * @param ids        the returned objects' ids (entryUUIDs), in result order; filled for both return types
 * @param fragments  LeafClass only: the ebRIM fragments, with {@code status} (and {@code home}) already injected, in the
 *                   same order as {@code ids}; empty for ObjectRef
 * @param home       homeCommunityId written on ObjectRefs, or null
 */
public record QueryResult(String status, List<XdsError> errors, boolean objectRef, List<String> ids,
                          List<String> fragments, String home) {

    public QueryResult {
        errors = List.copyOf(errors);
        ids = List.copyOf(ids);
        fragments = List.copyOf(fragments);
    }

    /** A result with no objects; status Failure when an error (not only warnings) is among {@code errors}. */
    static QueryResult failure(List<XdsError> errors, boolean objectRef) {
        return new QueryResult(statusOf(errors, false), errors, objectRef, List.of(), List.of(), null);
    }

    static String statusOf(List<XdsError> errors, boolean hasResults) {
        boolean error = errors.stream().anyMatch(XdsError::isError);
        if (!error) {
            return Vocabulary.RESPONSE_SUCCESS;
        }
        return hasResults ? Vocabulary.RESPONSE_PARTIAL_SUCCESS : Vocabulary.RESPONSE_FAILURE;
    }

    public boolean isSuccess() {
        return Vocabulary.RESPONSE_SUCCESS.equals(status);
    }

    /** Number of returned objects. */
    public int size() {
        return ids.size();
    }

    /** The whole {@code query:AdhocQueryResponse} element as text. */
    public String toResponseXml() {
        return QueryResponseWriter.write(this);
    }
}
