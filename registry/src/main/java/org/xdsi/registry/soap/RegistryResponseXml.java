package org.xdsi.registry.soap;

import org.xdsi.metadata.Vocabulary;
import org.xdsi.schema.rs.ObjectFactory;
import org.xdsi.schema.rs.RegistryResponseType;

/**
 * A RegistryResponse as XML text for {@link RawXml}. Nearly every ITI-42 answer is a bare Success, which is the
 * same text each time and is not marshalled again.
 */
final class RegistryResponseXml {
    private static final ObjectFactory RS = new ObjectFactory();
    static final String SUCCESS = marshal(bareSuccess());

    private RegistryResponseXml() {
    }

    static String of(RegistryResponseType response) {
        boolean bareSuccess = Vocabulary.RESPONSE_SUCCESS.equals(response.getStatus())
                && response.getRegistryErrorList() == null && response.getResponseSlotList() == null
                && response.getRequestId() == null;
        return bareSuccess ? SUCCESS : marshal(response);
    }

    private static RegistryResponseType bareSuccess() {
        RegistryResponseType response = new RegistryResponseType();
        response.setStatus(Vocabulary.RESPONSE_SUCCESS);
        return response;
    }

    private static String marshal(RegistryResponseType response) {
        return SoapRequest.marshal(RS.createRegistryResponse(response));
    }
}
