package org.xdsi.registry.soap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Caps the bytes a request may carry, counting as they stream in, so a huge body is refused without being
 * buffered and whatever the client claims in Content-Length (chunked bodies have none).
 */
public final class RequestSizeLimit extends AbstractPhaseInterceptor<Message> {
    private final long maxBytes;

    public RequestSizeLimit(long maxBytes) {
        super(Phase.RECEIVE);
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            message.setContent(InputStream.class, new Capped(in, maxBytes));
        }
    }

    /** Thrown when the cap is passed; reported as a Sender fault. */
    public static final class TooLarge extends IOException {
        private final long maxBytes;

        TooLarge(long max) {
            super("request larger than the configured limit of " + max + " bytes", null);
            this.maxBytes = max;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private static final class Capped extends FilterInputStream {
        /** What is still read, and dropped, of a refused request so that its client gets the refusal. */
        private static final long DRAIN_LIMIT = 128L << 20;

        private final long max;
        private long count;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws IOException {
            count += n;
            if (count > max) {
                drainRest();
                throw new TooLarge(max);
            }
        }

        /**
         * A client still sending when the server closes the connection gets a TCP reset, which throws away the
         * refusal already in its receive buffer; reading what it still sends (up to a bound) lets the answer arrive.
         */
        private void drainRest() {
            byte[] skip = new byte[64 * 1024];
            long left = DRAIN_LIMIT;
            try {
                int n;
                while (left > 0 && (n = in.read(skip, 0, (int) Math.min(skip.length, left))) > 0) {
                    left -= n;
                }
            } catch (IOException e) {
                // the client went away: nobody to answer
            }
        }
    }
}
