package org.xdsi.registry.soap;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.ContextUtils;
import org.apache.cxf.ws.addressing.JAXWSAConstants;
import org.apache.cxf.ws.addressing.MAPAggregator;

/**
 * A provider endpoint serves several transactions, so the response wsa:Action is the one the handler chose for
 * this exchange (e.g. RegistryStoredQueryResponse), not one derived from a single WSDL operation.
 */
public final class ResponseAction extends AbstractPhaseInterceptor<Message> {
    private static final String KEY = ResponseAction.class.getName();
    /** WS-Addressing 1.0 SOAP binding: the action of every SOAP fault. */
    static final String FAULT_ACTION = "http://www.w3.org/2005/08/addressing/soap/fault";

    public ResponseAction() {
        super(Phase.PRE_LOGICAL);
        addBefore(MAPAggregator.class.getName());
    }

    /** Records the action to answer with; called by the endpoint while it handles the request. */
    public static void set(Exchange exchange, String action) {
        exchange.put(KEY, action);
    }

    private static boolean isFault(Message message) {
        Exchange exchange = message.getExchange();
        return message == exchange.getOutFaultMessage() || message.getContent(Exception.class) != null;
    }

    @Override
    public void handleMessage(Message message) {
        String action = isFault(message) ? FAULT_ACTION : (String) message.getExchange().get(KEY);
        if (action == null) {
            return;
        }
        AddressingProperties maps = (AddressingProperties) message.get(JAXWSAConstants.ADDRESSING_PROPERTIES_OUTBOUND);
        if (maps == null) {
            maps = new AddressingProperties();
            message.put(JAXWSAConstants.ADDRESSING_PROPERTIES_OUTBOUND, maps);
        }
        maps.setAction(ContextUtils.getAttributedURI(action));
    }
}
