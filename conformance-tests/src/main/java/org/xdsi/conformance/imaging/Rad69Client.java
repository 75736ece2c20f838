package org.xdsi.conformance.imaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xdsi.repository.mime.MultipartStream;

/**
 * An Imaging Document Consumer's RAD-69 Retrieve Imaging Document Set: SOAP 1.2 with WS-Addressing sent as an
 * MTOM/XOP package, as Axis2/CXF consumers send it. The answer (an ITI-43 RetrieveDocumentSetResponse) is read as a
 * stream: the envelope first, then each document part handed to the caller by its DocumentUniqueId (SOP Instance
 * UID). Asserts nothing; the caller judges {@link Result}.
 */
public final class Rad69Client {
    public static final String ACTION = "urn:ihe:rad:2009:RetrieveImagingDocumentSet";
    public static final String RESPONSE_ACTION = "urn:ihe:iti:2007:RetrieveDocumentSetResponse";
    public static final String NS_RAD = "urn:ihe:rad:xdsi-b:2009";
    public static final String NS_XDSB = "urn:ihe:iti:xds-b:2007";
    public static final String NS_RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String NS_WSA = "http://www.w3.org/2005/08/addressing";
    static final String NS_XOP = "http://www.w3.org/2004/08/xop/include";
    private static final int MAX_ENVELOPE = 16 << 20;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final Duration timeout;

