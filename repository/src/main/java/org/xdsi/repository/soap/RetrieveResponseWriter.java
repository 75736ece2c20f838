package org.xdsi.repository.soap;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.attachment.AttachmentMarshaller;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import org.apache.cxf.message.Exchange;
import org.xdsi.metadata.RegistryResponses;
import org.xdsi.registry.soap.SoapFaults;
import org.xdsi.repository.retrieve.Retrieval;
import org.xdsi.repository.store.StoredDocument;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.xdsb.ObjectFactory;
import org.xdsi.schema.xdsb.RetrieveDocumentSetResponseType;

/**
 * Writes an ITI-43 / RAD-69 response body whose documents are MTOM parts: each {@code xds:Document} is an
 * {@code xop:Include} and the part streams from the store when CXF writes the message.
 */
public final class RetrieveResponseWriter {
    private static final ObjectFactory XDSB = new ObjectFactory();

    private RetrieveResponseWriter() {
    }

    public static String write(Retrieval retrieval, Exchange exchange) {
        RetrieveDocumentSetResponseType response = new RetrieveDocumentSetResponseType();
        response.setRegistryResponse(RegistryResponses.withStatus(retrieval.status(), retrieval.errors()));
        for (Retrieval.Found f : retrieval.documents()) {
            RetrieveDocumentSetResponseType.DocumentResponse d = new RetrieveDocumentSetResponseType.DocumentResponse();
            // homeCommunityId is echoed only when the request carried one (digest §5.2)
            d.setHomeCommunityId(f.request().homeCommunityId());
            d.setRepositoryUniqueId(f.request().repositoryUniqueId().trim());
            d.setDocumentUniqueId(f.document().uniqueId());
            d.setMimeType(f.document().mimeType());
            d.setDocument(new StoredHandler(new Stored(f.document())));
            response.getDocumentResponse().add(d);
        }
        try {
            Marshaller marshaller = Schemas.newMarshaller();
            marshaller.setAttachmentMarshaller(new Parts(exchange));
            StringWriter out = new StringWriter();
            marshaller.marshal(XDSB.createRetrieveDocumentSetResponse(response), out);
            return out.toString();
        } catch (JAXBException e) {
            throw SoapFaults.receiver("the retrieve response could not be written");
        }
    }

    /** Every document becomes its own part, whatever its size (MTOM's inline threshold does not apply). */
    private static final class Parts extends AttachmentMarshaller {
        private final Exchange exchange;
        private int next;

        Parts(Exchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public String addMtomAttachment(DataHandler data, String namespace, String localName) {
            String id = (++next) + "." + java.util.UUID.randomUUID() + "@xdsi";
            OutboundAttachments.add(exchange, id, data);
            return "cid:" + id;
        }

        @Override
        public String addMtomAttachment(byte[] data, int offset, int length, String mimeType, String namespace,
                                        String localName) {
            throw new UnsupportedOperationException("documents are streamed, not held as byte arrays");
        }

        @Override
        public String addSwaRefAttachment(DataHandler data) {
            throw new UnsupportedOperationException("swaRef is not used by XDS");
        }

        @Override
        public boolean isXOPPackage() {
            return true;
        }
    }

    /**
     * Writes the document into the answer through {@link StoredDocument#writeTo}: in large pieces (CXF's own copy
     * through {@link DataHandler#writeTo} goes 8 KiB at a time), or produced on the fly by the document itself.
     */
    private static final class StoredHandler extends DataHandler {
        private final StoredDocument document;

        StoredHandler(Stored source) {
            super(source);
            this.document = source.document();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            document.writeTo(out);
        }
    }

    /** A stored document as an activation DataSource: each read opens the file anew. */
    private record Stored(StoredDocument document) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            return document.open();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return document.mimeType();
        }

        @Override
        public String getName() {
            return document.uniqueId();
        }
    }
}
