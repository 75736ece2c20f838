package org.xdsi.imaging.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.xdsi.imaging.ImagingSourceActor;
import org.xdsi.imaging.ImagingSourceConfig;
import org.xdsi.registry.RegistryActor;
import org.xdsi.registry.RegistryConfig;
import org.xdsi.repository.DocumentRepository;
import org.xdsi.repository.LocalDocumentRepository;
import org.xdsi.repository.RepositoryActor;
import org.xdsi.repository.RepositoryConfig;
import org.xdsi.repository.client.RepositoryClient;

/**
 * A registry, a repository and an imaging source, each real and on loopback: the registry in-memory H2, the
 * repository storing under the test's folder, the imaging source with its H2 file index there too.
 */
final class XdsSite implements AutoCloseable {
    static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";
    static final String SOURCE_UID = "1.3.6.1.4.1.21367.13.80.1";
    static final String REPOSITORY_ID = "1.3.6.1.4.1.21367.13.50.7";

    final Path dir;
    final RegistryActor registry;
    RepositoryActor repository;
    ImagingSourceActor source;
    final String repositoryBase;
    String sourceBase;

    private XdsSite(Path dir, RegistryActor registry, String repositoryBase) {
        this.dir = dir;
        this.registry = registry;
        this.repositoryBase = repositoryBase;
    }

    /** Registry (accepting patients of the domain without a feed when {@code acceptUnfed}), no repository yet. */
    static XdsSite registryOnly(Path dir, boolean acceptUnfed) {
        RegistryConfig rc = RegistryConfig.embedded("jdbc:h2:mem:pub-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                DOMAIN).withAcceptUnfedPatients(acceptUnfed);
        RegistryActor registry = RegistryActor.start(rc, "http://127.0.0.1:" + freePort() + "/xdsi", "127.0.0.1", 0);
        return new XdsSite(dir, registry, "http://127.0.0.1:" + freePort() + "/xdsi");
    }

    /** Registry + repository + imaging source publishing in-process. */
    static XdsSite start(Path dir, boolean acceptUnfed, Duration quiet, PublicationSettings settings) {
        XdsSite site = registryOnly(dir, acceptUnfed);
        site.startRepository();
        site.startSource(quiet, settings, new LocalDocumentRepository(site.repository.local()));
        return site;
    }

    void startRepository() {
        repository = RepositoryActor.start(RepositoryConfig.of(REPOSITORY_ID, dir.resolve("repository")),
                registry.local(), repositoryBase);
    }

    /** The repository's ITI-41 endpoint over SOAP (reachable only while the repository runs). */
    DocumentRepository remoteRepository() {
        return new RepositoryClient(URI.create(repositoryBase + "/repository"), Duration.ofSeconds(20));
    }

    void startSource(Duration quiet, PublicationSettings settings, DocumentRepository target) {
        sourceBase = "http://127.0.0.1:" + freePort() + "/xdsi";
        ImagingSourceConfig config = ImagingSourceConfig.of(dir.resolve("imaging"), SOURCE_UID, DOMAIN)
                .withQuietPeriod(quiet);
        source = ImagingSourceActor.start(config, settings, target, sourceBase);
    }

    void stopSource() {
        source.close();
        source = null;
    }

    IndexRows index() {
        return new IndexRows(source.database().dataSource());
    }

    Publisher publisher() {
        return source.publisher();
    }

    static String patient(String id) {
        return id + "^^^&" + DOMAIN + "&ISO";
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (source != null) {
            source.close();
        }
        if (repository != null) {
            repository.close();
        }
        registry.close();
    }
}
