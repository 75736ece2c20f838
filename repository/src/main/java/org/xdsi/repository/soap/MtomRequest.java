package org.xdsi.repository.soap;

import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * What CXF does not check, or checks too narrowly, about an incoming MTOM/XOP request.
 *
 * <ul>
 * <li>{@link Required}: a request that is not MTOM gets a Sender fault saying MTOM is required (otherwise the WSDL's
 * MTOM policy answers with a Receiver fault "These policy alternatives can not be satisfied"), and an MTOM request
 * whose Content-Type spells {@code type} unquoted or in another case is recognised as MTOM (CXF's MTOM policy looks
 * for the literal text {@code type="application/xop+xml"}).</li>
 * </ul>
 */
public final class MtomRequest {
    private static final String CXF_MTOM_POLICY_TEXT = "type=\"application/xop+xml\"";

    private MtomRequest() {
    }

    /** The reason of the fault that refuses a request which is not MTOM. */
    static String mtomRequired(String contentType) {
        return "the repository requires MTOM/XOP (Content-Type multipart/related; type=\"application/xop+xml\";"
                + " start-info=\"application/soap+xml\"), as ITI-41 and ITI-43 prescribe; this request came as '"
                + contentType + "'";
    }

    /** multipart/related with a type parameter application/xop+xml, however quoted or capitalised. */
    static boolean isMtom(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("multipart/related")) {
            return false;
        }
        return "application/xop+xml".equalsIgnoreCase(parameter(contentType, "type"));
    }

    /** A Content-Type parameter's value without quotes, or null. */
    static String parameter(String contentType, String name) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = parts[i].substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    /** Refuses non-MTOM requests with a Sender fault; lets CXF's MTOM policy recognise every spelling of MTOM. */
    public static final class Required extends AbstractPhaseInterceptor<Message> {
        public Required() {
            super(Phase.PRE_PROTOCOL);
        }

        @Override
        public void handleMessage(Message message) {
            String type = (String) message.get(Message.CONTENT_TYPE);
            if (!isMtom(type)) {
                throw new SoapFault(mtomRequired(type), Soap12.getInstance().getSender());
            }
            if (!type.contains(CXF_MTOM_POLICY_TEXT)) {
                message.put(Message.CONTENT_TYPE, type + "; " + CXF_MTOM_POLICY_TEXT);
            }
        }
    }
}
