package org.xdsi.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.repository.testing.RepositoryHarness.REPOSITORY_ID;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.RegistryResponses;
import org.xdsi.metadata.XdsError;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.registry.DocumentRegistry;
import org.xdsi.repository.testing.Mtom;
import org.xdsi.repository.testing.Reply;
import org.xdsi.repository.testing.RepositoryHarness;
import org.xdsi.repository.testing.StoreFiles;
import org.xdsi.repository.testing.Wire;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.query.AdhocQueryResponse;
import org.xdsi.schema.rs.RegistryResponseType;

/**
 * ITI-41 when the registry cannot register (digest §5.1 step 6): the registry client's XDSRegistryNotAvailable
 * is passed on, and a registry that fails outright is reported the same way; nothing is stored either way.
 */
class RegistryNotAvailableOverTheWireTest {
    @TempDir
    static Path store;
    static RepositoryActor repository;

    /** What the registry does with the next ITI-42. */
    static final AtomicReference<java.util.function.Supplier<RegistryResponseType>> NEXT = new AtomicReference<>();

    static final DocumentRegistry REGISTRY = new DocumentRegistry() {
        @Override
        public RegistryResponseType registerDocumentSet(SubmitObjectsRequest request) {
            return NEXT.get().get();
        }

        @Override
        public AdhocQueryResponse storedQuery(AdhocQueryRequest request) {
            throw new AssertionError("not used");
        }
    };

    @BeforeAll
    static void start() {
        repository = RepositoryActor.start(RepositoryConfig.of(REPOSITORY_ID, store), REGISTRY,
                "http://127.0.0.1:" + RepositoryHarness.freePort() + "/xdsi");
    }

    @AfterAll
    static void stop() {
        if (repository != null) {
            repository.close();
        }
    }

    static Reply provide() throws Exception {
        SubmissionBuilder s = RepositoryHarness.submission("P1^^^&" + RepositoryHarness.DOMAIN + "&ISO");
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain");
        String envelope = Mtom.envelope(org.xdsi.metadata.Vocabulary.ACTION_PROVIDE_AND_REGISTER,
                repository.endpointUrl(), RepositoryHarness.provideBody(s.build(), d.id(), "cid:doc@example.org"));
        Mtom.Builder m = new Mtom.Builder().root(envelope)
                .attachment("doc@example.org", "text/plain", "unregistrable".getBytes(StandardCharsets.UTF_8));
        return new Reply(Mtom.messageId(envelope), Mtom.post(repository.endpointUrl(), m.contentType(), m.build()));
    }

    @Test
    void xdsRegistryNotAvailableFromTheRegistryClientIsPassedOnAndNothingIsStored() throws Exception {
        NEXT.set(() -> RegistryResponses.successOrFailure(List.of(XdsError.error(ErrorCode.XDSRegistryNotAvailable,
                "registry http://registry.example.org/xdsi/registry did not answer within 30 s", null))));
        StoreFiles before = StoreFiles.of(store);

        Reply r = provide();

        Element e = Wire.assertProvideFailure(r, "XDSRegistryNotAvailable");
        Wire.assertMentions(e, "registry.example.org");
        before.assertUnchanged(store);
        assertEquals(0, before.staged());
    }

    @Test
    void aRegistryThatFailsOutrightIsXdsRegistryNotAvailableAndNothingIsStored() throws Exception {
        NEXT.set(() -> {
            throw new IllegalStateException("java.net.ConnectException: Connection refused");
        });
        StoreFiles before = StoreFiles.of(store);

        Reply r = provide();

        Element e = Wire.assertProvideFailure(r, "XDSRegistryNotAvailable");
        assertTrue(e.getAttribute("codeContext").contains("nothing was stored"), r::everything);
        before.assertUnchanged(store);
    }
}
