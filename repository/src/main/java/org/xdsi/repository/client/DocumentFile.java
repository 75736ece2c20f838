package org.xdsi.repository.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A document to send with ITI-41: the {@code id} of its DocumentEntry (the {@code rim:ExtrinsicObject/@id} the
 * {@code xds:Document/@id} must match), the file it streams from, and its MIME type (the part's Content-Type).
 */
public record DocumentFile(String id, Path path, String mimeType) {
    public DocumentFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mimeType, "mimeType");
    }
}
