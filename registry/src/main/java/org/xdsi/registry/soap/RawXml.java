package org.xdsi.registry.soap;

import java.io.StringReader;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.wsdl.interceptors.BareOutInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.codehaus.stax2.XMLStreamWriter2;

/**
 * A response body that is already XML text (a stored-query answer spliced from stored fragments): written into
 * soap:Body as it is instead of being parsed and re-serialized event by event, which cost more than the query.
 * Where the writer cannot take raw text, it is an ordinary {@link StreamSource}.
 */
public final class RawXml extends StreamSource {
    private final String xml;

    public RawXml(String xml) {
        super(new StringReader(xml));
        this.xml = xml;
    }

    /** The interceptor that writes {@link RawXml} bodies; it runs just before CXF's own payload writer. */
    static final class Writer extends AbstractPhaseInterceptor<Message> {
        Writer() {
            super(Phase.MARSHAL);
            addBefore(BareOutInterceptor.class.getName());
        }

        @Override
        public void handleMessage(Message message) {
            MessageContentsList parts = MessageContentsList.getContentsList(message);
            XMLStreamWriter writer = message.getContent(XMLStreamWriter.class);
            if (parts == null || parts.size() != 1 || !(parts.get(0) instanceof RawXml raw)
                    || !(writer instanceof XMLStreamWriter2 raw2)) {
                return;
            }
            try {
                raw2.writeRaw(raw.xml);
            } catch (XMLStreamException e) {
                throw new Fault(e);
            }
            message.setContent(List.class, new MessageContentsList());
        }
    }
}
