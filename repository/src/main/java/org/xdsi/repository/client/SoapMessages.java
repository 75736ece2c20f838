package org.xdsi.repository.client;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.attachment.AttachmentUnmarshaller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stax.StAXSource;
import org.xdsi.repository.mime.ContentIds;
import org.xdsi.repository.mime.ContentType;
import org.xdsi.repository.mime.MultipartStream;
import org.xdsi.schema.Schemas;

/** SOAP 1.2 request envelopes as XDS clients write them, and the answers taken apart. */
final class SoapMessages {
    static final String NS_SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    static final String NS_SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String NS_WSA = "http://www.w3.org/2005/08/addressing";
    static final String ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";

    /** Envelopes (root parts) larger than this are refused: they hold metadata, documents travel as parts. */
    static final int MAX_ENVELOPE_BYTES = 64 * 1024 * 1024;

    private SoapMessages() {
    }

    /**
     * A SOAP 1.2 envelope with the WS-Addressing headers of ITI TF-2 Appendix V: Action (mustUnderstand), a fresh
     * MessageID, ReplyTo anonymous, To = the endpoint.
     */
    static byte[] envelope(String action, URI to, String bodyXml) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + NS_SOAP12 + "\" xmlns:wsa=\"" + NS_WSA + "\">"
                + "<soap:Header>"
                + "<wsa:Action soap:mustUnderstand=\"1\">" + escape(action) + "</wsa:Action>"
                + "<wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:ReplyTo><wsa:Address>" + ANONYMOUS + "</wsa:Address></wsa:ReplyTo>"
                + "<wsa:To soap:mustUnderstand=\"1\">" + escape(to.toString()) + "</wsa:To>"
                + "</soap:Header>"
                + "<soap:Body>" + bodyXml + "</soap:Body></soap:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Receives the non-root parts of a multipart answer, as they stream in. */
    interface PartSink {
        /**
         * @param body the part's bytes (Content-Transfer-Encoding already undone); read errors are
         *             {@link RemoteCallException}s, anything else the sink throws is a local problem
         */
        void part(String contentId, Map<String, String> headers, InputStream body) throws IOException;
    }

    /**
     * Reads an HTTP answer: the envelope (the root part of a multipart/related answer, or the whole body of a plain
     * SOAP answer), passing every other part to {@code sink} on the way.
     *
     * @throws RemoteCallException NOT_SOAP when the answer is neither; UNREACHABLE when the connection broke
     * @throws IOException         what {@code sink} threw for a local reason
     */
    static byte[] readAnswer(URI endpoint, int httpStatus, String contentTypeHeader, InputStream in, PartSink sink)
            throws IOException {
        ContentType type = ContentType.parse(contentTypeHeader);
        InputStream remote = new RemoteInput(endpoint, in);
        if (type.isMultipart() && type.parameter("boundary") != null) {
            String start = type.parameter("start");
            String root = start == null ? null : ContentIds.normalize(start);
            byte[] envelope = null;
            try (MultipartStream parts = new MultipartStream(remote, type.parameter("boundary"))) {
                while (next(endpoint, parts)) {
                    String id = parts.contentId();
                    InputStream body = new RemoteInput(endpoint, decoded(endpoint, parts));
                    boolean isRoot = root == null || root.equals(ContentIds.normalize(id))
                            // a start parameter that names no part: the XOP root is the first part
                            || (parts.partNumber() == 1 && ContentType.parse(parts.header("content-type"))
                                    .mediaType().equals("application/xop+xml"));
                    if (envelope == null && isRoot) {
                        envelope = readCapped(endpoint, body);
                    } else if (sink != null) {
                        sink.part(ContentIds.normalize(id), parts.headers(), body);
                    }
                }
            }
            if (envelope == null) {
                throw new RemoteCallException(RemoteCallException.Kind.NOT_SOAP, endpoint, "repository " + endpoint
                        + " answered HTTP " + httpStatus + " multipart/related without the root part "
                        + (start == null ? "" : start + " ") + "(the SOAP envelope)", null);
            }
            return envelope;
        }
        if (type.isXml() || type.mediaType().isEmpty()) {
            try (remote) {
                return readCapped(endpoint, remote);
            }
        }
        throw notSoap(endpoint, httpStatus, contentTypeHeader, remote);
    }

