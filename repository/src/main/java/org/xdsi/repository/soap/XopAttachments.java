package org.xdsi.repository.soap;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.xml.bind.attachment.AttachmentUnmarshaller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.cxf.message.Attachment;

/**
 * Resolves {@code xop:Include href="cid:..."} against the request's MIME parts, lazily: JAXB gets a DataHandler
 * whose stream is the part itself, so a document is read once, by the store, as it streams in. Clients differ in
 * how they write the reference (CXF URL-encodes {@code @} and {@code :} of the Content-ID, others send it as it
 * is), so the href is compared with the part's Content-ID header both as written and percent-decoded. A reference
 * to a part that is not there does not fail the parse: it becomes a {@link Missing} handler the endpoint reports
 * per document.
 */
final class XopAttachments extends AttachmentUnmarshaller {
    private final Collection<Attachment> parts;
    private final Set<String> referenced = new HashSet<>();

    XopAttachments(Collection<Attachment> parts) {
        this.parts = parts == null ? List.of() : parts;
    }

    @Override
    public DataHandler getAttachmentAsDataHandler(String cid) {
        String href = strip(cid);
        String decoded = percentDecode(href);
        for (Attachment part : parts) {
            String id = contentId(part);
            // RFC 2392: the href is the Content-ID percent-encoded; many clients do not encode it at all
            if (id.equals(decoded) || id.equals(href) || percentDecode(id).equals(decoded)) {
                referenced.add(id);
                return part.getDataHandler();
            }
        }
        return new Missing(cid);
    }

    /**
     * The part's Content-ID as sent (angle brackets and a {@code cid:} prefix removed). CXF's own
     * {@link Attachment#getId()} is URL-decoded with {@code URLDecoder}, which turns a legal '+' into a space and
     * '%41' into 'A', so it cannot be compared with the href reliably.
     */
    private static String contentId(Attachment part) {
        for (java.util.Iterator<String> names = part.getHeaderNames(); names != null && names.hasNext(); ) {
            String name = names.next();
            if ("Content-ID".equalsIgnoreCase(name)) {
                String raw = part.getHeader(name);
                if (raw != null && !raw.isBlank()) {
                    return strip(raw);
                }
            }
        }
        return strip(part.getId());
    }

    @Override
    public byte[] getAttachmentAsByteArray(String cid) {
        DataHandler handler = getAttachmentAsDataHandler(cid);
        try (InputStream in = handler.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isXOPPackage() {
        return true;
    }

    /**
     * The Content-IDs of parts that no xop:Include referenced. Iterating reads the rest of the message, so call
     * this only after the referenced parts have been consumed.
     */
    List<String> unreferencedParts() {
        List<String> extra = new ArrayList<>();
        for (Attachment part : parts) {
            String id = contentId(part);
            if (!referenced.contains(id)) {
                extra.add(id);
            }
        }
        return extra;
    }

    /** Without surrounding angle brackets and {@code cid:} prefix; not decoded. */
    static String strip(String id) {
        if (id == null) {
            return "";
        }
        String s = id.trim();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.regionMatches(true, 0, "cid:", 0, 4)) {
            s = s.substring(4);
        }
        return s;
    }

    /** %XX decoding only: unlike URLDecoder, a '+' stays a '+' (it is legal in a Content-ID). */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** Stands in for a part the message does not have. */
    static final class Missing extends DataHandler {
        private final String cid;

        Missing(String cid) {
            super(new DataSource() {
                @Override
                public InputStream getInputStream() throws IOException {
                    throw new IOException("no MIME part with Content-ID " + cid);
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
                    return cid;
                }
            });
            this.cid = cid;
        }

        String cid() {
            return cid;
        }
    }
}
