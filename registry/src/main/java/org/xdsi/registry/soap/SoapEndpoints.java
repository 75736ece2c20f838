package org.xdsi.registry.soap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.xdsi.schema.Schemas;

/** Publishes XDS provider endpoints the same way: SOAP 1.2, WS-Addressing, size cap, chosen response action. */
public final class SoapEndpoints {
    private SoapEndpoints() {
    }

    public static Server publish(Object implementor, String address, String wsdl, boolean mtom, long maxRequestBytes) {
        return factory(implementor, address, wsdl, mtom, maxRequestBytes).create();
    }

    /** The configured factory, for endpoints that add their own properties or interceptors before creating it. */
    public static JaxWsServerFactoryBean factory(Object implementor, String address, String wsdl, boolean mtom,
                                                 long maxRequestBytes) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setServiceBean(implementor);
        factory.setAddress(address);
        // ?wsdl serves the contract, not a description generated from the provider class
        factory.setWsdlLocation(Schemas.wsdlUrl(wsdl).toExternalForm());
        factory.setBindingId(jakarta.xml.ws.soap.SOAPBinding.SOAP12HTTP_BINDING);
        WSAddressingFeature addressing = new WSAddressingFeature();
        addressing.setAddressingRequired(true);
        factory.setFeatures(List.of(addressing));
        Map<String, Object> props = new HashMap<>();
        props.put("mtom-enabled", mtom);
        // hand providers a StAXSource over CXF's own (DTD-refusing) parser: no second parse of the body
        props.put("source-preferred-format", "stax");
        // never echo Java internals to a client
        props.put("faultStackTraceEnabled", false);
        props.put("exceptionMessageCauseEnabled", false);
        props.put(FaultListener.class.getName(), new FaultLog());
        factory.setProperties(props);
        factory.getInInterceptors().add(new RequestSizeLimit(maxRequestBytes));
        factory.getInInterceptors().add(new BrokenRequest());
        factory.getInInterceptors().add(new RequireAction());
        factory.getOutInterceptors().add(new ResponseAction());
        factory.getOutInterceptors().add(new RawXml.Writer());
        factory.getOutFaultInterceptors().add(new ResponseAction());
        factory.getOutFaultInterceptors().add(new UnreadableRequest.FaultReason());
        return factory;
    }
}