    private static boolean next(URI endpoint, MultipartStream parts) throws RemoteCallException {
        try {
            return parts.next();
        } catch (RemoteCallException e) {
            throw e;
        } catch (IOException e) {
            throw new RemoteCallException(RemoteCallException.Kind.NOT_SOAP, endpoint, "repository " + endpoint
                    + " sent a broken multipart answer: " + e.getMessage(), e);
        }
    }

    /** The part body with base64 transfer encoding undone (binary, 8bit and 7bit are passed as they are). */
    private static InputStream decoded(URI endpoint, MultipartStream parts) throws RemoteCallException {
        String encoding = parts.header("content-transfer-encoding");
        if (encoding == null) {
            return parts.body();
        }
        switch (encoding.trim().toLowerCase(Locale.ROOT)) {
            case "binary", "8bit", "7bit" -> {
                return parts.body();
            }
            case "base64" -> {
                return Base64.getMimeDecoder().wrap(parts.body());
            }
            default -> throw new RemoteCallException(RemoteCallException.Kind.NOT_SOAP, endpoint,
                    "repository " + endpoint + " sent MIME part <" + parts.contentId()
                    + "> with Content-Transfer-Encoding " + encoding + ", which this client does not decode", null);
        }
    }

    private static byte[] readCapped(URI endpoint, InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_ENVELOPE_BYTES) {
                throw new RemoteCallException(RemoteCallException.Kind.NOT_SOAP, endpoint, "repository " + endpoint
                        + " sent a SOAP envelope larger than " + MAX_ENVELOPE_BYTES + " bytes", null);
            }
        }
        return out.toByteArray();
    }

    private static RemoteCallException notSoap(URI endpoint, int httpStatus, String contentType, InputStream in) {
        String snippet = "";
        try (in) {
            byte[] head = in.readNBytes(300);
            snippet = new String(head, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ")
                    .strip();
        } catch (IOException ignored) {
            // the status and type say enough
        }
        return new RemoteCallException(RemoteCallException.Kind.NOT_SOAP, endpoint, "repository " + endpoint
                + " is not a SOAP endpoint: it answered HTTP " + httpStatus + " "
                + (contentType == null ? "without Content-Type" : contentType)
                + (snippet.isEmpty() ? "" : " (" + snippet + ")"), null);
    }

    /**
     * The first element of soap:Body as a JAXB value (xop:Include resolved by {@code attachments}).
     *
     * @throws RemoteCallException FAULT for a SOAP fault (code and reason in the message), NOT_SOAP for anything
     *                             that is not a SOAP envelope with a body XDS knows
     */
    static Object body(URI endpoint, int httpStatus, byte[] envelope, AttachmentUnmarshaller attachments)
            throws RemoteCallException {
        if (envelope.length == 0) {
            throw notSoap(endpoint, httpStatus, "an empty body; is this the repository's SOAP endpoint?");
        }
        try {
            XMLStreamReader r = Schemas.secureInputFactory().createXMLStreamReader(new ByteArrayInputStream(envelope));
            int event = r.nextTag();
            if (event != XMLStreamConstants.START_ELEMENT || !"Envelope".equals(r.getLocalName())
                    || !(NS_SOAP12.equals(r.getNamespaceURI()) || NS_SOAP11.equals(r.getNamespaceURI()))) {
                throw notSoap(endpoint, httpStatus, "an XML document that is no SOAP envelope ("
                        + r.getName() + ")");
            }
            String ns = r.getNamespaceURI();
            // to soap:Body, skipping soap:Header
            while (true) {
                event = r.nextTag();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    throw notSoap(endpoint, httpStatus, "a SOAP envelope without soap:Body");
                }
                if ("Body".equals(r.getLocalName()) && ns.equals(r.getNamespaceURI())) {
                    break;
                }
                skipElement(r);
            }
            event = r.nextTag();
            if (event != XMLStreamConstants.START_ELEMENT) {
                throw notSoap(endpoint, httpStatus, "an empty soap:Body");
            }
            if ("Fault".equals(r.getLocalName()) && ns.equals(r.getNamespaceURI())) {
                throw fault(endpoint, httpStatus, r);
            }
            Object o = Schemas.unmarshal(new StAXSource(r), attachments);
            return o instanceof JAXBElement<?> e ? e.getValue() : o;
        } catch (XMLStreamException | JAXBException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().strip().lines().findFirst().orElse("");
            if (e instanceof JAXBException j && j.getLinkedException() != null
                    && j.getLinkedException().getMessage() != null) {
                why = j.getLinkedException().getMessage();
            }
            throw new RemoteCallException(RemoteCallException.Kind.NOT_SOAP, endpoint, "repository " + endpoint
                    + " answered HTTP " + httpStatus + " with XML this client cannot read: " + why, e);
        }
    }

    private static RemoteCallException notSoap(URI endpoint, int httpStatus, String what) {
        return new RemoteCallException(RemoteCallException.Kind.NOT_SOAP, endpoint, "repository " + endpoint
                + " answered HTTP " + httpStatus + " with " + what, null);
    }

    private static void skipElement(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** SOAP 1.2 Code/Value, Subcode/Value and Reason/Text, or SOAP 1.1 faultcode and faultstring. */
    private static RemoteCallException fault(URI endpoint, int httpStatus, XMLStreamReader r)
            throws XMLStreamException {
        String code = null;
        String subcode = null;
        String reason = null;
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = r.getLocalName();
                if ("Value".equals(name) || "faultcode".equals(name)) {
                    String v = r.getElementText().strip();
                    depth--;
                    if (code == null) {
                        code = v;
                    } else if (subcode == null) {
                        subcode = v;
                    }
                } else if (("Text".equals(name) || "faultstring".equals(name)) && reason == null) {
                    reason = r.getElementText().strip();
                    depth--;
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        String what = (code == null ? "soap:Fault" : code) + (subcode == null ? "" : " / " + subcode);
        return new RemoteCallException(RemoteCallException.Kind.FAULT, endpoint, "repository " + endpoint
                + " answered with a SOAP fault (" + what + "): " + (reason == null ? "no reason given" : reason),
                null);
    }


    /** A failed exchange (no answer) as a one-line RemoteCallException naming the endpoint and the cause. */
    static RemoteCallException unreachable(URI endpoint, Duration timeout, IOException e) {
        if (e instanceof RemoteCallException r) {
            return r;
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new RemoteCallException(RemoteCallException.Kind.TIMEOUT, endpoint, "repository " + endpoint
                    + " is not reachable: no connection within " + timeout.toMillis() + " ms", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new RemoteCallException(RemoteCallException.Kind.TIMEOUT, endpoint, "repository " + endpoint
                    + " did not answer within " + timeout.toMillis() + " ms", e);
        }
        return new RemoteCallException(RemoteCallException.Kind.UNREACHABLE, endpoint, "repository " + endpoint
                + " is not reachable: " + cause(e), e);
    }

    /** The innermost useful description: "connection refused", "unknown host x", or the message. */
    static String cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String m = t.getMessage();
                return m == null || m.isBlank() ? "connection refused" : m.toLowerCase(Locale.ROOT)
                        .contains("refused") ? "connection refused" : m;
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
        }
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String m = deepest.getMessage();
        return m == null || m.isBlank() ? deepest.getClass().getSimpleName() : m;
    }

    /** The answer's bytes; a broken connection while reading becomes a RemoteCallException. */
    private static final class RemoteInput extends FilterInputStream {
        private final URI endpoint;

        RemoteInput(URI endpoint, InputStream in) {
            super(in);
            this.endpoint = endpoint;
        }

        private RemoteCallException wrap(IOException e) {
            if (e instanceof RemoteCallException r) {
                return r;
            }
            if (e instanceof java.io.EOFException) {
                return new RemoteCallException(RemoteCallException.Kind.NOT_SOAP, endpoint, "repository " + endpoint
                        + " sent an incomplete answer: " + e.getMessage(), e);
            }
            return new RemoteCallException(RemoteCallException.Kind.UNREACHABLE, endpoint, "connection to"
                    + " repository " + endpoint + " lost while reading the answer: " + cause(e), e);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw wrap(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw wrap(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw wrap(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (IOException ignored) {
                // nothing left to read
            }
        }
    }
}
