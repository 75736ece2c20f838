package org.xdsi.repository.store;

import java.io.IOException;

/** A document received into staging: durable, with its SHA-1 and size, not yet retrievable. */
public interface IncomingDocument {

    String uniqueId();

    String mimeType();

    /** Lower-case hex SHA-1 of the bytes, as XDS metadata carries it. */
    String sha1();

    long size();

    /** When the bytes were made durable in staging. */
    java.time.Instant stagedAt();

    /** Makes the document retrievable (atomically); idempotent when the same bytes are already stored. */
    void commit() throws IOException;

    /** Removes the staged bytes; never throws. */
    void discard();
}
