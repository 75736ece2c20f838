package org.xdsi.imaging.retrieve.rad69;

import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.xdsi.registry.soap.SoapEndpoints;
import org.xdsi.repository.soap.OutboundAttachments;

/** Publishes the RAD-69 endpoint: SOAP 1.2, WS-Addressing, MTOM responses, the contract WSDL on {@code ?wsdl}. */
public final class Rad69Service {
    /** A RAD-69 request lists UIDs only: a generous cap that still refuses a flood. */
    private static final long MAX_REQUEST_BYTES = 16L << 20;

    private Rad69Service() {
    }

    public static Server publish(ImagingDocumentSetRetrieval retrieval, String url) {
        JaxWsServerFactoryBean factory = SoapEndpoints.factory(new ImagingDocumentSourceEndpoint(retrieval), url,
                "ImagingDocumentSource.wsdl", true, MAX_REQUEST_BYTES);
        factory.getInInterceptors().add(new MtomRequired());
        factory.getOutInterceptors().add(new OutboundAttachments());
        return factory.create();
    }
}
