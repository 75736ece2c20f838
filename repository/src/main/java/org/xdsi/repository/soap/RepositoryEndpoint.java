package org.xdsi.repository.soap;

import jakarta.activation.DataHandler;
import jakarta.annotation.Resource;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.message.Message;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.RegistryResponses;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.registry.soap.BrokenRequest;
import org.xdsi.registry.soap.SoapFaults;
import org.xdsi.registry.soap.SoapRequest;
import org.xdsi.registry.soap.UnreadableRequest;
import org.xdsi.repository.RepositoryService;
import org.xdsi.repository.provide.AttachedDocument;
import org.xdsi.repository.retrieve.DocumentRequest;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.rs.ObjectFactory;
import org.xdsi.schema.rs.RegistryResponseType;
import org.xdsi.schema.xdsb.ProvideAndRegisterDocumentSetRequestType;
import org.xdsi.schema.xdsb.RetrieveDocumentSetRequestType;

/**
 * The repository's SOAP 1.2 + MTOM endpoint: ITI-41 and ITI-43 on one URL, routed by wsa:Action and checked against
 * the body element. Documents stream from the MIME parts to the store and from the store into the response.
 */
@WebServiceProvider(serviceName = "DocumentRepository_Service", portName = "DocumentRepository_Port_Soap12",
        targetNamespace = "urn:ihe:iti:xds-b:2007")
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP12HTTP_MTOM_BINDING)
public class RepositoryEndpoint implements Provider<Source> {
    private static final ObjectFactory RS = new ObjectFactory();
    private static final Set<QName> REQUESTS = Set.of(
            new QName(Schemas.NS_XDSB, "ProvideAndRegisterDocumentSetRequest"),
            new QName(Schemas.NS_XDSB, "RetrieveDocumentSetRequest"));
    private static final String SERVES = "the repository serves xds:ProvideAndRegisterDocumentSetRequest (ITI-41,"
            + " wsa:Action " + Vocabulary.ACTION_PROVIDE_AND_REGISTER + ") and xds:RetrieveDocumentSetRequest"
            + " (ITI-43, wsa:Action " + Vocabulary.ACTION_RETRIEVE + "), both as MTOM/XOP";

    private final RepositoryService repository;

    @Resource
    private WebServiceContext context;

    public RepositoryEndpoint(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public Source invoke(Source request) {
        SoapRequest soap = SoapRequest.current(context);
        requireMtom(soap.message());
        XopAttachments xop = new XopAttachments(soap.message().getAttachments());
        Object body = soap.unmarshal(request, REQUESTS, SERVES, xop);
        if (body instanceof ProvideAndRegisterDocumentSetRequestType provide) {
            soap.requireAction(Vocabulary.ACTION_PROVIDE_AND_REGISTER, "xds:ProvideAndRegisterDocumentSetRequest");
            RegistryResponseType response = provideAndRegister(provide, xop, soap.message());
            soap.respondWith(Vocabulary.ACTION_PROVIDE_AND_REGISTER_RESPONSE);
            return new StreamSource(new StringReader(SoapRequest.marshal(RS.createRegistryResponse(response))));
        }
        RetrieveDocumentSetRequestType retrieve = (RetrieveDocumentSetRequestType) body;
        soap.requireAction(Vocabulary.ACTION_RETRIEVE, "xds:RetrieveDocumentSetRequest");
        List<DocumentRequest> requests = new ArrayList<>();
        for (RetrieveDocumentSetRequestType.DocumentRequest r : retrieve.getDocumentRequest()) {
            requests.add(new DocumentRequest(r.getHomeCommunityId(), r.getRepositoryUniqueId(),
                    r.getDocumentUniqueId()));
        }
        String xml = RetrieveResponseWriter.write(repository.retrieve(requests), soap.message().getExchange());
        soap.respondWith(Vocabulary.ACTION_RETRIEVE_RESPONSE);
        return new StreamSource(new StringReader(xml));
    }

    /** The parts no xds:Document referenced; reading past the documents may meet a connection that broke off. */
    private static List<String> unreferencedParts(XopAttachments xop, Message message) {
        try {
            return xop.unreferencedParts();
        } catch (RuntimeException e) {
            if (BrokenRequest.failure(message.getExchange()) != null) {
                return List.of(); // answered below as a request that broke off
            }
            throw e;
        }
    }

    private RegistryResponseType provideAndRegister(ProvideAndRegisterDocumentSetRequestType request,
                                                    XopAttachments xop, Message message) {
        List<AttachedDocument> documents = new ArrayList<>();
        List<XdsError> missing = new ArrayList<>();
        for (ProvideAndRegisterDocumentSetRequestType.Document d : request.getDocument()) {
            DataHandler data = d.getValue();
            if (data instanceof XopAttachments.Missing m) {
                missing.add(XdsError.error(ErrorCode.XDSMissingDocument, "xds:Document '" + d.getId()
                        + "' refers to " + m.cid() + " but the message has no MIME part with that Content-ID",
                        d.getId()));
            }
            documents.add(new Part(d.getId(), data));
        }
        if (!missing.isEmpty()) {
            return RegistryResponses.successOrFailure(missing);
        }
        RegistryResponseType response = repository.provideAndRegister(request.getSubmitObjectsRequest(), documents,
                () -> afterReceipt(xop, message));
        IOException broken = BrokenRequest.failure(message.getExchange());
        if (broken != null) {
            // the client went away mid-upload: a fault, not a Failure blaming the document that was streaming;
            // nothing was registered, since every part is read before the registry is asked
            throw SoapFaults.sender(UnreadableRequest.reason(broken) + "; nothing was stored");
        }
        return response;
    }

    /** What is wrong with the message once its documents were read, checked before anything is registered. */
    private static List<XdsError> afterReceipt(XopAttachments xop, Message message) {
        List<XdsError> extra = new ArrayList<>();
        for (String id : unreferencedParts(xop, message)) {
            extra.add(XdsError.error(ErrorCode.XDSMissingDocumentMetadata, "MIME part <" + id
                    + "> is referenced by no xds:Document of the request", id));
        }
        // a cut-off body ends the last part as a delimiter would: only the close delimiter shows it is whole
        String incomplete = MtomPartsReader.incompleteness(message);
        if (incomplete != null) {
            extra.add(XdsError.error(ErrorCode.XDSRepositoryError, incomplete + "; nothing was stored", null));
        }
        return extra;
    }

    /** ITI-41 and ITI-43 are MTOM both ways (digest §0): a plain SOAP request is answered with a clear fault. */
    private static void requireMtom(Message message) {
        String type = (String) message.get(Message.CONTENT_TYPE);
        String lower = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("multipart/related") || !lower.contains("application/xop+xml")) {
            throw SoapFaults.sender(MtomRequest.mtomRequired(type));
        }
    }

    private record Part(String id, DataHandler data) implements AttachedDocument {
        @Override
        public InputStream open() throws java.io.IOException {
            return data.getInputStream();
        }
    }
}
