package org.xdsi.registry.client;

import jakarta.xml.bind.JAXBException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stax.StAXSource;
import org.xdsi.schema.Schemas;

/**
 * A SOAP 1.2 answer as the client needs it: the WS-Addressing headers it checks, and either the fault or the body.
 * Read in one streaming pass so a large ITI-18 answer is parsed once, straight into JAXB.
 *
 * @param body the body element unmarshalled, or null when it is not {@code expected} (or a fault, or empty)
 */
record SoapReply<T>(String action, List<String> relatesTo, boolean fault, String faultCode, String faultReason,
                    QName bodyElement, T body) {
    static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String NS_WSA = "http://www.w3.org/2005/08/addressing";
    private static final QName ENVELOPE = new QName(NS_SOAP, "Envelope");
    private static final QName HEADER = new QName(NS_SOAP, "Header");
    private static final QName BODY = new QName(NS_SOAP, "Body");
    private static final QName FAULT = new QName(NS_SOAP, "Fault");
    private static final QName CODE = new QName(NS_SOAP, "Code");
    private static final QName SUBCODE = new QName(NS_SOAP, "Subcode");
    private static final QName VALUE = new QName(NS_SOAP, "Value");
    private static final QName REASON = new QName(NS_SOAP, "Reason");
    private static final QName ACTION = new QName(NS_WSA, "Action");
    private static final QName RELATES_TO = new QName(NS_WSA, "RelatesTo");

    /**
     * @param charset the Content-Type charset, or null to let the parser detect it (BOM, XML declaration, UTF-8)
     * @throws XMLStreamException not XML, a DOCTYPE, or not a SOAP 1.2 envelope
     */
    static <T> SoapReply<T> read(InputStream in, String charset, QName expected, Class<T> type)
            throws XMLStreamException, JAXBException {
        // a new factory per call: StAX factories are not guaranteed thread-safe, and a call is an HTTP round trip
        XMLStreamReader r = charset == null ? Schemas.secureInputFactory().createXMLStreamReader(in)
                : Schemas.secureInputFactory().createXMLStreamReader(in, charset);
        try {
            while (r.next() != XMLStreamConstants.START_ELEMENT) {
                if (r.getEventType() == XMLStreamConstants.DTD) {
                    throw new XMLStreamException("a DOCTYPE is not allowed in a SOAP message");
                }
            }
            if (!ENVELOPE.equals(r.getName())) {
                throw new XMLStreamException("the root element is " + r.getName() + ", not a SOAP 1.2 soap:Envelope");
            }
            String action = null;
            List<String> relatesTo = new ArrayList<>();
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (HEADER.equals(r.getName())) {
                    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        if (ACTION.equals(r.getName())) {
                            action = r.getElementText().trim();
                        } else if (RELATES_TO.equals(r.getName())) {
                            relatesTo.add(r.getElementText().trim());
                        } else {
                            skip(r);
                        }
                    }
                } else if (BODY.equals(r.getName())) {
                    if (r.nextTag() == XMLStreamConstants.END_ELEMENT) {
                        return new SoapReply<>(action, relatesTo, false, null, null, null, null);
                    }
                    QName element = r.getName();
                    if (FAULT.equals(element)) {
                        return fault(r, action, relatesTo);
                    }
                    T body = element.equals(expected) ? Schemas.unmarshal(new StAXSource(r), type) : null;
                    return new SoapReply<>(action, relatesTo, false, null, null, element, body);
                } else {
                    skip(r);
                }
            }
            throw new XMLStreamException("the soap:Envelope has no soap:Body");
        } finally {
            r.close();
        }
    }

    private static <T> SoapReply<T> fault(XMLStreamReader r, String action, List<String> relatesTo)
            throws XMLStreamException {
        String code = null;
        String reason = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (CODE.equals(r.getName())) {
                code = code(r);
            } else if (REASON.equals(r.getName())) {
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    String text = r.getElementText().trim(); // one soap:Text per language: the first is enough
                    reason = reason == null ? text : reason;
                }
            } else {
                skip(r);
            }
        }
        return new SoapReply<>(action, relatesTo, true, code, reason, FAULT, null);
    }

    /** soap:Code or soap:Subcode as "soap:Sender / wsa:ActionNotSupported": the subcode is often the useful part. */
    private static String code(XMLStreamReader r) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (VALUE.equals(r.getName())) {
                sb.append(r.getElementText().trim());
            } else if (SUBCODE.equals(r.getName())) {
                sb.append(" / ").append(code(r));
            } else {
                skip(r);
            }
        }
        return sb.toString();
    }

    /** Skips the element the reader is on, ending on its END_ELEMENT. */
    private static void skip(XMLStreamReader r) throws XMLStreamException {
        for (int depth = 1; depth > 0; ) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
