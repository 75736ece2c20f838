package org.xdsi.repository.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.transform.dom.DOMSource;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.schema.Schemas;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.ComparisonResult;
import org.xmlunit.diff.ComparisonType;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.DifferenceEvaluators;

/** Assertions shared by the repository's over-the-wire tests. */
public final class Wire {
    /** A Java class name ending in Exception/Error, or a stack frame: never to be shown to a client. */
    private static final Pattern JAVA_INTERNALS = Pattern.compile(
            "\\bat (org|java|javax|jdk|sun|com)\\.|\\b[A-Za-z_$][\\w$]*Exception\\b|\\b(java|javax|jakarta|org|com)"
                    + "\\.[a-z][\\w.]*\\.[A-Z]\\w*\\b");

    private Wire() {
    }

    public static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The body element validates against the ebRIM/ebRS/XDS.b schemas, as the XOP infoset it stands for: each
     * xop:Include is replaced by the base64 text of the MIME part it names before validation.
     */
    public static void assertSchemaValid(Element element, Reply r) {
        try {
            org.w3c.dom.Document copy = Schemas.secureDocumentBuilderFactory().newDocumentBuilder().newDocument();
            Element body = (Element) copy.importNode(element, true);
            copy.appendChild(body);
            for (Element include : Reply.elements(body, Reply.NS_XOP, "Include")) {
                byte[] bytes = r.http().part(include.getAttribute("href")).body();
                include.getParentNode().replaceChild(
                        copy.createTextNode(java.util.Base64.getEncoder().encodeToString(bytes)), include);
            }
            Schemas.validate(new DOMSource(copy));
        } catch (Exception e) {
            throw new AssertionError("the body does not validate against the schemas: " + e.getMessage() + "\n"
                    + r.everything(), e);
        }
    }

    /**
     * An MTOM answer (multipart/related with an application/xop+xml root of type application/soap+xml), HTTP 200, no
     * fault, the given response action and RelatesTo = the request's MessageID, a schema-valid body.
     */
    public static void assertMtomAnswer(Reply r, String action) {
        assertFalse(r.isFault(), () -> "unexpected fault: " + r.everything());
        assertEquals(200, r.status(), r::everything);
        assertMtomPackage(r);
        assertEquals(action, r.header("Action"), r::everything);
        assertNotNull(r.requestMessageId());
        assertEquals(r.requestMessageId(), r.header("RelatesTo"), "RelatesTo = request wsa:MessageID");
        assertSchemaValid(r.body(), r);
        assertNoJavaInternals(r);
    }

    /** Content-Type multipart/related; type="application/xop+xml", and a root part of that type. */
    public static void assertMtomPackage(Reply r) {
        String type = r.contentType().toLowerCase(Locale.ROOT);
        assertTrue(type.startsWith("multipart/related"), r::everything);
        assertTrue(type.replace(" ", "").contains("type=\"application/xop+xml\""), r::everything);
        String root = r.http().parts().get(0).header("content-type").toLowerCase(Locale.ROOT);
        assertTrue(root.startsWith("application/xop+xml"), () -> "root part " + root);
        assertTrue(root.contains("application/soap+xml"), () -> "root part " + root);
    }

    /** An ITI-41 answer: MTOM, ProvideAndRegisterDocumentSet-bResponse, rs:RegistryResponse, schema-valid. */
    public static void assertProvideAnswer(Reply r) {
        assertMtomAnswer(r, Vocabulary.ACTION_PROVIDE_AND_REGISTER_RESPONSE);
        assertEquals(Schemas.NS_RS, r.body().getNamespaceURI(), r::everything);
        assertEquals("RegistryResponse", r.body().getLocalName(), r::everything);
    }

    /** An ITI-43 answer: MTOM, RetrieveDocumentSetResponse, xds:RetrieveDocumentSetResponse, schema-valid. */
    public static void assertRetrieveAnswer(Reply r) {
        assertMtomAnswer(r, Vocabulary.ACTION_RETRIEVE_RESPONSE);
        assertEquals(Schemas.NS_XDSB, r.body().getNamespaceURI(), r::everything);
        assertEquals("RetrieveDocumentSetResponse", r.body().getLocalName(), r::everything);
    }

    /** ITI-41 Success: exactly {@code <rs:RegistryResponse status="...Success"/>} (XMLUnit, prefixes aside). */
    public static void assertProvideSuccess(Reply r) {
        assertProvideAnswer(r);
        assertSimilar("<rs:RegistryResponse xmlns:rs=\"" + Schemas.NS_RS + "\" status=\""
                + Vocabulary.RESPONSE_SUCCESS + "\"/>", r.body(), r);
    }

