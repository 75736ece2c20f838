package org.xdsi.imaging.retrieve.rad69;

import jakarta.annotation.Resource;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.StringReader;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.registry.soap.SoapRequest;
import org.xdsi.repository.soap.RetrieveResponseWriter;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.xdsi.RetrieveImagingDocumentSetRequestType;

/**
 * The Imaging Document Source's SOAP 1.2 endpoint for RAD-69 Retrieve Imaging Document Set. The response is an
 * ITI-43 {@code xds:RetrieveDocumentSetResponse} whose instances are MTOM parts streamed when CXF writes the message.
 */
@WebServiceProvider(serviceName = "ImagingDocumentSource_Service", portName = "ImagingDocumentSource_Port_Soap12",
        targetNamespace = Schemas.NS_XDSI)
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP12HTTP_MTOM_BINDING)
public class ImagingDocumentSourceEndpoint implements Provider<Source> {
    public static final String ACTION = "urn:ihe:rad:2009:RetrieveImagingDocumentSet";
    private static final Set<QName> REQUESTS = Set.of(new QName(Schemas.NS_XDSI, "RetrieveImagingDocumentSetRequest"));
    private static final String SERVES = "the imaging document source serves iherad:RetrieveImagingDocumentSetRequest"
            + " (RAD-69, wsa:Action " + ACTION + ")";

    private final ImagingDocumentSetRetrieval retrieval;

    @Resource
    private WebServiceContext context;

    public ImagingDocumentSourceEndpoint(ImagingDocumentSetRetrieval retrieval) {
        this.retrieval = retrieval;
    }

    @Override
    public Source invoke(Source request) {
        SoapRequest soap = SoapRequest.current(context);
        RetrieveImagingDocumentSetRequestType body =
                (RetrieveImagingDocumentSetRequestType) soap.unmarshal(request, REQUESTS, SERVES);
        soap.requireAction(ACTION, "iherad:RetrieveImagingDocumentSetRequest");
        String xml = RetrieveResponseWriter.write(retrieval.retrieve(body), soap.message().getExchange());
        soap.respondWith(Vocabulary.ACTION_RETRIEVE_RESPONSE);
        return new StreamSource(new StringReader(xml));
    }
}
