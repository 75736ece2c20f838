package org.xdsi.repository.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A committed document: its metadata as stored and a way to stream its bytes. */
public interface StoredDocument {

    String uniqueId();

    String mimeType();

    String sha1();

    long size();

    /** A fresh stream over the bytes; the caller closes it. */
    InputStream open() throws IOException;

    /**
     * Writes the bytes to {@code out} (left open), in large pieces: what a response writer calls. A document whose
     * bytes are produced on the fly (a transcoded DICOM instance) overrides it to write straight into the answer.
     */
    default void writeTo(OutputStream out) throws IOException {
        try (InputStream in = open()) {
            byte[] buf = new byte[256 * 1024];
            for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
                out.write(buf, 0, n);
            }
        }
    }
}
