package org.xdsi.registry.soap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Remembers on the exchange that reading the request's bytes failed: the client closed the connection (or the
 * network broke) while it was still sending. The parsers above the stream wrap that failure each in their own way,
 * some without its cause; this is how the endpoints and the fault handling still know what happened.
 */
public final class BrokenRequest extends AbstractPhaseInterceptor<Message> {
    private static final String KEY = BrokenRequest.class.getName();

    public BrokenRequest() {
        super(Phase.RECEIVE);
    }

    /** The failure that broke off reading the request, or null when the request was read as far as it went. */
    public static IOException failure(Exchange exchange) {
        return exchange == null ? null : (IOException) exchange.get(KEY);
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        Exchange exchange = message.getExchange();
        if (in == null || exchange == null) {
            return;
        }
        message.setContent(InputStream.class, new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    record(exchange, e);
                    throw e;
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    record(exchange, e);
                    throw e;
                }
            }
        });
    }

    /** A request over the size limit is refused as such, not as broken off. */
    private static void record(Exchange exchange, IOException e) {
        if (!(e instanceof RequestSizeLimit.TooLarge) && exchange.get(KEY) == null) {
            exchange.put(KEY, e);
        }
    }
}
