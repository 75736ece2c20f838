package org.xdsi.imaging.retrieve.dicomweb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Writes a multipart/related body part by part onto the response stream (PS3.18 8.6.1.2, RFC 2387). */
final class Multipart {
    private final OutputStream out;
    private final String boundary;

    Multipart(OutputStream out, String boundary) {
        this.out = out;
        this.boundary = boundary;
    }

    /** A boundary to put in the response's Content-Type before anything is written. */
    static String newBoundary() {
        return "xdsi-" + UUID.randomUUID();
    }

    /** Starts a part with this Content-Type; its body is then written to {@link #body()}. */
    void part(String contentType) throws IOException {
        out.write(("--" + boundary + "\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    OutputStream body() {
        return out;
    }

    void endPart() throws IOException {
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    void close() throws IOException {
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
