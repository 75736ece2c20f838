package org.xdsi.repository.client;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.xdsi.repository.mime.ContentType;

/**
 * Writes an MTOM/XOP package ({@code multipart/related; type="application/xop+xml"}) as other vendors' XDS clients
 * send it: the SOAP 1.2 envelope as root part ({@code application/xop+xml; charset=UTF-8;
 * type="application/soap+xml"}), then one binary part per document. The result is an HTTP
 * {@link BodyPublisher} that streams file parts from disk ({@link BodyPublishers#ofFile}): no document is held in
 * memory, and the length is known up front (no chunking needed).
 *
 * <pre>
 * --boundary CRLF
 * Content-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml" CRLF
 * Content-Transfer-Encoding: binary CRLF
 * Content-ID: &lt;root&gt; CRLF CRLF
 * envelope CRLF
 * --boundary CRLF
 * Content-Type: application/pdf CRLF ... CRLF CRLF
 * bytes CRLF
 * --boundary-- CRLF
 * </pre>
 */
public final class MultipartWriter {
    private final String boundary;
    private final String rootContentId;
    private final List<BodyPublisher> publishers = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean rootWritten;
    private boolean finished;
    private int attachments;

    /** A writer with a random boundary and root Content-ID. */
    public MultipartWriter() {
        this("MIMEBoundary_" + UUID.randomUUID().toString().replace("-", ""),
                "root.message." + UUID.randomUUID() + "@xdsi.org");
    }

    public MultipartWriter(String boundary, String rootContentId) {
        this.boundary = boundary;
        this.rootContentId = rootContentId;
    }

    public String boundary() {
        return boundary;
    }

    public String rootContentId() {
        return rootContentId;
    }

    /** The HTTP Content-Type of the package, with every parameter SOAP 1.2 MTOM receivers look for. */
    public String contentType() {
        return "multipart/related; boundary=" + ContentType.quote(boundary)
                + "; type=\"application/xop+xml\"; start=" + ContentType.quote("<" + rootContentId + ">")
                + "; start-info=\"application/soap+xml\"";
    }

    /** A fresh Content-ID for an attachment (unique in this package and beyond). */
    public String newContentId() {
        return (++attachments) + "." + UUID.randomUUID() + "@xdsi.org";
    }

    /** The {@code xop:Include/@href} of a Content-ID: {@code cid:} and the id URL-encoded (RFC 2392). */
    public static String href(String contentId) {
        StringBuilder sb = new StringBuilder("cid:");
        for (byte b : contentId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** The root part: the SOAP envelope (UTF-8 XML). Must come first. */
    public MultipartWriter root(byte[] envelope) {
        if (rootWritten) {
            throw new IllegalStateException("the root part is written already");
        }
        headers("application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"", rootContentId);
        pending.writeBytes(envelope);
        rootWritten = true;
        return this;
    }

    /** A binary part streamed from {@code file} when the request is sent. */
    public MultipartWriter attachment(String contentId, String contentType, Path file) throws FileNotFoundException {
        requireRoot();
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(file + " (not a regular file)");
        }
        headers(contentType, contentId);
        flushPending();
        publishers.add(BodyPublishers.ofFile(file));
        return this;
    }

    /** A binary part held in memory (small content only). */
    public MultipartWriter attachment(String contentId, String contentType, byte[] bytes) {
        requireRoot();
        headers(contentType, contentId);
        pending.writeBytes(bytes);
        return this;
    }

    /** Ends the package and returns its body. */
    public BodyPublisher publisher() {
        requireRoot();
        if (!finished) {
            ascii("\r\n--" + boundary + "--\r\n");
            flushPending();
            finished = true;
        }
        return BodyPublishers.concat(publishers.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private void requireRoot() {
        if (!rootWritten) {
            throw new IllegalStateException("write the root part (the envelope) first");
        }
        if (finished) {
            throw new IllegalStateException("the package is finished");
        }
    }

    /** The delimiter (with the CRLF ending the previous part) and the part headers. */
    private void headers(String contentType, String contentId) {
        if (contentType.indexOf('\r') >= 0 || contentType.indexOf('\n') >= 0
                || contentId.indexOf('\r') >= 0 || contentId.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("line breaks in a MIME header");
        }
        ascii((rootWritten ? "\r\n" : "") + "--" + boundary + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "Content-ID: <" + contentId + ">\r\n\r\n");
    }

    private void ascii(String s) {
        pending.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void flushPending() {
        if (pending.size() > 0) {
            publishers.add(BodyPublishers.ofByteArray(pending.toByteArray()));
            pending.reset();
        }
    }
}
