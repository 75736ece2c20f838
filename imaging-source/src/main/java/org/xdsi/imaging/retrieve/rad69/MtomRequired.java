package org.xdsi.imaging.retrieve.rad69;

import java.util.Locale;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * RAD-69 is MTOM both ways (the contract's policy): a plain SOAP request gets a Sender fault that says so, instead of
 * CXF's policy message. A Content-Type that spells the type parameter unquoted or in another case is normalised,
 * since CXF's MTOM policy looks for the literal {@code type="application/xop+xml"}.
 */
final class MtomRequired extends AbstractPhaseInterceptor<Message> {
    private static final String POLICY_TEXT = "type=\"application/xop+xml\"";

    MtomRequired() {
        super(Phase.PRE_PROTOCOL);
    }

    @Override
    public void handleMessage(Message message) {
        String type = (String) message.get(Message.CONTENT_TYPE);
        String compact = type == null ? "" : type.toLowerCase(Locale.ROOT).replace(" ", "").replace("\"", "");
        if (!compact.startsWith("multipart/related;") || !compact.contains(";type=application/xop+xml")) {
            throw new SoapFault("RAD-69 requires MTOM/XOP (Content-Type multipart/related;"
                    + " type=\"application/xop+xml\"; start-info=\"application/soap+xml\"); this request came as '"
                    + type + "'", Soap12.getInstance().getSender());
        }
        if (!type.contains(POLICY_TEXT)) {
            message.put(Message.CONTENT_TYPE, type + "; " + POLICY_TEXT);
        }
    }
}
