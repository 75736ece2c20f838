package org.xdsi.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import org.xdsi.registry.DocumentRegistry;
import org.xdsi.registry.RegistryActor;
import org.xdsi.registry.client.SoapRegistryClient;
import org.xdsi.imaging.ImagingSourceActor;
import org.xdsi.imaging.ImagingSourceConfig;
import org.xdsi.imaging.publish.PublicationSettings;
import org.xdsi.repository.DocumentRepository;
import org.xdsi.repository.LocalDocumentRepository;
import org.xdsi.repository.RepositoryActor;
import org.xdsi.repository.client.RepositoryClient;
import org.xdsi.repository.RepositoryConfig;
import org.xdsi.registry.RegistryConfig;
import org.xdsi.registry.register.CodeLists;

/**
 * The actors of one {@code xdsi run}: starts them from resolved {@link ServerSettings}, prints the start-up facts
 * on {@code out} (one per line, machine-readable) and closes them in reverse order.
 */
public final class XdsiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XdsiServer.class);

    /** ITI-42 of a remote registry: long enough for a large submission, short enough to answer the source. */
    private static final Duration REMOTE_REGISTRY_TIMEOUT = Duration.ofSeconds(60);

    private final PrintStream out;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<String> endpointLines = new ArrayList<>();
    private boolean closed;

    public XdsiServer(PrintStream out) {
        this.out = out;
    }

    /** Resolves data folder and domain, starts every actor, then prints the endpoints and {@code xdsi ready}. */
    public void start(ServerSettings settings) {
        DataFolder data = DataFolder.open(settings.dataDir());
        String domain = resolveDomain(settings, data);
        String jdbcUrl = settings.dbUrl() != null ? settings.dbUrl() : data.defaultRegistryJdbcUrl();
        print("domain " + domain);
        print("data " + data.dir());
        if (settings.actors().contains("registry")) { // only the registry opens a database
            print("database " + withoutPassword(jdbcUrl));
        }

        String host = settings.bind();
        int httpPort = httpPort(host, settings.httpPort());
        String httpBaseUrl = "http://" + urlHost(host) + ":" + httpPort + "/xdsi";

        for (String actor : settings.actors()) {
            switch (actor) {
                case "registry" -> startRegistry(settings, domain, jdbcUrl, httpBaseUrl, host);
                case "repository" -> startRepository(settings, data, httpBaseUrl);
                case "imaging-source" -> startImagingSource(settings, data, domain, httpBaseUrl);
                default -> throw new IllegalStateException("actor " + actor + " has no start-up code");
            }
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            endpointLines.forEach(this::print);
            print("xdsi ready");
        }
    }

    private void startRegistry(ServerSettings s, String domain, String jdbcUrl, String httpBaseUrl, String host) {
        RegistryConfig config = new RegistryConfig(jdbcUrl, s.dbUser(), s.dbPassword(), domain,
                s.acceptUnfedPatients(), codeLists(s.codeLists()), s.maxQueryResults(), s.homeCommunityId());
        if (s.acceptUnfedPatients()) {
            LOG.warn("--accept-unfed-patients is on: documents of unknown patients of domain {} are accepted "
                    + "without an ITI-8 feed (demo setting)", domain);
        }
        RegistryActor registry = RegistryActor.start(config, httpBaseUrl, host, s.mllpPort());
        synchronized (this) {
            if (closed) { // SIGTERM arrived while starting
                registry.close();
                return;
            }
            running.push(registry);
        }
        endpointLines.add("endpoint registry " + registry.endpointUrl());
        endpointLines.add("endpoint mllp mllp://" + urlHost(host) + ":" + registry.mllpPort());
    }

    private void startRepository(ServerSettings s, DataFolder data, String httpBaseUrl) {
        String uniqueId = s.repositoryUniqueId() != null ? s.repositoryUniqueId() : data.repositoryUniqueId();
        print("repository-unique-id " + uniqueId);
        DocumentRegistry registry;
        java.net.URI remote = s.registryUrl();
        if (remote == null) {
            RegistryActor local = registryActor();
            registry = local.local();
        } else {
            registry = new SoapRegistryClient(remote, REMOTE_REGISTRY_TIMEOUT);
            print("registry " + remote);
        }
        RepositoryConfig config = RepositoryConfig.of(uniqueId, data.repositoryStore())
                .withMaxDocumentBytes(s.maxDocumentBytes());
        RepositoryActor repository = RepositoryActor.start(config, registry, httpBaseUrl);
        synchronized (this) {
            if (closed) {
                repository.close();
                return;
            }
            running.push(repository);
        }
        endpointLines.add("endpoint repository " + repository.endpointUrl());
    }

    private void startImagingSource(ServerSettings s, DataFolder data, String domain, String httpBaseUrl) {
        String uid = s.imagingSourceUid() != null ? s.imagingSourceUid() : data.imagingSourceUid();
        print("imaging-source-uid " + uid);
        DocumentRepository repository;
        java.net.URI remote = s.repositoryUrl();
        if (remote == null) {
            repository = new LocalDocumentRepository(running(RepositoryActor.class).local());
        } else {
            repository = new RepositoryClient(remote, RepositoryClient.DEFAULT_TIMEOUT);
            print("repository " + remote);
        }
        ImagingSourceConfig config = ImagingSourceConfig.of(data.imagingSource(), uid, domain)
                .withAeTitle(s.imagingAeTitle()).withQuietPeriod(s.imagingQuietPeriod());
        ImagingSourceActor source;
        try {
            source = ImagingSourceActor.start(config, publicationSettings(s), repository, httpBaseUrl);
        } catch (org.xdsi.imaging.publish.PatientMapException e) {
            throw new SettingsException(e.getMessage(), 1);
        }
        synchronized (this) {
            if (closed) {
                source.close();
                return;
            }
            running.push(source);
        }
        source.endpoints().forEach((name, url) -> endpointLines.add("endpoint " + name + " " + url));
    }

    /** The RAD-68 settings of the imaging source: patient map and the affinity domain's codes. */
    private static PublicationSettings publicationSettings(ServerSettings s) {
        return PublicationSettings.defaults().withPatientMap(s.imagingPatientMap())
                .withCodes(code(s, ServerSettings.IMAGING_CLASS_CODE), code(s, ServerSettings.IMAGING_TYPE_CODE),
                        code(s, ServerSettings.IMAGING_PRACTICE_SETTING_CODE),
                        code(s, ServerSettings.IMAGING_FACILITY_TYPE_CODE),
                        code(s, ServerSettings.IMAGING_CONFIDENTIALITY_CODE), s.imagingLanguageCode(),
                        code(s, ServerSettings.IMAGING_CONTENT_TYPE_CODE));
    }

    private static org.xdsi.metadata.model.Code code(ServerSettings s, String key) {
        String v = s.imagingCode(key);
        return v == null ? null : PublicationSettings.parseCode(v);
    }

    private RegistryActor registryActor() {
        return running(RegistryActor.class);
    }

    private <T> T running(Class<T> type) {
        for (AutoCloseable a : running) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        throw new IllegalStateException(type.getSimpleName() + " is started before the actors that use it");
    }

    private static String resolveDomain(ServerSettings settings, DataFolder data) {
        String given = settings.domain();
        if (given == null) {
            return data.domain();
        }
        String stored = data.storedDomain();
        if (stored == null) {
            data.rememberDomain(given);
        } else if (!stored.equals(given)) {
            LOG.warn("affinity domain {} differs from {} generated earlier in {}; patients and documents stored "
                    + "under the other domain will not match", given, stored, data.dir());
        }
        return given;
    }

    private static CodeLists codeLists(Path file) {
        if (file == null) {
            return CodeLists.NONE;
        }
        try {
            return CodeLists.load(file);
        } catch (IOException | RuntimeException e) {
            throw new SettingsException("code lists " + file + ": " + e.getMessage(), 1);
        }
    }

    /**
     * The HTTP port to publish on: a concrete port is checked to be free (for a clear message instead of a Jetty
     * stack trace); 0 picks a free one now, because the SOAP endpoints need their final URL.
     */
    static int httpPort(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new SettingsException("cannot resolve bind host " + host, 1);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, port));
            return socket.getLocalPort();
        } catch (BindException e) {
            throw new SettingsException("cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another xdsi running? choose another --http-port, or 0 for any free port)", 1);
        } catch (IOException e) {
            throw new SettingsException("cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage(), 1);
        }
    }

    static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The JDBC URL with any password parameter masked, for printing. */
    static String withoutPassword(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }

    /** Closes the actors, last started first. Safe to call more than once and from a shutdown hook. */
    @Override
    public void close() {
        List<AutoCloseable> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            while (!running.isEmpty()) {
                toClose.add(running.pop());
            }
        }
        for (AutoCloseable actor : toClose) {
            try {
                actor.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", actor.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
