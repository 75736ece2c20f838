package org.xdsi.registry.client;

import jakarta.xml.bind.JAXBException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.metadata.RegistryResponses;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.registry.DocumentRegistry;
import org.xdsi.registry.client.RegistryCallException.Kind;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.query.AdhocQueryResponse;
import org.xdsi.schema.rim.RegistryObjectListType;
import org.xdsi.schema.rs.RegistryResponseType;

/**
 * A remote Document Registry over SOAP 1.2 (ITI-42, ITI-18), sent the way other vendors' clients send it: a plain
 * {@code application/soap+xml} POST without SOAPAction, routed by the {@code wsa:Action} header (ITI TF-2 Appendix V).
 *
 * <p>Like every {@link DocumentRegistry}, {@link #registerDocumentSet} and {@link #storedQuery} never throw for remote
 * problems: a registry that cannot be reached, does not answer in time or is not available behind its proxy (HTTP
 * 502, 503, 504) becomes Failure with {@code XDSRegistryNotAvailable} (the code a repository forwards to its document
 * source, digest §3.6); a fault or an answer that is not the expected one becomes Failure with
 * {@code XDSRegistryError}. Callers that must tell such a made-up Failure from the registry's own answer (the
 * command line) use {@link #register} and {@link #query}, which throw {@link RegistryCallException} instead.
 *
 * <p>Thread-safe: one instance (one connection pool) is meant to be shared by all callers.
 */
