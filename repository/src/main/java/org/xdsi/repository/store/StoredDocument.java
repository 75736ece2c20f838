package org.xdsi.repository.store;

import java.io.IOException;
import java.io.InputStream;

/** A committed document: its metadata as stored and a way to stream its bytes. */
public interface StoredDocument {

    String uniqueId();

    String mimeType();

    String sha1();

    long size();

    /** A fresh stream over the bytes; the caller closes it. */
    InputStream open() throws IOException;
}
