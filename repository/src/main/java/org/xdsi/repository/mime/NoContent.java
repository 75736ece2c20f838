package org.xdsi.repository.mime;

import jakarta.activation.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The data source of a DataHandler that only names a MIME part (the part is streamed elsewhere, or missing): reading
 * it fails with {@code why}.
 */
public record NoContent(String name, String why) implements DataSource {
    @Override
    public InputStream getInputStream() throws IOException {
        throw new IOException(why);
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        throw new IOException("read-only");
    }

    @Override
    public String getContentType() {
        return "application/octet-stream";
    }

    @Override
    public String getName() {
        return name;
    }
}