public final class SoapRegistryClient implements DocumentRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SoapRegistryClient.class);
    private static final String ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";
    private static final QName REGISTRY_RESPONSE = new QName(Schemas.NS_RS, "RegistryResponse");
    private static final QName ADHOC_QUERY_RESPONSE = new QName(Schemas.NS_QUERY, "AdhocQueryResponse");

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param endpoint the registry's SOAP endpoint (http or https)
     * @param timeout  the most one call may take in all: connecting, sending and reading the whole answer
     */
    public SoapRegistryClient(URI endpoint, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = endpoint.getScheme();
        if (!endpoint.isAbsolute() || endpoint.getHost() == null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("the registry URL must be an absolute http or https URL: " + endpoint);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeout);
        }
        this.endpoint = endpoint;
        this.timeout = timeout;
        // HTTP/1.1: an h2c upgrade attempt confuses some SOAP stacks, and XDS peers speak 1.1
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public RegistryResponseType registerDocumentSet(SubmitObjectsRequest request) {
        try {
            return register(request);
        } catch (RegistryCallException e) {
            LOG.warn("ITI-42 failed: {}", e.getMessage());
            return RegistryResponses.withStatus(Vocabulary.RESPONSE_FAILURE, List.of(e.toError()));
        }
    }

    @Override
    public AdhocQueryResponse storedQuery(AdhocQueryRequest request) {
        try {
            return query(request);
        } catch (RegistryCallException e) {
            LOG.warn("ITI-18 failed: {}", e.getMessage());
            AdhocQueryResponse failure = new AdhocQueryResponse();
            failure.setStatus(Vocabulary.RESPONSE_FAILURE);
            failure.setRegistryErrorList(RegistryResponses.errorList(List.of(e.toError())));
            failure.setRegistryObjectList(new RegistryObjectListType()); // required by the schema, empty on Failure
            return failure;
        }
    }

    /** ITI-42: the registry's answer, Success or Failure; a call that got no such answer throws. */
    public RegistryResponseType register(SubmitObjectsRequest request) throws RegistryCallException {
        Objects.requireNonNull(request, "request");
        return exchange(Vocabulary.ACTION_REGISTER, request, Vocabulary.ACTION_REGISTER_RESPONSE,
                REGISTRY_RESPONSE, RegistryResponseType.class);
    }

    /** ITI-18: the registry's answer, whatever its status; a call that got no such answer throws. */
    public AdhocQueryResponse query(AdhocQueryRequest request) throws RegistryCallException {
        Objects.requireNonNull(request, "request");
        return exchange(Vocabulary.ACTION_STORED_QUERY, request, Vocabulary.ACTION_STORED_QUERY_RESPONSE,
                ADHOC_QUERY_RESPONSE, AdhocQueryResponse.class);
    }

    private <T extends RegistryResponseType> T exchange(String action, Object body, String responseAction,
                                                        QName responseElement, Class<T> type)
            throws RegistryCallException {
        String messageId = "urn:uuid:" + UUID.randomUUID();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Content-Type", "application/soap+xml; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope(action, messageId, body))).build();
        } catch (JAXBException e) {
            throw failed(Kind.REQUEST_NOT_WRITTEN, "the request for registry " + endpoint
                    + " could not be written: " + describe(e));
        }
        HttpResponse<byte[]> response = send(request);
        int status = response.statusCode();
        if (status == 502 || status == 503 || status == 504) { // a gateway's or a starting server's "not now"
            throw failed(Kind.NOT_AVAILABLE, "registry " + endpoint + " is not available: it answered HTTP "
                    + status + (status == 503 ? " (service unavailable)" : " (the proxy in front of it could not"
                    + " get an answer)"));
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.isEmpty() && !mediaType.endsWith("xml")) { // HTML error pages of proxies, MTOM packages
            throw failed(Kind.UNEXPECTED_ANSWER, "registry " + endpoint + " answered HTTP " + status
                    + " with Content-Type " + contentType + ", not a SOAP 1.2 message");
        }
        SoapReply<T> reply;
        try {
            reply = SoapReply.read(new ByteArrayInputStream(response.body()), charset(contentType), responseElement,
                    type);
        } catch (XMLStreamException | JAXBException | RuntimeException e) {
            throw failed(Kind.UNEXPECTED_ANSWER, "registry " + endpoint + " answered HTTP " + status
                    + " with an unreadable SOAP message: " + describe(e));
        }
        // a fault is reported before the addressing checks: its reason says more than a missing RelatesTo would
        if (reply.fault()) {
            throw failed(Kind.FAULT, "registry " + endpoint + " answered HTTP " + status
                    + " with a SOAP fault (" + reply.faultCode() + "): " + reply.faultReason());
        }
        if (status != 200) {
            throw failed(Kind.UNEXPECTED_ANSWER, "registry " + endpoint + " answered HTTP " + status
                    + " without a SOAP fault");
        }
        if (!responseAction.equals(reply.action())) {
            throw failed(Kind.UNEXPECTED_ANSWER, "registry " + endpoint + " answered with wsa:Action "
                    + reply.action() + " instead of " + responseAction);
        }
        if (!reply.relatesTo().contains(messageId)) {
            throw failed(Kind.UNEXPECTED_ANSWER, "registry " + endpoint + " answered with wsa:RelatesTo "
                    + reply.relatesTo() + ", not the request's MessageID " + messageId);
        }
        T answer = reply.body();
        if (answer == null || answer.getStatus() == null || answer.getStatus().isBlank()) {
            throw failed(Kind.UNEXPECTED_ANSWER, "registry " + endpoint + " answered with "
                    + (reply.bodyElement() == null ? "an empty soap:Body" : reply.bodyElement())
                    + (answer == null ? " instead of " + responseElement : " without a status"));
        }
        return answer;
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws RegistryCallException {
        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // HttpRequest.timeout stops counting once the headers arrive; this bounds a stalled body too
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true); // aborts the exchange and frees the connection
            throw notAnswered();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw failed(Kind.NOT_AVAILABLE, "interrupted while waiting for registry " + endpoint);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw notAnswered();
            }
            if (cause instanceof ConnectException) {
                // HttpClient's ConnectException usually has no message; a refusal is what it typically means
                throw failed(Kind.NOT_AVAILABLE, "registry " + endpoint
                        + " is not reachable: connection refused or failed (" + describe(cause) + ")");
            }
            if (cause instanceof IOException) {
                throw failed(Kind.NOT_AVAILABLE, "registry " + endpoint
                        + " is not reachable: " + describe(cause));
            }
            throw failed(Kind.UNEXPECTED_ANSWER, "the call to registry " + endpoint + " failed: "
                    + describe(cause));
        }
    }

    private RegistryCallException notAnswered() {
        return failed(Kind.NOT_AVAILABLE, "registry " + endpoint + " did not answer within " + timeout.toMillis()
                + " ms");
    }

    private RegistryCallException failed(Kind kind, String message) {
        return new RegistryCallException(kind, endpoint, message);
    }

    private byte[] envelope(String action, String messageId, Object body) throws JAXBException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        out.writeBytes(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + SoapReply.NS_SOAP + "\" xmlns:wsa=\"" + SoapReply.NS_WSA + "\">"
                + "<soap:Header><wsa:Action soap:mustUnderstand=\"1\">" + action + "</wsa:Action>"
                + "<wsa:MessageID>" + messageId + "</wsa:MessageID>"
                + "<wsa:ReplyTo><wsa:Address>" + ANONYMOUS + "</wsa:Address></wsa:ReplyTo>"
                + "<wsa:To>" + escape(endpoint.toString()) + "</wsa:To></soap:Header><soap:Body>")
                .getBytes(StandardCharsets.UTF_8));
        Schemas.marshal(body, out);
        out.writeBytes("</soap:Body></soap:Envelope>".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The charset parameter of a Content-Type, or null. */
    private static String charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] nameValue = parameter.split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("charset")) {
                return nameValue[1].trim().replace("\"", "");
            }
        }
        return null;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }

    /** The first message in the cause chain (HttpClient's ConnectException has none of its own), on one line. */
    private static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return c.getMessage().replaceAll("\\s+", " ").trim();
            }
        }
        return t.getClass().getSimpleName();
    }

}
