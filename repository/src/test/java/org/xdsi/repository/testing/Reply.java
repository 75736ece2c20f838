package org.xdsi.repository.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xdsi.schema.Schemas;

/**
 * The repository's answer to one request, with the request's wsa:MessageID: the HTTP status and content type, the
 * MIME parts, and the SOAP envelope of the root part read as DOM.
 */
public final class Reply {
    public static final String NS_XOP = "http://www.w3.org/2004/08/xop/include";

    private final String requestMessageId;
    private final Mtom.Response http;
    private Document document;

    public Reply(String requestMessageId, Mtom.Response http) {
        this.requestMessageId = requestMessageId;
        this.http = http;
    }

    public String requestMessageId() {
        return requestMessageId;
    }

    public Mtom.Response http() {
        return http;
    }

    public int status() {
        return http.status();
    }

    public String contentType() {
        return http.contentType();
    }

    /** The envelope as text (the root part of a multipart answer). */
    public String envelope() {
        return http.envelope();
    }

    /** Everything the client received, all parts as text: for "no stack trace" checks and failure messages. */
    public String everything() {
        StringBuilder sb = new StringBuilder("HTTP ").append(http.status()).append(' ').append(http.contentType());
        for (Mtom.Part p : http.parts()) {
            sb.append('\n').append(p.headers()).append('\n').append(p.text());
        }
        return sb.toString();
    }

    public Document document() {
        if (document == null) {
            try {
                document = Schemas.secureDocumentBuilderFactory().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(envelope().getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("the answer is not a SOAP envelope: " + everything(), e);
            }
        }
        return document;
    }

    /** The first child element of soap:Body. */
    public Element body() {
        NodeList bodies = document().getElementsByTagNameNS(Mtom.NS_SOAP, "Body");
        if (bodies.getLength() == 1) {
            for (Node n = bodies.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    return e;
                }
            }
        }
        throw new AssertionError("no soap:Body content: " + everything());
    }

    /** A WS-Addressing header's text, or null. */
    public String header(String localName) {
        NodeList headers = document().getElementsByTagNameNS(Mtom.NS_SOAP, "Header");
        if (headers.getLength() == 0) {
            return null;
        }
        NodeList n = ((Element) headers.item(0)).getElementsByTagNameNS(Mtom.NS_WSA, localName);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
    }

    public boolean isFault() {
        return document().getElementsByTagNameNS(Mtom.NS_SOAP, "Fault").getLength() > 0;
    }

    /** soap:Code/soap:Value, as written (prefix:local). */
    public String faultCode() {
        return firstText(faultChild("Code"), "Value");
    }

    /** soap:Code/soap:Subcode/soap:Value, as written, or null. */
    public String faultSubcode() {
        Element code = faultChild("Code");
        NodeList sub = code == null ? null : code.getElementsByTagNameNS(Mtom.NS_SOAP, "Subcode");
        return sub == null || sub.getLength() == 0 ? null : firstText((Element) sub.item(0), "Value");
    }

    /** The local part of a QName value written in the envelope, e.g. {@code soap:Sender} → {@code Sender}. */
    public static String local(String qname) {
        return qname == null ? null : qname.substring(qname.indexOf(':') + 1);
    }

    /** The namespace of the prefix of a QName value written in the fault code. */
    public String faultCodeNamespace() {
        Element code = faultChild("Code");
        NodeList values = code.getElementsByTagNameNS(Mtom.NS_SOAP, "Value");
        String v = values.item(0).getTextContent().trim();
        String prefix = v.contains(":") ? v.substring(0, v.indexOf(':')) : null;
        return values.item(0).lookupNamespaceURI(prefix);
    }

    public String faultReason() {
        return firstText(faultChild("Reason"), "Text");
    }

    private Element faultChild(String localName) {
        NodeList faults = document().getElementsByTagNameNS(Mtom.NS_SOAP, "Fault");
        if (faults.getLength() == 0) {
            return null;
        }
        NodeList n = ((Element) faults.item(0)).getElementsByTagNameNS(Mtom.NS_SOAP, localName);
        return n.getLength() == 0 ? null : (Element) n.item(0);
    }

    private static String firstText(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        NodeList n = parent.getElementsByTagNameNS(Mtom.NS_SOAP, localName);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
    }

    /** The rs:RegistryResponse: the body itself (ITI-41) or the one inside xds:RetrieveDocumentSetResponse. */
    public Element registryResponse() {
        Element body = body();
        if ("RegistryResponse".equals(body.getLocalName())) {
            return body;
        }
        NodeList n = body.getElementsByTagNameNS(Schemas.NS_RS, "RegistryResponse");
        if (n.getLength() != 1) {
            throw new AssertionError("no rs:RegistryResponse in " + everything());
        }
        return (Element) n.item(0);
    }

    public String responseStatus() {
        return registryResponse().getAttribute("status");
    }

    public List<Element> errors() {
        return elements(registryResponse(), Schemas.NS_RS, "RegistryError");
    }

    /** The xds:DocumentResponse elements of an ITI-43 answer, in order. */
    public List<Element> documentResponses() {
        return elements(body(), Schemas.NS_XDSB, "DocumentResponse");
    }

    /** The text of a direct xds child (RepositoryUniqueId, DocumentUniqueId, mimeType, HomeCommunityId) or null. */
    public static String child(Element documentResponse, String localName) {
        for (Node n = documentResponse.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Schemas.NS_XDSB.equals(e.getNamespaceURI())
                    && localName.equals(e.getLocalName())) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    /** The href of the xop:Include in a DocumentResponse's xds:Document. */
    public static String href(Element documentResponse) {
        NodeList includes = documentResponse.getElementsByTagNameNS(NS_XOP, "Include");
        if (includes.getLength() != 1) {
            throw new AssertionError("xds:Document is not an xop:Include");
        }
        return ((Element) includes.item(0)).getAttribute("href");
    }

    /** The MIME part a DocumentResponse's xop:Include names. */
    public Mtom.Part documentPart(Element documentResponse) {
        return http.part(href(documentResponse));
    }

    public static List<Element> elements(Element root, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList n = root.getElementsByTagNameNS(ns, localName);
        for (int i = 0; i < n.getLength(); i++) {
            out.add((Element) n.item(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return everything();
    }
}
