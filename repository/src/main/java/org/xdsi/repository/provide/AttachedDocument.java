package org.xdsi.repository.provide;

import java.io.IOException;
import java.io.InputStream;

/** One {@code xds:Document} of an ITI-41 request: its id and its bytes, read once, in request order. */
public interface AttachedDocument {

    String id();

    InputStream open() throws IOException;
}
