package org.xdsi.repository.client;

import java.nio.file.Path;

/**
 * One document of an ITI-43 answer, written to {@code file} while its SHA-1 (lowercase hex) and size were computed
 * from the bytes received.
 */
public record RetrievedDocument(String repositoryUniqueId, String documentUniqueId, String homeCommunityId,
                                String mimeType, Path file, long size, String sha1) {
}
