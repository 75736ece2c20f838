package org.xdsi.repository.soap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.cxf.attachment.AttachmentDeserializer;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.helpers.HttpHeaderHelper;
import org.apache.cxf.interceptor.AttachmentInInterceptor;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.interceptor.InterceptorChain;
import org.apache.cxf.interceptor.OutgoingChainInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.xdsi.registry.soap.RequestSizeLimit;
import org.xdsi.repository.mime.ContentType;
import org.xdsi.repository.provide.ProvideAndRegisterHandler;

/**
 * Reads an incoming multipart/related request in place of CXF's attachment parser, whose reads of a part return at
 * most 2 KiB and which scans for the boundary byte by byte: here the request goes through one
 * {@link org.xdsi.repository.mime.MultipartStream} (a large buffer, Boyer-Moore-Horspool). The root part becomes
 * the message's input, the other parts its attachments ({@link StreamedParts}); a document streams from the socket
 * to the store. CXF's behaviour is kept: the first part is the root, its charset is the message's encoding,
 * Content-Transfer-Encoding is undone, and a request that ends early ends its last part (so
 * {@link #incompleteness(Message)} must be asked before anything is kept).
 */
public final class MtomPartsReader extends AbstractPhaseInterceptor<Message> {
    private static final String KEY = StreamedParts.class.getName();

    private final Path spillDirectory;
    private final int memoryThreshold;
    private final int maxParts;

    /**
     * @param spillDirectory  where parts read past before they were consumed are kept when larger than
     *                        {@code memoryThreshold} bytes
     * @param maxParts        most parts accepted besides the root
     */
    public MtomPartsReader(Path spillDirectory, int memoryThreshold, int maxParts) {
        super(Phase.RECEIVE);
        addAfter(RequestSizeLimit.class.getName());
        addBefore(AttachmentInInterceptor.class.getName());
        this.spillDirectory = spillDirectory;
        this.memoryThreshold = memoryThreshold;
        this.maxParts = maxParts;
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        ContentType type = ContentType.parse((String) message.get(Message.CONTENT_TYPE));
        String boundary = type.parameter("boundary");
        if (isGET(message) || in == null || !type.mediaType().equals("multipart/related") || boundary == null
                || boundary.isEmpty()) {
            return; // not for this reader: MtomRequest.Required refuses it, or CXF's parser looks for a boundary
        }
        StreamedParts parts;
        try {
            parts = StreamedParts.open(in, boundary, spillDirectory, memoryThreshold, maxParts);
        } catch (IOException | IllegalArgumentException e) {
            throw new SoapFault("the MTOM request could not be read: " + ProvideAndRegisterHandler.reason(e),
                    Soap12.getInstance().getSender());
        }
        StreamedPart root = parts.root();
        Map<String, List<String>> rootHeaders = root.headerLists();
        message.put(AttachmentDeserializer.ATTACHMENT_PART_HEADERS, rootHeaders); // the action parameter is read there
        String rootType = root.getHeader("content-type");
        String charset = rootType == null ? null : HttpHeaderHelper.findCharset(rootType);
        if (charset != null && !charset.isEmpty()) {
            message.put(Message.ENCODING, HttpHeaderHelper.mapCharset(charset));
        }
        message.setContent(InputStream.class, root.body());
        message.setAttachments(parts);
        message.put(KEY, parts);
        withoutCxfAttachmentParser(message.getInterceptorChain());
    }

    /** A fault later in the chain: the parts are released. */
    @Override
    public void handleFault(Message message) {
        release(message);
    }

    /**
     * Null when the request's MIME close delimiter was read, else why the request is incomplete; reads what is
     * left of the request first (call it once every document has been consumed). Null also for a request this
     * reader did not take (not multipart).
     */
    static String incompleteness(Message message) {
        StreamedParts parts = (StreamedParts) message.get(KEY);
        return parts == null ? null : parts.incompleteness();
    }

    private static void release(Message message) {
        StreamedParts parts = (StreamedParts) message.get(KEY);
        if (parts != null) {
            parts.close();
        }
    }

    private static void withoutCxfAttachmentParser(InterceptorChain chain) {
        if (chain == null) {
            return;
        }
        List<Interceptor<? extends Message>> cxf = new ArrayList<>();
        chain.iterator().forEachRemaining(i -> {
            if (i instanceof AttachmentInInterceptor) {
                cxf.add(i);
            }
        });
        cxf.forEach(chain::remove);
    }

    /**
     * Releases the parts once the endpoint has answered, before the answer is written: CXF iterates a request's
     * parts when it starts writing an answer, which must not read (or spill) the rest of a request that was
     * refused early; nothing reads the parts any more.
     */
    public static final class Release extends AbstractPhaseInterceptor<Message> {
        public Release() {
            super(Phase.POST_INVOKE);
            addBefore(OutgoingChainInterceptor.class.getName());
        }

        @Override
        public void handleMessage(Message message) {
            release(message);
        }
    }
}
