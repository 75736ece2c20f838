package org.xdsi.schema;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.transform.Result;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stax.StAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.glassfish.jaxb.runtime.marshaller.NamespacePrefixMapper;
import org.w3c.dom.Document;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.JAXBIntrospector;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.attachment.AttachmentUnmarshaller;

/**
 * Central access to the ebRIM/ebRS 3.0, XDS.b and XDS-I.b JAXB bindings and XML schemas.
 *
 * <ul>
 *   <li>{@link #context()} - one cached, thread-safe {@link JAXBContext} over all generated packages.</li>
 *   <li>{@link #schema()} - all XSDs compiled once from the classpath {@code xsd/} folder
 *       (imports resolved from the classpath only, never from the network).</li>
 *   <li>{@code unmarshal(...)} - hardened: DOCTYPE declarations are rejected, so XXE and entity-expansion
 *       bombs fail immediately.</li>
 *   <li>{@code marshal(...)} - no XML declaration, not formatted, conventional prefixes
 *       (rim, rs, lcm, query, xdsb, iherad).</li>
 * </ul>
 * Marshallers, unmarshallers and validators are created per call (they are not thread-safe);
 * the JAXBContext and the Schema are shared.
 */
public final class Schemas {

    public static final String NS_RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    public static final String NS_RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    public static final String NS_LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    public static final String NS_QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    public static final String NS_XDSB = "urn:ihe:iti:xds-b:2007";
    public static final String NS_XDSI = "urn:ihe:rad:xdsi-b:2009";

    /** Classpath folder holding the XSDs (the WSDLs live next to it in {@code wsdl/}). */
    public static final String XSD_FOLDER = "xsd/";

    /** Preferred prefixes, as other vendors (NIST, IPF) write them. */
    private static final Map<String, String> PREFIXES = Map.of(
            NS_RIM, "rim",
            NS_RS, "rs",
            NS_LCM, "lcm",
            NS_QUERY, "query",
            NS_XDSB, "xdsb",
            NS_XDSI, "iherad",
            "http://www.w3.org/2001/XMLSchema-instance", "xsi",
            "http://www.w3.org/2004/08/xop/include", "xop",
            "http://www.w3.org/2005/05/xmlmime", "xmime");

    /** Global elements for the generated types that have no @XmlRootElement. */
    private static final Map<Class<?>, QName> ROOT_ELEMENTS = Map.ofEntries(
            Map.entry(org.xdsi.schema.rs.RegistryResponseType.class, new QName(NS_RS, "RegistryResponse")),
            Map.entry(org.xdsi.schema.rs.RegistryRequestType.class, new QName(NS_RS, "RegistryRequest")),
            Map.entry(org.xdsi.schema.xdsb.ProvideAndRegisterDocumentSetRequestType.class,
                    new QName(NS_XDSB, "ProvideAndRegisterDocumentSetRequest")),
            Map.entry(org.xdsi.schema.xdsb.RetrieveDocumentSetRequestType.class,
                    new QName(NS_XDSB, "RetrieveDocumentSetRequest")),
            Map.entry(org.xdsi.schema.xdsb.RetrieveDocumentSetResponseType.class,
                    new QName(NS_XDSB, "RetrieveDocumentSetResponse")),
            Map.entry(org.xdsi.schema.xdsi.RetrieveImagingDocumentSetRequestType.class,
                    new QName(NS_XDSI, "RetrieveImagingDocumentSetRequest")),
            Map.entry(org.xdsi.schema.rim.RegistryObjectListType.class, new QName(NS_RIM, "RegistryObjectList")),
            Map.entry(org.xdsi.schema.rim.ExtrinsicObjectType.class, new QName(NS_RIM, "ExtrinsicObject")),
            Map.entry(org.xdsi.schema.rim.RegistryPackageType.class, new QName(NS_RIM, "RegistryPackage")),
            Map.entry(org.xdsi.schema.rim.AssociationType1.class, new QName(NS_RIM, "Association")),
            Map.entry(org.xdsi.schema.rim.ClassificationType.class, new QName(NS_RIM, "Classification")),
            Map.entry(org.xdsi.schema.rim.ExternalIdentifierType.class, new QName(NS_RIM, "ExternalIdentifier")),
            Map.entry(org.xdsi.schema.rim.ObjectRefType.class, new QName(NS_RIM, "ObjectRef")),
            Map.entry(org.xdsi.schema.rim.AdhocQueryType.class, new QName(NS_RIM, "AdhocQuery")),
            Map.entry(org.xdsi.schema.query.ResponseOptionType.class, new QName(NS_QUERY, "ResponseOption")));

