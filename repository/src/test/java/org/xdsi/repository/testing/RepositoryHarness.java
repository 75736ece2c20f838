package org.xdsi.repository.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.util.UUID;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.registry.RegistryActor;
import org.xdsi.registry.RegistryConfig;
import org.xdsi.repository.RepositoryActor;
import org.xdsi.repository.RepositoryConfig;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.lcm.SubmitObjectsRequest;

/**
 * A registry (in-memory H2) and a repository registering with it in-process, on loopback ports. As a JUnit
 * extension ({@link #perClass}) it starts before a test class's first test with a fresh store and stops after its
 * last.
 */
public final class RepositoryHarness implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    public static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";
    public static final String SOURCE_ID = "1.3.6.1.4.1.21367.13.40.999";
    public static final String REPOSITORY_ID = "1.3.6.1.4.1.21367.13.50.7";

    // set once when started; not final because an extension starts after the test class is loaded
    public RegistryActor registry;
    public RepositoryActor repository;
    public Path store;
    private final Function<Path, RepositoryConfig> config;

    private RepositoryHarness(Function<Path, RepositoryConfig> config) {
        this.config = config;
    }

    /** For {@code @RegisterExtension static final}: one harness for all tests of the class. */
    public static RepositoryHarness perClass() {
        return perClass(store -> RepositoryConfig.of(REPOSITORY_ID, store));
    }

    public static RepositoryHarness perClass(Function<Path, RepositoryConfig> config) {
        return new RepositoryHarness(config);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        startIn(Files.createTempDirectory("xdsi-repository-test"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> files = Files.walk(store)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static RepositoryHarness start(Path store) {
        return start(store, RepositoryConfig.of(REPOSITORY_ID, store));
    }

    public static RepositoryHarness start(Path store, RepositoryConfig config) {
        RepositoryHarness h = new RepositoryHarness(any -> config);
        h.startIn(store);
        return h;
    }

    private void startIn(Path storeDirectory) {
        RegistryConfig rc = RegistryConfig.embedded("jdbc:h2:mem:repo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                DOMAIN);
        store = storeDirectory;
        registry = RegistryActor.start(rc, "http://127.0.0.1:" + freePort() + "/xdsi", "127.0.0.1", 0);
        repository = RepositoryActor.start(config.apply(storeDirectory), registry.local(),
                "http://127.0.0.1:" + freePort() + "/xdsi");
    }

    public String url() {
        return repository.endpointUrl();
    }

    public String fedPatient(String id) {
        String pid = id + "^^^&" + DOMAIN + "&ISO";
        registry.local().patients().register(pid);
        return pid;
    }

    /** A Document Source's submission: no hash, size or repositoryUniqueId (the repository adds them). */
    public static SubmissionBuilder submission(String patientId) {
        return new SubmissionBuilder(patientId, SOURCE_ID).author("^Welby^Marcus^^^Dr", "Some Hospital^^^^^^^^^1.2.3");
    }

    public static DocumentEntryBuilder document(SubmissionBuilder s, String mimeType) {
        return s.addDocument().mimeType(mimeType).author("^Welby^Marcus^^^Dr", "Some Hospital^^^^^^^^^1.2.3");
    }

    /** The ITI-41 body: the SubmitObjectsRequest and one xds:Document per (id, href) pair. */
    public static String provideBody(SubmitObjectsRequest submit, String... idAndHref) {
        StringBuilder sb = new StringBuilder("<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb=\"")
                .append(Schemas.NS_XDSB).append("\">");
        sb.append(xml(submit));
        for (int i = 0; i < idAndHref.length; i += 2) {
            sb.append("<xdsb:Document id=\"").append(idAndHref[i]).append("\">")
                    .append("<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"")
                    .append(idAndHref[i + 1]).append("\"/></xdsb:Document>");
        }
        return sb.append("</xdsb:ProvideAndRegisterDocumentSetRequest>").toString();
    }

    public String provideEnvelope(String body) {
        return Mtom.envelope(Vocabulary.ACTION_PROVIDE_AND_REGISTER, url(), body);
    }

    public static String retrieveBody(String... repositoryAndDocumentIds) {
        StringBuilder sb = new StringBuilder("<xdsb:RetrieveDocumentSetRequest xmlns:xdsb=\"")
                .append(Schemas.NS_XDSB).append("\">");
        for (int i = 0; i < repositoryAndDocumentIds.length; i += 2) {
            sb.append("<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>").append(repositoryAndDocumentIds[i])
                    .append("</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>").append(repositoryAndDocumentIds[i + 1])
                    .append("</xdsb:DocumentUniqueId></xdsb:DocumentRequest>");
        }
        return sb.append("</xdsb:RetrieveDocumentSetRequest>").toString();
    }

    public static String xml(Object jaxb) {
        try {
            return Schemas.marshal(jaxb);
        } catch (jakarta.xml.bind.JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ sending

    /** One document of an ITI-41 request: the entry's id, the MIME part's Content-ID and type, the bytes. */
    public record Doc(String entryId, String contentId, String contentType, byte[] bytes) {
        public static Doc of(org.xdsi.metadata.build.DocumentEntryBuilder entry, String contentType, byte[] bytes) {
            return new Doc(entry.id(), entry.id() + "." + UUID.randomUUID() + "@example.org", contentType, bytes);
        }
    }

    /** ITI-41 with one xds:Document per doc ({@code href="cid:<Content-ID>"}, not encoded), as MTOM. */
    public Reply provide(SubmitObjectsRequest submit, Doc... docs) throws IOException, InterruptedException {
        String[] idAndHref = new String[docs.length * 2];
        for (int i = 0; i < docs.length; i++) {
            idAndHref[2 * i] = docs[i].entryId();
            idAndHref[2 * i + 1] = "cid:" + docs[i].contentId();
        }
        String envelope = provideEnvelope(provideBody(submit, idAndHref));
        Mtom.Builder m = new Mtom.Builder().root(envelope);
        for (Doc d : docs) {
            m.attachment(d.contentId(), d.contentType(), d.bytes());
        }
        return send(envelope, m.contentType(), m.build());
    }

    /** ITI-43 for (repositoryUniqueId, documentUniqueId) pairs, as MTOM. */
    public Reply retrieve(String... repositoryAndDocumentIds) throws IOException, InterruptedException {
        return retrieveWith(retrieveBody(repositoryAndDocumentIds));
    }

    /** ITI-43 with this xds:RetrieveDocumentSetRequest body, as MTOM. */
    public Reply retrieveWith(String body) throws IOException, InterruptedException {
        String envelope = Mtom.envelope(Vocabulary.ACTION_RETRIEVE, url(), body);
        Mtom.Builder m = new Mtom.Builder().root(envelope);
        return send(envelope, m.contentType(), m.build());
    }

    /** Posts the bytes and pairs the answer with the envelope's MessageID. */
    public Reply send(String envelope, String contentType, byte[] body) throws IOException, InterruptedException {
        return new Reply(Mtom.messageId(envelope), Mtom.post(url(), contentType, body));
    }

    // ------------------------------------------------------------------ what the registry holds

    /** ITI-18 FindDocuments (Approved, LeafClass) for the patient, through the registry in-process. */
    public java.util.List<org.xdsi.schema.rim.ExtrinsicObjectType> findDocuments(String patientId) {
        return extrinsicObjects(query(FIND_DOCUMENTS, "<rim:Slot name=\"$XDSDocumentEntryPatientId\"><rim:ValueList>"
                + "<rim:Value>'" + escape(patientId) + "'</rim:Value></rim:ValueList></rim:Slot>"
                + "<rim:Slot name=\"$XDSDocumentEntryStatus\"><rim:ValueList><rim:Value>('"
                + Vocabulary.STATUS_APPROVED + "')</rim:Value></rim:ValueList></rim:Slot>"));
    }

    /** ITI-18 GetDocuments (LeafClass) by document uniqueId, through the registry in-process. */
    public java.util.List<org.xdsi.schema.rim.ExtrinsicObjectType> getDocuments(String uniqueId) {
        return extrinsicObjects(query(GET_DOCUMENTS, "<rim:Slot name=\"$XDSDocumentEntryUniqueId\"><rim:ValueList>"
                + "<rim:Value>('" + escape(uniqueId) + "')</rim:Value></rim:ValueList></rim:Slot>"));
    }

    /** JDBC: SubmissionSets and DocumentEntries the registry database holds for the patient. */
    public int registryRows(String patientId) {
        try (java.sql.Connection c = registry.local().database().dataSource().getConnection()) {
            int n = 0;
            for (String table : new String[] {"submission_set", "document_entry"}) {
                try (java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM " + table + " WHERE patient_id = ?")) {
                    ps.setString(1, patientId);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        n += rs.getInt(1);
                    }
                }
            }
            return n;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first value of a slot of a registry object, or null. */
    public static String slot(org.xdsi.schema.rim.RegistryObjectType object, String name) {
        for (org.xdsi.schema.rim.SlotType1 s : object.getSlot()) {
            if (name.equals(s.getName()) && s.getValueList() != null && !s.getValueList().getValue().isEmpty()) {
                return s.getValueList().getValue().get(0);
            }
        }
        return null;
    }

    public static String uniqueIdOf(org.xdsi.schema.rim.RegistryObjectType object) {
        return object.getExternalIdentifier().stream()
                .filter(x -> Vocabulary.DE_UNIQUE_ID.equals(x.getIdentificationScheme()))
                .map(org.xdsi.schema.rim.ExternalIdentifierType::getValue).findFirst().orElse(null);
    }

    public static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
    public static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";

    private org.xdsi.schema.query.AdhocQueryResponse query(String queryId, String slots) {
        String xml = "<query:AdhocQueryRequest xmlns:query=\"" + Schemas.NS_QUERY + "\" xmlns:rim=\"" + Schemas.NS_RIM
                + "\"><query:ResponseOption returnComposedObjects=\"true\" returnType=\"LeafClass\"/>"
                + "<rim:AdhocQuery id=\"" + queryId + "\">" + slots + "</rim:AdhocQuery></query:AdhocQueryRequest>";
        org.xdsi.schema.query.AdhocQueryResponse r;
        try {
            r = registry.local().storedQuery(Schemas.unmarshal(xml, org.xdsi.schema.query.AdhocQueryRequest.class));
        } catch (jakarta.xml.bind.JAXBException e) {
            throw new IllegalStateException(e);
        }
        if (!Vocabulary.RESPONSE_SUCCESS.equals(r.getStatus())) {
            throw new AssertionError("stored query failed: " + xml(r));
        }
        return r;
    }

    private static java.util.List<org.xdsi.schema.rim.ExtrinsicObjectType> extrinsicObjects(
            org.xdsi.schema.query.AdhocQueryResponse r) {
        java.util.List<org.xdsi.schema.rim.ExtrinsicObjectType> out = new java.util.ArrayList<>();
        if (r.getRegistryObjectList() != null) {
            for (var e : r.getRegistryObjectList().getIdentifiable()) {
                if (e.getValue() instanceof org.xdsi.schema.rim.ExtrinsicObjectType eo) {
                    out.add(eo);
                }
            }
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("'", "''");
    }

    @Override
    public void close() {
        if (repository != null) {
            repository.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
