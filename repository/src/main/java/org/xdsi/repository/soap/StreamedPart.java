package org.xdsi.repository.soap;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.cxf.attachment.AttachmentUtil;
import org.apache.cxf.message.Attachment;

/**
 * One MIME part of an incoming MTOM request. Its body is read once, straight from the request while the part is
 * the parser's current one; when the parser has to move on before the body was read to its end, the rest is
 * {@linkplain #spill spilled} and the same stream continues from there.
 */
final class StreamedPart implements Attachment {
    private final Map<String, String> headers;
    private final Body body;
    private final DataHandler handler;

    /**
     * @param headers by lower-case name, as {@link org.xdsi.repository.mime.MultipartStream} reads them
     * @param content the part's body as sent
     * @throws IOException a Content-Transfer-Encoding that cannot be undone
     */
    StreamedPart(Map<String, String> headers, InputStream content) throws IOException {
        this.headers = headers;
        String encoding = headers.get("content-transfer-encoding");
        this.body = new Body(encoding == null ? content : AttachmentUtil.decode(content, encoding.trim()));
        this.handler = new DataHandler(new Source());
    }

    /** The body, the same stream however often asked. */
    InputStream body() {
        return body;
    }

    /** Copies what is left of the body aside, so it stays readable after the parser moved past the part. */
    void spill(PartSpill spill) throws IOException {
        body.spill(spill);
    }

    /** Releases a spilled body. */
    void release() throws IOException {
        body.close();
    }

    /** The headers in CXF's shape: case-insensitive names, a list of values each. */
    Map<String, List<String>> headerLists() {
        Map<String, List<String>> lists = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> lists.put(name, List.of(value)));
        return lists;
    }

    @Override
    public DataHandler getDataHandler() {
        return handler;
    }

    /** The Content-ID as sent, without angle brackets, not URL-decoded. */
    @Override
    public String getId() {
        String id = headers.get("content-id");
        if (id == null) {
            return null;
        }
        id = id.trim();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public Iterator<String> getHeaderNames() {
        return headers.keySet().iterator();
    }

    @Override
    public boolean isXOP() {
        return true;
    }

    private String contentType() {
        String type = headers.get("content-type");
        return type == null || type.isBlank() ? "application/octet-stream" : type;
    }

    private final class Source implements DataSource {
        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return contentType();
        }

        @Override
        public String getName() {
            return getId();
        }
    }

    /** Reads the live part, then, once spilled, the spill. */
    private static final class Body extends InputStream {
        private InputStream in;
        private PartSpill spill;

        Body(InputStream live) {
            this.in = live;
        }

        void spill(PartSpill to) throws IOException {
            if (spill != null) {
                return;
            }
            in.transferTo(to);
            spill = to;
            in = to.input();
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            return in.transferTo(out);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        /** A live part needs nothing: the parser skips what is left of it. */
        @Override
        public void close() throws IOException {
            if (spill != null) {
                spill.close();
            }
        }
    }
}
