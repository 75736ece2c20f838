package org.xdsi.repository.soap;

import jakarta.activation.DataHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.cxf.attachment.AttachmentImpl;
import org.apache.cxf.interceptor.AttachmentOutInterceptor;
import org.apache.cxf.message.Attachment;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Carries the MIME parts a provider endpoint prepared (its body holds the matching xop:Include elements) into the
 * outgoing message, where CXF's MTOM writer streams them after the envelope.
 */
public final class OutboundAttachments extends AbstractPhaseInterceptor<Message> {
    private static final String KEY = OutboundAttachments.class.getName();

    public OutboundAttachments() {
        super(Phase.PRE_STREAM);
        addBefore(AttachmentOutInterceptor.class.getName());
    }

    @SuppressWarnings("unchecked")
    public static void add(Exchange exchange, String contentId, DataHandler data) {
        List<Attachment> parts = (List<Attachment>) exchange.get(KEY);
        if (parts == null) {
            parts = new ArrayList<>();
            exchange.put(KEY, parts);
        }
        AttachmentImpl part = new AttachmentImpl(contentId, data);
        part.setXOP(true);
        parts.add(part);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handleMessage(Message message) {
        List<Attachment> parts = (List<Attachment>) message.getExchange().get(KEY);
        if (parts == null || parts.isEmpty()) {
            return;
        }
        Collection<Attachment> existing = message.getAttachments();
        if (existing == null) {
            message.setAttachments(new ArrayList<>(parts));
        } else {
            existing.addAll(parts);
        }
    }
}