    /** XMLUnit: the element is similar to the expected XML (namespace prefixes and whitespace aside). */
    public static void assertSimilar(String expectedXml, Element actual, Reply r) {
        Diff diff = DiffBuilder.compare(Input.fromString(expectedXml)).withTest(Input.fromNode(actual))
                .ignoreWhitespace().checkForSimilar().build();
        assertFalse(diff.hasDifferences(), () -> diff + "\n" + r.everything());
    }

    /** Like {@link #assertSimilar}, but any codeContext text is accepted (it is prose, checked separately). */
    public static void assertSimilarIgnoringCodeContext(String expectedXml, Element actual, Reply r) {
        Diff diff = DiffBuilder.compare(Input.fromString(expectedXml)).withTest(Input.fromNode(actual))
                .ignoreWhitespace().checkForSimilar()
                .withDifferenceEvaluator(DifferenceEvaluators.chain(DifferenceEvaluators.Default,
                        (comparison, outcome) -> comparison.getType() == ComparisonType.ATTR_VALUE
                                && comparison.getControlDetails().getTarget() instanceof org.w3c.dom.Attr a
                                && "codeContext".equals(a.getLocalName() == null ? a.getName() : a.getLocalName())
                                ? ComparisonResult.EQUAL : outcome))
                .build();
        assertFalse(diff.hasDifferences(), () -> diff + "\n" + r.everything());
    }

    /**
     * An ITI-41 Failure: schema-valid, status Failure, highestSeverity Error, every RegistryError with severity Error
     * and a codeContext; exactly one error, with {@code code}, is returned.
     */
    public static Element assertProvideFailure(Reply r, String code) {
        assertProvideAnswer(r);
        return assertFailure(r, code);
    }

    /** Status Failure with exactly one RegistryError of {@code code} (severity Error, a codeContext). */
    public static Element assertFailure(Reply r, String code) {
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.responseStatus(), r::everything);
        List<Element> errors = r.errors();
        assertEquals(1, errors.size(), () -> "one RegistryError expected: " + r.everything());
        Element list = (Element) errors.get(0).getParentNode();
        assertEquals(Vocabulary.SEVERITY_ERROR, list.getAttribute("highestSeverity"), r::everything);
        Element e = errors.get(0);
        assertError(e, code, r);
        return e;
    }

    public static void assertError(Element e, String code, Reply r) {
        assertEquals(code, e.getAttribute("errorCode"), r::everything);
        assertEquals(Vocabulary.SEVERITY_ERROR, e.getAttribute("severity"), r::everything);
        assertFalse(e.getAttribute("codeContext").isBlank(), r::everything);
    }

    /** codeContext mentions each of the fragments. */
    public static void assertMentions(Element error, String... fragments) {
        String context = error.getAttribute("codeContext");
        for (String f : fragments) {
            assertTrue(context.contains(f), () -> "codeContext '" + context + "' does not mention '" + f + "'");
        }
    }

    /**
     * A SOAP 1.2 Sender fault (soap:Sender in the SOAP 1.2 envelope namespace) whose reason mentions each fragment,
     * answered with an HTTP error status and without Java internals.
     */
    public static void assertSenderFault(Reply r, String... reasonFragments) {
        assertTrue(r.isFault(), () -> "a SOAP fault expected: " + r.everything());
        assertTrue(r.status() == 400 || r.status() == 500, () -> "HTTP status of a fault: " + r.everything());
        assertEquals("Sender", Reply.local(r.faultCode()), r::everything);
        assertEquals(Mtom.NS_SOAP, r.faultCodeNamespace(), r::everything);
        String reason = r.faultReason();
        assertNotNull(reason, r::everything);
        for (String f : reasonFragments) {
            assertTrue(reason.contains(f), () -> "fault reason '" + reason + "' does not mention '" + f + "'");
        }
        assertNoJavaInternals(r);
    }

    /** No stack frame and no Java exception class name anywhere in the answer. */
    public static void assertNoJavaInternals(Reply r) {
        String all = r.everything();
        // the XML namespace URIs and XDS codes contain no Java class names; mask the MIME parts' binary bytes
        Matcher m = JAVA_INTERNALS.matcher(stripDocuments(r));
        assertFalse(m.find(), () -> "the answer shows Java internals ('" + m.group() + "'): " + all);
    }

    private static String stripDocuments(Reply r) {
        List<Mtom.Part> parts = r.http().parts();
        return parts.isEmpty() ? "" : parts.get(0).text() + r.http().contentType();
    }
}