    public Rad69Client(String url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    /** One requested instance. */
    public record Ref(String studyUid, String seriesUid, String sopInstanceUid) {
    }

    /** A DocumentResponse of the answer (mimeType as sent; contentId of its XOP part, null if inline). */
    public record DocumentResponse(String repositoryUniqueId, String documentUniqueId, String mimeType,
                                   String contentId) {
    }

    /** A RegistryError of the answer. */
    public record Error(String errorCode, String severity, String location, String text) {
    }

    /** The answer: HTTP status, response action, RelatesTo and whether it matched, status, responses, errors. */
    public record Result(int httpStatus, String contentType, String envelope, String action, boolean relatesToRequest,
                         String status, List<DocumentResponse> documents, List<Error> errors, int partsDelivered) {
    }

    /** Receives each document; the stream is valid during the call only. */
    public interface DocumentHandler {
        void document(DocumentResponse response, InputStream body) throws IOException;
    }

    /**
     * Sends one RAD-69 request for {@code refs} (grouped by study and series in their order) asking for
     * {@code transferSyntaxes}, with {@code repositoryUniqueId} (the Retrieve Location UID) in each DocumentRequest.
     */
    public Result retrieve(String repositoryUniqueId, List<Ref> refs, List<String> transferSyntaxes,
                           DocumentHandler handler) throws IOException {
        String messageId = "urn:uuid:" + UUID.randomUUID();
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String rootId = "0.root." + UUID.randomUUID() + "@example.org";
        byte[] request = ("--" + boundary + "\r\n"
                + "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "Content-ID: <" + rootId + ">\r\n\r\n"
                + envelope(messageId, body(repositoryUniqueId, refs, transferSyntaxes)) + "\r\n"
                + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        String contentType = "multipart/related; boundary=\"" + boundary + "\"; type=\"application/xop+xml\"; start=\"<"
                + rootId + ">\"; start-info=\"application/soap+xml\"; action=\"" + ACTION + "\"";
        HttpRequest http = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(request)).build();
        HttpResponse<InputStream> r;
        try {
            r = this.http.send(http, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling " + url, e);
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        try (InputStream in = r.body()) {
            String b = DicomWebClient.parameter(type, "boundary");
            if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/") || b == null) {
                String text = new String(in.readNBytes(MAX_ENVELOPE), StandardCharsets.UTF_8);
                return parse(r.statusCode(), type, text, messageId, 0);
            }
            MultipartStream parts = new MultipartStream(in, b);
            if (!parts.next()) {
                throw new IOException("RAD-69 answer without parts");
            }
            String envelope = new String(parts.body().readNBytes(MAX_ENVELOPE), StandardCharsets.UTF_8);
            Result result = parse(r.statusCode(), type, envelope, messageId, 0);
            Map<String, DocumentResponse> byContentId = new HashMap<>();
            for (DocumentResponse d : result.documents()) {
                if (d.contentId() != null) {
                    byContentId.put(d.contentId(), d);
                }
            }
            int delivered = 0;
            while (parts.next()) {
                DocumentResponse d = byContentId.remove(contentId(parts.contentId()));
                if (d == null) {
                    throw new IOException("a MIME part no DocumentResponse refers to: " + parts.contentId());
                }
                handler.document(d, parts.body());
                delivered++;
            }
            if (!parts.isComplete()) {
                throw new IOException("RAD-69 answer ended without its close delimiter");
            }
            return new Result(result.httpStatus(), type, envelope, result.action(), result.relatesToRequest(),
                    result.status(), result.documents(), result.errors(), delivered);
        }
    }

    /** The request body; refs keep their order, grouped by study then series. */
    public static String body(String repositoryUniqueId, List<Ref> refs, List<String> transferSyntaxes) {
        Map<String, Map<String, List<String>>> tree = new LinkedHashMap<>();
        for (Ref ref : refs) {
            tree.computeIfAbsent(ref.studyUid(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(ref.seriesUid(), k -> new ArrayList<>()).add(ref.sopInstanceUid());
        }
        StringBuilder sb = new StringBuilder("<iherad:RetrieveImagingDocumentSetRequest xmlns:iherad=\"")
                .append(NS_RAD).append("\" xmlns:xdsb=\"").append(NS_XDSB).append("\">");
        tree.forEach((study, seriesMap) -> {
            sb.append("<iherad:StudyRequest studyInstanceUID=\"").append(study).append("\">");
            seriesMap.forEach((series, sops) -> {
                sb.append("<iherad:SeriesRequest seriesInstanceUID=\"").append(series).append("\">");
                for (String sop : sops) {
                    sb.append("<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>").append(repositoryUniqueId)
                            .append("</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>").append(sop)
                            .append("</xdsb:DocumentUniqueId></xdsb:DocumentRequest>");
                }
                sb.append("</iherad:SeriesRequest>");
            });
            sb.append("</iherad:StudyRequest>");
        });
        sb.append("<iherad:TransferSyntaxUIDList>");
        for (String ts : transferSyntaxes) {
            sb.append("<iherad:TransferSyntaxUID>").append(ts).append("</iherad:TransferSyntaxUID>");
        }
        return sb.append("</iherad:TransferSyntaxUIDList></iherad:RetrieveImagingDocumentSetRequest>").toString();
    }

    private String envelope(String messageId, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + NS_SOAP + "\" xmlns:a=\"" + NS_WSA + "\"><s:Header>"
                + "<a:Action s:mustUnderstand=\"1\">" + ACTION + "</a:Action>"
                + "<a:MessageID>" + messageId + "</a:MessageID>"
                + "<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>"
                + "<a:To s:mustUnderstand=\"1\">" + url + "</a:To>"
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static Result parse(int httpStatus, String contentType, String envelope, String messageId,
                                int delivered) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return new Result(httpStatus, contentType, envelope, null, false, null, List.of(), List.of(), delivered);
        }
        String action = text(doc.getDocumentElement(), NS_WSA, "Action");
        String relatesTo = text(doc.getDocumentElement(), NS_WSA, "RelatesTo");
        Element registryResponse = first(doc.getDocumentElement(), NS_RS, "RegistryResponse");
        String status = registryResponse == null ? null : registryResponse.getAttribute("status");
        List<Error> errors = new ArrayList<>();
        for (Element e : all(doc.getDocumentElement(), NS_RS, "RegistryError")) {
            errors.add(new Error(e.getAttribute("errorCode"), e.getAttribute("severity"), e.getAttribute("location"),
                    e.getAttribute("codeContext")));
        }
        List<DocumentResponse> documents = new ArrayList<>();
        for (Element d : all(doc.getDocumentElement(), NS_XDSB, "DocumentResponse")) {
            Element include = first(d, NS_XOP, "Include");
            documents.add(new DocumentResponse(text(d, NS_XDSB, "RepositoryUniqueId"),
                    text(d, NS_XDSB, "DocumentUniqueId"), text(d, NS_XDSB, "mimeType"),
                    include == null ? null : contentId(include.getAttribute("href"))));
        }
        return new Result(httpStatus, contentType, envelope, action, messageId.equals(relatesTo), status,
                List.copyOf(documents), List.copyOf(errors), delivered);
    }

    /** A Content-ID header value or a cid: URL as a plain id. */
    static String contentId(String s) {
        if (s == null) {
            return null;
        }
        String id = s.trim().replaceAll("^<|>$", "");
        if (id.regionMatches(true, 0, "cid:", 0, 4)) {
            id = URLDecoder.decode(id.substring(4).replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        return id;
    }

    private static List<Element> all(Element root, String ns, String localName) {
        NodeList n = root.getElementsByTagNameNS(ns, localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add((Element) n.item(i));
        }
        return out;
    }

    private static Element first(Element root, String ns, String localName) {
        List<Element> found = all(root, ns, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element root, String ns, String localName) {
        Element e = first(root, ns, localName);
        if (e == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                sb.append(c.getNodeValue());
            }
        }
        return sb.toString().trim();
    }
}
