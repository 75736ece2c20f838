package org.xdsi.repository;

import java.nio.file.Path;

/**
 * How a repository is set up.
 *
 * @param repositoryUniqueId this repository's OID, put on every DocumentEntry it registers
 * @param storeDirectory     where documents are kept (staging and committed files)
 * @param maxDocumentBytes   a larger document is refused while it streams in, nothing stored
 * @param maxRequestBytes    cap of a whole ITI-41/ITI-43 request (all parts)
 */
public record RepositoryConfig(String repositoryUniqueId, Path storeDirectory, long maxDocumentBytes,
                               long maxRequestBytes) {
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 4L << 30;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 8L << 30;

    public static RepositoryConfig of(String repositoryUniqueId, Path storeDirectory) {
        return new RepositoryConfig(repositoryUniqueId, storeDirectory, DEFAULT_MAX_DOCUMENT_BYTES,
                DEFAULT_MAX_REQUEST_BYTES);
    }

    public RepositoryConfig withMaxDocumentBytes(long max) {
        return new RepositoryConfig(repositoryUniqueId, storeDirectory, max, maxRequestBytes);
    }
}
