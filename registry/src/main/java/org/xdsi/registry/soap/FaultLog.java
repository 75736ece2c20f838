package org.xdsi.registry.soap;

import java.io.IOException;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the faults of the SOAP endpoints. A request that could not be read (not XML, or cut off because the client
 * went away) and a Sender fault (what the client sent is wrong, and the reason says what) are one INFO line each, not
 * the WARN with a stack trace CXF logs by default for every such request. Any other fault is a problem of this
 * server and keeps CXF's WARN with the stack trace.
 */
final class FaultLog implements FaultListener {
    private static final Logger LOG = LoggerFactory.getLogger(FaultLog.class);

    @Override
    public boolean faultOccurred(Exception exception, String description, Message message) {
        boolean onRequest = message.getExchange() != null && message == message.getExchange().getInMessage();
        IOException broken = BrokenRequest.failure(message.getExchange());
        if (onRequest && (broken != null || UnreadableRequest.isReadFailure(exception))) {
            LOG.info("could not read a request: {}", UnreadableRequest.reason(broken != null ? broken : exception));
            return false; // CXF's own logging stays off
        }
        if (exception instanceof Fault fault && SoapFaults.isSender(fault)) {
            LOG.info("answered a Sender fault: {}", fault.getMessage());
            return false;
        }
        return true;
    }
}
