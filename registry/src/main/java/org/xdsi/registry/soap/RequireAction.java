package org.xdsi.registry.soap;

import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Answers a request without wsa:Action with a Sender fault that says so, before the addressing layer turns the
 * same problem into a generic "Message Addressing Property is not present" Receiver fault.
 */
final class RequireAction extends AbstractSoapInterceptor {
    private static final QName ACTION = new QName(SoapFaults.NS_WSA, "Action");

    RequireAction() {
        super(Phase.PRE_PROTOCOL);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (message.getHeader(ACTION) == null) {
            SoapFault fault = new SoapFault(SoapRequest.MISSING_ACTION, Soap12.getInstance().getSender());
            fault.addSubCode(SoapFaults.MESSAGE_ADDRESSING_HEADER_REQUIRED);
            throw fault;
        }
    }
}
