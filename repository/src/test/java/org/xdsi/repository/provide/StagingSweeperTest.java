package org.xdsi.repository.provide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.registry.DocumentRegistry;
import org.xdsi.registry.RegistryConfig;
import org.xdsi.registry.RegistryService;
import org.xdsi.repository.RepositoryConfig;
import org.xdsi.repository.RepositoryService;
import org.xdsi.repository.store.FileDocumentStore;
import org.xdsi.repository.store.IncomingDocument;
import org.xdsi.repository.store.StoredDocument;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.query.AdhocQueryResponse;
import org.xdsi.schema.rim.ObjectRefType;
import org.xdsi.schema.rim.RegistryObjectListType;
import org.xdsi.schema.rim.SlotType1;
import org.xdsi.schema.rs.RegistryResponseType;

/**
 * What a crash left in staging is settled at start-up: published when the registry knows the uniqueId (the
 * submission was registered), deleted when it does not (it never was), kept when the registry cannot answer;
 * an incomplete staging folder is deleted without asking.
 */
class StagingSweeperTest {
    static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";

    @TempDir
    Path root;

    /** A registry that knows some document uniqueIds and answers GetDocuments about them. */
    static final class FakeRegistry implements DocumentRegistry {
        final Set<String> known = new HashSet<>();
        final List<String> asked = new ArrayList<>();
        boolean available = true;

        FakeRegistry(String... uniqueIds) {
            known.addAll(List.of(uniqueIds));
        }

        @Override
        public RegistryResponseType registerDocumentSet(SubmitObjectsRequest request) {
            throw new AssertionError("the sweeper never registers");
        }

        @Override
        public AdhocQueryResponse storedQuery(AdhocQueryRequest request) {
            assertEquals(GET_DOCUMENTS, request.getAdhocQuery().getId(), "the sweeper asks GetDocuments");
            String value = null;
            for (SlotType1 s : request.getAdhocQuery().getSlot()) {
                if ("$XDSDocumentEntryUniqueId".equals(s.getName())) {
                    value = s.getValueList().getValue().get(0);
                }
            }
            assertTrue(value != null && value.startsWith("('") && value.endsWith("')"), "a quoted list: " + value);
            String uniqueId = value.substring(2, value.length() - 2);
            asked.add(uniqueId);
            AdhocQueryResponse r = new AdhocQueryResponse();
            if (!available) {
                r.setStatus(Vocabulary.RESPONSE_FAILURE);
                r.setRegistryErrorList(org.xdsi.metadata.RegistryResponses.errorList(List.of(
                        XdsError.error(ErrorCode.XDSRegistryError, "database down", null))));
                return r;
            }
            r.setStatus(Vocabulary.RESPONSE_SUCCESS);
            RegistryObjectListType list = new RegistryObjectListType();
            if (known.contains(uniqueId)) {
                ObjectRefType ref = new ObjectRefType();
                ref.setId("urn:uuid:" + UUID.randomUUID());
                list.getIdentifiable().add(new org.xdsi.schema.rim.ObjectFactory().createObjectRef(ref));
            }
            r.setRegistryObjectList(list);
            return r;
        }
    }

    IncomingDocument stage(FileDocumentStore store, String uniqueId, byte[] bytes) throws IOException {
        return store.receive(uniqueId, "text/plain", new ByteArrayInputStream(bytes), Long.MAX_VALUE);
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] read(StoredDocument d) throws IOException {
        try (InputStream in = d.open()) {
            return in.readAllBytes();
        }
    }

