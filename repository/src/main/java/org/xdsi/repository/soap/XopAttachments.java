package org.xdsi.repository.soap;

import jakarta.activation.DataHandler;
import jakarta.xml.bind.attachment.AttachmentUnmarshaller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.cxf.message.Attachment;
import org.xdsi.repository.mime.ContentIds;
import org.xdsi.repository.mime.NoContent;

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
        String href = ContentIds.strip(cid);
        String decoded = ContentIds.decode(href);
        for (Attachment part : parts) {
            String id = contentId(part);
            // RFC 2392: the href is the Content-ID percent-encoded; many clients do not encode it at all
            if (id.equals(decoded) || id.equals(href) || ContentIds.decode(id).equals(decoded)) {
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
                    return ContentIds.strip(raw);
                }
            }
        }
        return ContentIds.strip(part.getId());
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




    /** Stands in for a part the message does not have. */
    static final class Missing extends DataHandler {
        private final String cid;

        Missing(String cid) {
            super(new NoContent(cid, "no MIME part with Content-ID " + cid));
            this.cid = cid;
        }

        String cid() {
            return cid;
        }
    }
}