    private static final String PREFIX_MAPPER_PROPERTY = "org.glassfish.jaxb.namespacePrefixMapper";

    private Schemas() {
    }

    // ------------------------------------------------------------------ context / schema

    private static final class ContextHolder {
        static final JAXBContext CONTEXT = createContext();

        private static JAXBContext createContext() {
            try {
                return JAXBContext.newInstance(
                        org.xdsi.schema.rim.ObjectFactory.class,
                        org.xdsi.schema.rs.ObjectFactory.class,
                        org.xdsi.schema.lcm.ObjectFactory.class,
                        org.xdsi.schema.query.ObjectFactory.class,
                        org.xdsi.schema.xdsb.ObjectFactory.class,
                        org.xdsi.schema.xdsi.ObjectFactory.class);
            } catch (JAXBException e) {
                throw new IllegalStateException("Cannot create the xdsi JAXBContext", e);
            }
        }
    }

    private static final class SchemaHolder {
        static final Schema SCHEMA = createSchema();

        private static Schema createSchema() {
            try {
                SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                // nothing may be fetched by the schema parser itself; the resolver below
                // supplies every import from the classpath.
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                factory.setResourceResolver(new ClasspathResolver());
                Source[] roots = {
                        xsdSource("XDS-I.b_ImagingDocumentSource.xsd"), // imports xdsb -> lcm, rs, rim, xml
                        xsdSource("query.xsd"),
                };
                return factory.newSchema(roots);
            } catch (SAXException e) {
                throw new IllegalStateException("Cannot compile the xdsi XML schemas", e);
            }
        }

