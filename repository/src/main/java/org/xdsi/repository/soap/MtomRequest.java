package org.xdsi.repository.soap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.AttachmentInInterceptor;
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
 * <li>{@link Completeness}: CXF takes the end of the HTTP body for the end of the last MIME part, so a request cut
 * in the middle of a document would be stored cut short. The stream is watched for the close delimiter
 * ({@code --boundary--}); {@link #isComplete(Message)} tells whether it came.</li>
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

    /**
     * True when the request's close delimiter was read; reads what is left of the request first (call it once every
     * part has been consumed). True also when the request was not watched (not multipart).
     */
    static boolean isComplete(Message message) throws IOException {
        CloseDelimiterWatch watch = (CloseDelimiterWatch) message.get(CloseDelimiterWatch.class.getName());
        return watch == null || watch.drainAndCheck();
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

    /** Watches the raw request for its close delimiter, before CXF's attachment parser reads it. */
    public static final class Completeness extends AbstractPhaseInterceptor<Message> {
        public Completeness() {
            super(Phase.RECEIVE);
            addBefore(AttachmentInInterceptor.class.getName());
        }

        @Override
        public void handleMessage(Message message) {
            String type = (String) message.get(Message.CONTENT_TYPE);
            InputStream in = message.getContent(InputStream.class);
            String boundary = type == null ? null : parameter(type, "boundary");
            if (in == null || boundary == null || boundary.isEmpty()
                    || !type.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                return;
            }
            CloseDelimiterWatch watch = new CloseDelimiterWatch(in, "--" + boundary + "--");
            message.setContent(InputStream.class, watch);
            message.put(CloseDelimiterWatch.class.getName(), watch);
        }
    }

    /** Passes the bytes through, looking for one pattern (Knuth-Morris-Pratt, so linear in the bytes). */
    static final class CloseDelimiterWatch extends FilterInputStream {
        private final byte[] pattern;
        private final int[] fallback;
        private int matched;
        private boolean seen;

        CloseDelimiterWatch(InputStream in, String delimiter) {
            super(in);
            this.pattern = delimiter.getBytes(StandardCharsets.US_ASCII);
            this.fallback = new int[pattern.length];
            for (int i = 1, k = 0; i < pattern.length; i++) {
                while (k > 0 && pattern[i] != pattern[k]) {
                    k = fallback[k - 1];
                }
                if (pattern[i] == pattern[k]) {
                    k++;
                }
                fallback[i] = k;
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                scan((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            for (int i = 0; i < n && !seen; i++) {
                scan(buf[off + i]);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        private void scan(byte b) {
            if (seen) {
                return;
            }
            while (matched > 0 && pattern[matched] != b) {
                matched = fallback[matched - 1];
            }
            if (pattern[matched] == b) {
                matched++;
            }
            if (matched == pattern.length) {
                seen = true;
            }
        }

        boolean drainAndCheck() throws IOException {
            byte[] buf = new byte[8192];
            while (!seen && read(buf, 0, buf.length) >= 0) {
                // the epilogue, if any, and whatever CXF did not need to read
            }
            return seen;
        }
    }
}
