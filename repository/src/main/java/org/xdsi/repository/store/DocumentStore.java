package org.xdsi.repository.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where a repository keeps document bytes, by document uniqueId.
 *
 * <p>Writing is two-phase so that a document never becomes visible without its metadata and an acknowledged
 * document is never lost: {@link #receive} streams the bytes to a durable staging area (hash and size computed on
 * the way), the caller registers the metadata, and only then {@link IncomingDocument#commit} publishes the file.
 */
public interface DocumentStore {

    /**
     * Streams {@code content} to staging, durable when this returns.
     *
     * @throws DocumentTooLargeException after more than {@code maxBytes} bytes; nothing stays behind
     */
    IncomingDocument receive(String uniqueId, String mimeType, InputStream content, long maxBytes)
            throws IOException;

    /** The committed document of that uniqueId. */
    Optional<StoredDocument> find(String uniqueId) throws IOException;

    /** Staged documents left by a crash or a failed commit: neither committed nor discarded. */
    List<IncomingDocument> leftovers() throws IOException;
}