        private static Source xsdSource(String name) {
            URL url = xsdUrl(name);
            if (url == null) {
                throw new IllegalStateException("Missing classpath resource " + XSD_FOLDER + name);
            }
            try {
                return new StreamSource(url.openStream(), url.toExternalForm());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The shared JAXBContext over the rim, rs, lcm, query, xdsb and xdsi packages (thread-safe). */
    public static JAXBContext context() {
        return ContextHolder.CONTEXT;
    }

    /** All xdsi XSDs compiled once (thread-safe; create a Validator per use). */
    public static Schema schema() {
        return SchemaHolder.SCHEMA;
    }

    /** URL of an XSD shipped in this jar, e.g. {@code xsdUrl("rim.xsd")}, or null. */
    public static URL xsdUrl(String fileName) {
        return Schemas.class.getClassLoader().getResource(XSD_FOLDER + fileName);
    }

    /** URL of a WSDL shipped in this jar, e.g. {@code wsdlUrl("DocumentRegistry.wsdl")}, or null. */
    public static URL wsdlUrl(String fileName) {
        return Schemas.class.getClassLoader().getResource("wsdl/" + fileName);
    }

    // ------------------------------------------------------------------ validation

    /** A new validator for {@link #schema()} with all external access switched off. */
    public static Validator newValidator() {
        Validator validator = schema().newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        return validator;
    }

    /**
     * Validates one XML element document against {@link #schema()}.
     * Stream sources are parsed by a parser that rejects DOCTYPE declarations.
     *
     * @throws SAXException the document is not valid (or not well-formed, or has a DOCTYPE)
     */
    public static void validate(Source source) throws SAXException, IOException {
        newValidator().validate(harden(source));
    }

    /** Validates the bytes of one XML document; see {@link #validate(Source)}. */
    public static void validate(InputStream in) throws SAXException, IOException {
        validate(new StreamSource(in));
    }

    // ------------------------------------------------------------------ unmarshalling

    /**
     * Unmarshals an XML document, hardened against XXE / entity expansion (DOCTYPE is rejected).
     * Works both for @XmlRootElement classes and for plain generated types.
     */
    public static <T> T unmarshal(InputStream in, Class<T> type) throws JAXBException {
        return unmarshal(new StreamSource(in), type);
    }

    /** Like {@link #unmarshal(InputStream, Class)} for a string. */
    public static <T> T unmarshal(String xml, Class<T> type) throws JAXBException {
        return unmarshal(new StreamSource(new StringReader(xml)), type);
    }

    /** Like {@link #unmarshal(InputStream, Class)} for any Source (stream/SAX sources are re-parsed securely). */
    public static <T> T unmarshal(Source source, Class<T> type) throws JAXBException {
        return unmarshal(newUnmarshaller(), source, type);
    }

    /** Like {@link #unmarshal(Source, Class)} but also validates against {@link #schema()}. */
    public static <T> T unmarshalValidated(Source source, Class<T> type) throws JAXBException {
        Unmarshaller unmarshaller = newUnmarshaller();
        unmarshaller.setSchema(schema());
        return unmarshal(unmarshaller, source, type);
    }

    /**
     * Unmarshals whatever the root element is. The result is either an @XmlRootElement object or a
     * {@link JAXBElement}; use {@link JAXBIntrospector#getValue(Object)} to unwrap.
     */
    public static Object unmarshal(Source source) throws JAXBException {
        return unmarshal(source, (AttachmentUnmarshaller) null);
    }

    /**
     * Like {@link #unmarshal(Source)} for an MTOM/XOP package: {@code xop:Include} references are resolved by
     * {@code attachments} (the binary elements are bound to DataHandlers, so nothing is read into memory here).
     */
    public static Object unmarshal(Source source, AttachmentUnmarshaller attachments) throws JAXBException {
        Unmarshaller unmarshaller = newUnmarshaller();
        if (attachments != null) {
            unmarshaller.setAttachmentUnmarshaller(attachments);
        }
        if (source instanceof StAXSource stax) {
            return stax.getXMLStreamReader() != null
                    ? unmarshaller.unmarshal(rejectDtd(stax.getXMLStreamReader()))
                    : unmarshaller.unmarshal(stax.getXMLEventReader());
        }
        return unmarshaller.unmarshal(hardenForJaxb(source));
    }

    private static <T> T unmarshal(Unmarshaller unmarshaller, Source source, Class<T> type) throws JAXBException {
        if (source instanceof StAXSource stax) {
            // JAXB's unmarshal(Source, Class) does not accept StAXSource
            return stax.getXMLStreamReader() != null
                    ? unmarshaller.unmarshal(rejectDtd(stax.getXMLStreamReader()), type).getValue()
                    : unmarshaller.unmarshal(stax.getXMLEventReader(), type).getValue();
        }
        return unmarshaller.unmarshal(hardenForJaxb(source), type).getValue();
    }

    /** Wraps a stream reader so that a DOCTYPE fails immediately, whatever the reader's configuration. */
    private static XMLStreamReader rejectDtd(XMLStreamReader reader) throws JAXBException {
        if (reader.getEventType() == XMLStreamConstants.DTD) {
            throw new UnmarshalException("DOCTYPE is not allowed");
        }
        return new StreamReaderDelegate(reader) {
            @Override
            public int next() throws XMLStreamException {
                int event = super.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new XMLStreamException("DOCTYPE is not allowed", getLocation());
                }
                return event;
            }
        };
    }

    /** A new (not thread-safe) unmarshaller of {@link #context()}. */
    public static Unmarshaller newUnmarshaller() throws JAXBException {
        return context().createUnmarshaller();
    }

    // ------------------------------------------------------------------ marshalling

    /** Marshals a JAXB object or element to a string: no XML declaration, not formatted. */
    public static String marshal(Object jaxbObjectOrElement) throws JAXBException {
        StringWriter writer = new StringWriter();
        marshal(jaxbObjectOrElement, writer);
        return writer.toString();
    }

    /**
     * Marshals one rim object element (ExtrinsicObject, RegistryPackage, Association, ...) declaring only the rim
     * namespace: the compact form in which registries store objects and splice them into responses.
     */
    public static String marshalRimFragment(Object rimElement) throws JAXBException {
        return new String(marshalRimFragmentUtf8(rimElement), StandardCharsets.UTF_8);
    }

    /**
     * {@link #marshalRimFragment} as UTF-8 bytes. JAXB writes an output stream straight as UTF-8; a Writer target
     * goes through its SAX-style writer and a fresh 16 KB buffer per call, several times the cost.
     */
    public static byte[] marshalRimFragmentUtf8(Object rimElement) throws JAXBException {
        Marshaller marshaller = RimContext.INSTANCE.createMarshaller();
        marshaller.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
        marshaller.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
        marshaller.setProperty(PREFIX_MAPPER_PROPERTY, new XdsPrefixMapper());
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        marshaller.marshal(rimElement, out);
        return out.toByteArray();
    }

    /** A context of the rim package alone, so marshalled rim fragments carry no unrelated namespace declarations. */
    private static final class RimContext {
        static final JAXBContext INSTANCE;

        static {
            try {
                INSTANCE = JAXBContext.newInstance(org.xdsi.schema.rim.ObjectFactory.class);
            } catch (JAXBException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** Marshals to a writer: no XML declaration, not formatted. */
    public static void marshal(Object jaxbObjectOrElement, Writer writer) throws JAXBException {
        newMarshaller().marshal(asElement(jaxbObjectOrElement), writer);
    }

    /** Marshals to an output stream as UTF-8: no XML declaration, not formatted. */
    public static void marshal(Object jaxbObjectOrElement, OutputStream out) throws JAXBException {
        newMarshaller().marshal(asElement(jaxbObjectOrElement), out);
    }

    /** Marshals to any Result (DOM, SAX, StAX, stream). */
    public static void marshal(Object jaxbObjectOrElement, Result result) throws JAXBException {
        newMarshaller().marshal(asElement(jaxbObjectOrElement), result);
    }

    /** Marshals into a new namespace-aware DOM document. */
    public static Document marshalToDocument(Object jaxbObjectOrElement) throws JAXBException {
        try {
            Document doc = secureDocumentBuilderFactory().newDocumentBuilder().newDocument();
            marshal(jaxbObjectOrElement, new DOMResult(doc));
            return doc;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new (not thread-safe) marshaller of {@link #context()}: UTF-8, fragment (no XML declaration),
     * not formatted, conventional prefixes.
     */
    public static Marshaller newMarshaller() throws JAXBException {
        Marshaller marshaller = context().createMarshaller();
        marshaller.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
        marshaller.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
        marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.FALSE);
        marshaller.setProperty(PREFIX_MAPPER_PROPERTY, new XdsPrefixMapper());
        return marshaller;
    }

    /**
     * Wraps generated types that have no @XmlRootElement (RegistryResponseType, the xdsb/xdsi request and
     * response types, the main rim types) into their standard global element.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object asElement(Object jaxbObjectOrElement) {
        if (jaxbObjectOrElement == null) {
            throw new IllegalArgumentException("nothing to marshal");
        }
        if (jaxbObjectOrElement instanceof JAXBElement<?> || context().createJAXBIntrospector().isElement(jaxbObjectOrElement)) {
            return jaxbObjectOrElement;
        }
        Class<?> type = jaxbObjectOrElement.getClass();
        QName name = ROOT_ELEMENTS.get(type);
        if (name == null) {
            throw new IllegalArgumentException("No global element known for " + type.getName()
                    + "; pass a JAXBElement (see the ObjectFactory create... methods)");
        }
        return new JAXBElement(name, type, jaxbObjectOrElement);
    }

    // ------------------------------------------------------------------ secure parser factories

    /**
     * A new StAX input factory with DTD support and external entities switched off: a DOCTYPE that
     * declares entities cannot be expanded, an entity reference then fails immediately.
     */
    public static XMLInputFactory secureInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("External resource access is not allowed: " + systemId);
        });
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    private static void trySet(XMLInputFactory factory, String property, Object value) {
        try {
            factory.setProperty(property, value);
        } catch (IllegalArgumentException ignored) {
            // not every StAX implementation knows the JAXP properties
        }
    }

    @FunctionalInterface
    private interface FeatureSetter {
        void set(String feature, boolean value) throws Exception;
    }

    /** The parser features that make DOCTYPEs and external entities fail instead of being processed. */
    private static void forbidDtds(FeatureSetter parser) {
        try {
            parser.set(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            parser.set("http://apache.org/xml/features/disallow-doctype-decl", true);
            parser.set("http://xml.org/sax/features/external-general-entities", false);
            parser.set("http://xml.org/sax/features/external-parameter-entities", false);
            parser.set("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (Exception e) {
            throw new IllegalStateException("XML parser does not support the required security features", e);
        }
    }

    /** A new namespace-aware DOM factory that rejects DOCTYPE declarations (disallow-doctype-decl). */
    public static DocumentBuilderFactory secureDocumentBuilderFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        forbidDtds(factory::setFeature);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    /** A new namespace-aware SAX parser factory that rejects DOCTYPE declarations. */
    public static SAXParserFactory secureSaxParserFactory() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        forbidDtds(factory::setFeature);
        return factory;
    }

    /** A new secure SAX reader (DOCTYPE rejected, no external access). */
    public static XMLReader secureXmlReader() {
        try {
            XMLReader reader = secureSaxParserFactory().newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entity access is not allowed: " + systemId);
            });
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("Cannot create a secure SAX parser", e);
        }
    }

    /** Replaces the parser of stream and SAX sources by a secure one; DOM/StAX sources are already parsed. */
    private static Source harden(Source source) {
        if (source instanceof StreamSource stream) {
            return new SAXSource(secureXmlReader(), toInputSource(stream));
        }
        if (source instanceof SAXSource sax) {
            InputSource in = sax.getInputSource();
            if (in == null && sax.getSystemId() == null) {
                // an event producer over already-parsed XML (e.g. a StAX bridge): there is no text to re-parse
                return source;
            }
            return new SAXSource(secureXmlReader(), in != null ? in : new InputSource(sax.getSystemId()));
        }
        return source;
    }

    private static Source hardenForJaxb(Source source) throws JAXBException {
        if (source == null) {
            throw new JAXBException("source is null");
        }
        return harden(source);
    }

    private static InputSource toInputSource(StreamSource stream) {
        InputSource in = new InputSource();
        if (stream.getInputStream() != null) {
            in.setByteStream(stream.getInputStream());
        } else if (stream.getReader() != null) {
            in.setCharacterStream(stream.getReader());
        }
        in.setPublicId(stream.getPublicId());
        in.setSystemId(stream.getSystemId());
        return in;
    }

    // ------------------------------------------------------------------ helpers

    /** Resolves schema imports/includes from the classpath {@code xsd/} folder only. */
    private static final class ClasspathResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespaceURI, String publicId, String systemId,
                                       String baseURI) {
            String fileName;
            if (XMLConstants.XML_NS_URI.equals(namespaceURI)) {
                fileName = "xml.xsd";
            } else if (systemId != null) {
                int slash = systemId.lastIndexOf('/');
                fileName = slash >= 0 ? systemId.substring(slash + 1) : systemId;
            } else {
                throw new IllegalStateException("Cannot resolve schema for namespace " + namespaceURI);
            }
            URL url = xsdUrl(fileName);
            if (url == null) {
                throw new IllegalStateException("Schema " + systemId + " (" + namespaceURI
                        + ") is not available on the classpath under " + XSD_FOLDER);
            }
            try (InputStream in = url.openStream()) {
                return new BytesInput(publicId, url.toExternalForm(), baseURI, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class BytesInput implements LSInput {
        private String publicId;
        private String systemId;
        private String baseURI;
        private final byte[] bytes;

        BytesInput(String publicId, String systemId, String baseURI, byte[] bytes) {
            this.publicId = publicId;
            this.systemId = systemId;
            this.baseURI = baseURI;
            this.bytes = bytes;
        }

        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader characterStream) { }
        @Override public InputStream getByteStream() { return new ByteArrayInputStream(bytes); }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String systemId) { this.systemId = systemId; }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String publicId) { this.publicId = publicId; }
        @Override public String getBaseURI() { return baseURI; }
        @Override public void setBaseURI(String baseURI) { this.baseURI = baseURI; }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }

    /** Conventional prefixes: rim, rs, lcm, query, xdsb, iherad. */
    private static final class XdsPrefixMapper extends NamespacePrefixMapper {
        @Override
        public String getPreferredPrefix(String namespaceUri, String suggestion, boolean requirePrefix) {
            return PREFIXES.getOrDefault(namespaceUri, suggestion);
        }
    }
}
