package org.xdsi.repository.store;

import java.io.IOException;

/** A document passed the repository's configured size limit while it streamed in. */
public final class DocumentTooLargeException extends IOException {
    private final long maxBytes;

    public DocumentTooLargeException(long maxBytes) {
        super("document larger than the repository's limit of " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
