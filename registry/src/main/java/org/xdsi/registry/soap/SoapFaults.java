package org.xdsi.registry.soap;

import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;
import javax.xml.namespace.QName;
import org.apache.cxf.interceptor.Fault;

/** SOAP 1.2 faults with a reason a person can act on, and never a stack trace. */
public final class SoapFaults {
    public static final String NS_WSA = "http://www.w3.org/2005/08/addressing";
    public static final QName ACTION_NOT_SUPPORTED = new QName(NS_WSA, "ActionNotSupported", "wsa");
    public static final QName MESSAGE_ADDRESSING_HEADER_REQUIRED =
            new QName(NS_WSA, "MessageAddressingHeaderRequired", "wsa");

    private SoapFaults() {
    }

    /** The client sent something wrong: soap:Sender. */
    public static SOAPFaultException sender(String reason) {
        return fault(SOAPConstants.SOAP_SENDER_FAULT, null, reason);
    }

    public static SOAPFaultException sender(QName subcode, String reason) {
        return fault(SOAPConstants.SOAP_SENDER_FAULT, subcode, reason);
    }

    /** We failed: soap:Receiver. */
    public static SOAPFaultException receiver(String reason) {
        return fault(SOAPConstants.SOAP_RECEIVER_FAULT, null, reason);
    }

    /** True for a fault that blames the request (soap:Sender, or Client in SOAP 1.1). */
    static boolean isSender(Fault fault) {
        QName code = fault.getFaultCode();
        return code != null && ("Sender".equals(code.getLocalPart()) || "Client".equals(code.getLocalPart()));
    }

    private static SOAPFaultException fault(QName code, QName subcode, String reason) {
        try {
            SOAPFault fault = SOAPFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL).createFault(reason, code);
            if (subcode != null) {
                fault.appendFaultSubcode(subcode);
            }
            return new SOAPFaultException(fault);
        } catch (SOAPException e) {
            throw new IllegalStateException("SAAJ cannot build a SOAP 1.2 fault", e);
        }
    }
}
