package org.xdsi.registry.soap;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.attachment.AttachmentUnmarshaller;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Source;
import javax.xml.transform.stax.StAXSource;
import org.apache.cxf.jaxws.context.WrappedMessageContext;
import org.apache.cxf.message.Message;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.JAXWSAConstants;
import org.xdsi.schema.Schemas;

/** What a provider endpoint needs from the SOAP exchange at hand: the wsa:Action, the body, the response action. */
public final class SoapRequest {
    static final String MISSING_ACTION =
            "the wsa:Action header is missing: XDS requires WS-Addressing (ITI TF-2 Appendix V)";
    private final Message message;

    /** The CXF message, for what JAX-WS does not expose (attachments, content type). */
    public Message message() {
        return message;
    }

    private final String action;

    private SoapRequest(Message message, String action) {
        this.message = message;
        this.action = action;
    }

    public static SoapRequest current(WebServiceContext context) {
        MessageContext mc = context.getMessageContext();
        Message message = ((WrappedMessageContext) mc).getWrappedMessage();
        AddressingProperties maps = (AddressingProperties) message.get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND);
        String action = maps == null || maps.getAction() == null ? null : maps.getAction().getValue();
        if (action == null || action.isBlank()) {
            throw SoapFaults.sender(SoapFaults.MESSAGE_ADDRESSING_HEADER_REQUIRED, MISSING_ACTION);
        }
        return new SoapRequest(message, action.trim());
    }

    /**
     * The body as a JAXB object; unreadable or hostile XML becomes a Sender fault saying what is wrong and where
     * ({@link UnreadableRequest}), and so does
     * a body element the endpoint does not serve ({@code accepted} describes what it does serve).
     */
    public Object unmarshal(Source body, Set<QName> acceptedElements, String accepted) {
        return unmarshal(body, acceptedElements, accepted, null);
    }

    /** Like {@link #unmarshal(Source, Set, String)} for an MTOM request, resolving xop:Include by {@code xop}. */
    public Object unmarshal(Source body, Set<QName> acceptedElements, String accepted, AttachmentUnmarshaller xop) {
        if (body == null) {
            throw SoapFaults.sender("the SOAP body is empty; " + accepted);
        }
        try {
            if (body instanceof StAXSource stax && stax.getXMLStreamReader() != null) {
                XMLStreamReader reader = stax.getXMLStreamReader();
                if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                    reader.nextTag();
                }
                QName element = reader.getName();
                if (!acceptedElements.contains(element)) {
                    throw SoapFaults.sender(SoapFaults.ACTION_NOT_SUPPORTED, "the body element " + element
                            + " is not a request of this endpoint; " + accepted);
                }
                body = new StAXSource(reader);
            }
            Object o = Schemas.unmarshal(body, xop);
            return o instanceof JAXBElement<?> e ? e.getValue() : o;
        } catch (SOAPFaultException e) {
            throw e;
        } catch (JAXBException | XMLStreamException | RuntimeException e) {
            IOException broken = BrokenRequest.failure(message.getExchange()); // the parser may have dropped it
            throw SoapFaults.sender(UnreadableRequest.reason(broken != null ? broken : e));
        }
    }

    public static String marshal(Object element) {
        try {
            return Schemas.marshal(element);
        } catch (JAXBException e) {
            throw SoapFaults.receiver("the response could not be written");
        }
    }

    public void requireAction(String expected, String bodyElement) {
        if (!expected.equals(action)) {
            throw SoapFaults.sender(SoapFaults.ACTION_NOT_SUPPORTED, "wsa:Action '" + action
                    + "' does not match the body element " + bodyElement + ", which requires '" + expected + "'");
        }
    }

    public void respondWith(String responseAction) {
        ResponseAction.set(message.getExchange(), responseAction);
    }
}