    long staged() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("staging"))) {
            return s.count();
        }
    }

    long documentFiles() throws IOException {
        try (Stream<Path> s = Files.walk(root.resolve("documents"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aStagedDocumentTheRegistryKnowsIsPublished() throws Exception {
        FileDocumentStore crashed = new FileDocumentStore(root);
        byte[] bytes = text("registered, then the repository crashed before publishing");
        stage(crashed, "1.2.840.1", bytes);
        FakeRegistry registry = new FakeRegistry("1.2.840.1");

        FileDocumentStore restarted = new FileDocumentStore(root);
        int[] result = new StagingSweeper(restarted, registry).sweep();

        assertArrayEquals(new int[] {1, 0}, result, "published, removed");
        assertEquals(List.of("1.2.840.1"), registry.asked);
        assertArrayEquals(bytes, read(restarted.find("1.2.840.1").orElseThrow()));
        assertEquals(0, staged());
    }

    @Test
    void aStagedDocumentTheRegistryDoesNotKnowIsDeleted() throws Exception {
        stage(new FileDocumentStore(root), "1.2.840.2", text("never registered"));
        FakeRegistry registry = new FakeRegistry();

        FileDocumentStore restarted = new FileDocumentStore(root);
        int[] result = new StagingSweeper(restarted, registry).sweep();

        assertArrayEquals(new int[] {0, 1}, result);
        assertEquals(List.of("1.2.840.2"), registry.asked);
        assertTrue(restarted.find("1.2.840.2").isEmpty());
        assertEquals(0, staged());
        assertEquals(0, documentFiles());
    }

    @Test
    void anIncompleteStagingFolderIsDeletedWithoutAskingTheRegistry() throws Exception {
        new FileDocumentStore(root);
        Path incomplete = Files.createDirectory(root.resolve("staging").resolve(UUID.randomUUID().toString()));
        Files.write(incomplete.resolve("content"), text("content written, meta.properties never"));
        FakeRegistry registry = new FakeRegistry();

        int[] result = new StagingSweeper(new FileDocumentStore(root), registry).sweep();

        assertArrayEquals(new int[] {0, 0}, result);
        assertTrue(registry.asked.isEmpty());
        assertFalse(Files.exists(incomplete));
        assertEquals(0, staged());
        assertEquals(0, documentFiles());
    }

    @Test
    void whenTheRegistryCannotAnswerTheStagedDocumentIsKeptForTheNextStart() throws Exception {
        byte[] bytes = text("fate unknown");
        stage(new FileDocumentStore(root), "1.2.840.3", bytes);
        FakeRegistry registry = new FakeRegistry("1.2.840.3");
        registry.available = false;

        FileDocumentStore restarted = new FileDocumentStore(root);
        assertArrayEquals(new int[] {0, 0}, new StagingSweeper(restarted, registry).sweep());

        assertEquals(1, staged(), "kept");
        assertTrue(restarted.find("1.2.840.3").isEmpty());
        registry.available = true;
        assertArrayEquals(new int[] {1, 0}, new StagingSweeper(new FileDocumentStore(root), registry).sweep());
        assertArrayEquals(bytes, read(restarted.find("1.2.840.3").orElseThrow()));
        assertEquals(0, staged());
    }

    @Test
    void aStagedCopyOfAnAlreadyPublishedDocumentIsSettledIdempotently() throws Exception {
        FileDocumentStore store = new FileDocumentStore(root);
        byte[] bytes = text("published once, staged again by a resubmission, then a crash");
        stage(store, "1.2.840.4", bytes).commit();
        stage(store, "1.2.840.4", bytes);
        long before = documentFiles();

        int[] result = new StagingSweeper(new FileDocumentStore(root), new FakeRegistry("1.2.840.4")).sweep();

        assertArrayEquals(new int[] {1, 0}, result);
        assertEquals(0, staged());
        assertEquals(before, documentFiles());
        assertArrayEquals(bytes, read(store.find("1.2.840.4").orElseThrow()));
    }

    /**
     * A resubmission with other bytes under a uniqueId already published is refused (XDSNonIdenticalHash) after
     * its bytes were staged; a crash in between leaves them staged. The registry knows the uniqueId (from the first
     * submission), but the staged bytes were never registered: they are removed, the published document stays,
     * and the repository starts.
     */
    @Test
    void aStagedCopyWithOtherBytesThanThePublishedDocumentIsRemovedNotPublished() throws Exception {
        FileDocumentStore store = new FileDocumentStore(root);
        byte[] published = text("the registered bytes");
        stage(store, "1.2.840.7", published).commit();
        stage(store, "1.2.840.7", text("a refused resubmission"));

        int[] result = new StagingSweeper(new FileDocumentStore(root), new FakeRegistry("1.2.840.7")).sweep();

        assertArrayEquals(new int[] {0, 1}, result);
        assertEquals(0, staged());
        assertArrayEquals(published, read(store.find("1.2.840.7").orElseThrow()));
    }

    @Test
    void aMixIsSettledDocumentByDocument() throws Exception {
        FileDocumentStore crashed = new FileDocumentStore(root);
        stage(crashed, "1.2.840.5", text("known"));
        stage(crashed, "1.2.840.6", text("unknown"));
        Path incomplete = Files.createDirectory(root.resolve("staging").resolve("partial"));
        Files.write(incomplete.resolve("content"), text("partial"));

        FileDocumentStore restarted = new FileDocumentStore(root);
        int[] result = new StagingSweeper(restarted, new FakeRegistry("1.2.840.5")).sweep();

        assertArrayEquals(new int[] {1, 1}, result);
        assertArrayEquals(text("known"), read(restarted.find("1.2.840.5").orElseThrow()));
        assertTrue(restarted.find("1.2.840.6").isEmpty());
        assertEquals(0, staged());
    }

    /** With the real registry: the GetDocuments query the sweeper sends is one the registry answers as meant. */
    @Test
    void theRepositoryServiceSweepsAtStartAgainstARealRegistry() throws Exception {
        String domain = "1.3.6.1.4.1.21367.13.20.1000";
        String repositoryId = "1.3.6.1.4.1.21367.13.50.8";
        try (RegistryService registry = new RegistryService(RegistryConfig.embedded(
                "jdbc:h2:mem:sweep-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", domain))) {
            String pid = "SWEEP1^^^&" + domain + "&ISO";
            registry.patients().register(pid);
            byte[] registeredBytes = text("registered before the crash");
            SubmissionBuilder s = new SubmissionBuilder(pid, "1.3.6.1.4.1.21367.13.40.999")
                    .author("^Welby^Marcus^^^Dr", "Some Hospital^^^^^^^^^1.2.3");
            DocumentEntryBuilder d = s.addDocument().mimeType("text/plain")
                    .author("^Welby^Marcus^^^Dr", "Some Hospital^^^^^^^^^1.2.3")
                    .hashAndSize(sha1(registeredBytes), registeredBytes.length).repositoryUniqueId(repositoryId);
            RegistryResponseType registered = registry.registerDocumentSet(s.build());
            assertEquals(Vocabulary.RESPONSE_SUCCESS, registered.getStatus());

            FileDocumentStore crashed = new FileDocumentStore(root);
            stage(crashed, d.uniqueIdValue(), registeredBytes);
            stage(crashed, "2.25.1234567890", text("never registered"));

            new RepositoryService(RepositoryConfig.of(repositoryId, root), registry);

            FileDocumentStore after = new FileDocumentStore(root);
            assertArrayEquals(registeredBytes, read(after.find(d.uniqueIdValue()).orElseThrow()));
            assertTrue(after.find("2.25.1234567890").isEmpty());
            assertEquals(0, staged());
        }
    }

    static String sha1(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(b));
    }
}
