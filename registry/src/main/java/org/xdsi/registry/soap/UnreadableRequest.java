package org.xdsi.registry.soap;

import jakarta.xml.bind.JAXBException;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXParseException;

/**
 * Why a request body could not be read, in words for the person who sent it: what is wrong and where (line and
 * column), never the parser's own message, which names parser classes and internals. The parser's message is
 * logged at DEBUG for whoever runs the server.
 */
public final class UnreadableRequest {
    private static final Logger LOG = LoggerFactory.getLogger(UnreadableRequest.class);
    private static final Pattern QUOTED = Pattern.compile("\"([\\w.-]{1,64})\"");

    private UnreadableRequest() {
    }

    /** The fault reason for a failure to read the request body. */
    public static String reason(Throwable failure) {
        LOG.debug("unreadable request: {}", failure.toString());
        Throwable xml = null;
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof RequestSizeLimit.TooLarge tooLarge) {
                return "the request is larger than the configured limit of " + tooLarge.maxBytes() + " bytes";
            }
            if (t instanceof IllegalArgumentException && String.valueOf(t.getMessage()).contains("escape (%)")) {
                // CXF URL-decodes every Content-ID, though RFC 2392 leaves a bare '%' legal there
                return "a MIME part's Content-ID contains a '%' that is not followed by two hexadecimal digits, which"
                        + " this server cannot read";
            }
            if (t instanceof CharConversionException) {
                return "the request body is not correctly encoded text" + where(xml)
                        + "; check the charset of its Content-Type";
            }
            if (xml == null && (t instanceof XMLStreamException || t instanceof SAXParseException)) {
                xml = t;
            }
        }
        String detail = messages(failure).toLowerCase(Locale.ROOT);
        if (detail.contains("doctype") || detail.contains("event dtd")) {
            return "DOCTYPE is not allowed: XDS messages carry no DTD and no entity declarations";
        }
        if (hasIoFailure(failure)) { // the transport failed, not the XML: a client that went away mid-request
            return "the request body could not be read to its end: the connection was closed or broke off";
        }
        if (detail.contains("eof") || detail.contains("end of input")) {
            return "the request body ended before its XML was complete" + where(xml);
        }
        if (detail.contains("undeclared namespace prefix")) {
            Matcher prefix = QUOTED.matcher(messages(failure));
            return "the request body uses an undeclared namespace prefix" + (prefix.find() ? " '" + prefix.group(1)
                    + "'" : "") + where(xml);
        }
        if (xml != null) {
            return "the request body is not well-formed XML" + where(xml);
        }
        return "the request body could not be read as an XDS message";
    }

    /** " at line L, column C", or nothing when the parser did not say where. */
    private static String where(Throwable xml) {
        int line = -1;
        int column = -1;
        if (xml instanceof XMLStreamException x && x.getLocation() != null) {
            Location l = x.getLocation();
            line = l.getLineNumber();
            column = l.getColumnNumber();
        } else if (xml instanceof SAXParseException x) {
            line = x.getLineNumber();
            column = x.getColumnNumber();
        }
        return line > 0 ? " at line " + line + (column > 0 ? ", column " + column : "") : "";
    }

    private static boolean hasIoFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t.getMessage() != null) {
                sb.append(t.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    /** The cause, or JAXB's linked exception where JAXB keeps it. */
    private static Throwable next(Throwable t) {
        Throwable next = t.getCause();
        if (next == null && t instanceof JAXBException j) {
            next = j.getLinkedException();
        }
        if (next == null && t instanceof XMLStreamException x) {
            next = x.getNestedException();
        }
        return next == t ? null : next;
    }

    /** True when the failure is one of reading XML or the bytes under it, not of what the endpoint did with them. */
    static boolean isReadFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof XMLStreamException || t instanceof SAXParseException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** True when the exchange failed while its request was read and handled, not while the answer was written. */
    static boolean failedOnRequest(Message message) {
        Message in = message.getExchange() == null ? null : message.getExchange().getInMessage();
        return in != null && in.getContent(Exception.class) != null;
    }

    /**
     * Rewrites a fault CXF raised itself because it could not read the request (the envelope before any endpoint
     * code ran, or a stream that broke off): the parser's raw message becomes {@link #reason}, and the fault blames
     * the sender.
     */
    static final class FaultReason extends AbstractPhaseInterceptor<Message> {
        FaultReason() {
            super(Phase.PRE_LOGICAL);
        }

        @Override
        public void handleMessage(Message message) {
            Exception e = message.getContent(Exception.class);
            if (!(e instanceof Fault fault) || !failedOnRequest(message)) {
                return;
            }
            IOException broken = BrokenRequest.failure(message.getExchange());
            if (broken != null || isReadFailure(fault.getCause())) {
                fault.setMessage(reason(broken != null ? broken : fault));
                fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
            }
        }
    }
}
