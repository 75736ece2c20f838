package org.xdsi.registry.soap;

import jakarta.annotation.Resource;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.registry.RegistryService;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.query.AdhocQueryRequest;

/**
 * The registry's SOAP 1.2 endpoint: ITI-42 and ITI-18 on one URL, routed by wsa:Action and checked against the
 * body element (clients send no SOAPAction).
 */
@WebServiceProvider(serviceName = "DocumentRegistry_Service", portName = "DocumentRegistry_Port_Soap12",
        targetNamespace = "urn:ihe:iti:xds-b:2007")
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class RegistryEndpoint implements Provider<Source> {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryEndpoint.class);
    private static final Set<QName> REQUESTS = Set.of(new QName(Schemas.NS_LCM, "SubmitObjectsRequest"),
            new QName(Schemas.NS_QUERY, "AdhocQueryRequest"));
    private static final String SERVES = "the registry serves lcm:SubmitObjectsRequest (ITI-42, wsa:Action "
            + Vocabulary.ACTION_REGISTER + ") and query:AdhocQueryRequest (ITI-18, wsa:Action "
            + Vocabulary.ACTION_STORED_QUERY + ")";

    private final RegistryService registry;

    @Resource
    private WebServiceContext context;

    public RegistryEndpoint(RegistryService registry) {
        this.registry = registry;
    }

    @Override
    public Source invoke(Source request) {
        SoapRequest soap = SoapRequest.current(context);
        Object body = soap.unmarshal(request, REQUESTS, SERVES);
        if (body instanceof SubmitObjectsRequest submit) {
            soap.requireAction(Vocabulary.ACTION_REGISTER, "lcm:SubmitObjectsRequest");
            String xml = RegistryResponseXml.of(registry.registerDocumentSet(submit));
            soap.respondWith(Vocabulary.ACTION_REGISTER_RESPONSE);
            return new RawXml(xml);
        }
        if (body instanceof AdhocQueryRequest query) {
            soap.requireAction(Vocabulary.ACTION_STORED_QUERY, "query:AdhocQueryRequest");
            String xml = registry.storedQueryXml(query);
            soap.respondWith(Vocabulary.ACTION_STORED_QUERY_RESPONSE);
            return new RawXml(xml);
        }
        LOG.debug("registry request with unexpected body {}", body.getClass().getSimpleName());
        throw SoapFaults.sender(SoapFaults.ACTION_NOT_SUPPORTED, SERVES);
    }
}
