package org.xdsi.imaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.xdsi.imaging.archive.ImagingDatabase;
import org.xdsi.imaging.archive.InstanceArchive;
import org.xdsi.imaging.stow.StowRsResource;
import org.xdsi.imaging.publish.PatientIdMapper;
import org.xdsi.imaging.publish.PublicationResource;
import org.xdsi.imaging.publish.PublicationSettings;
import org.xdsi.imaging.publish.Publisher;
import org.xdsi.imaging.archive.InstanceLocator;
import org.xdsi.imaging.retrieve.RetrieveServices;
import org.xdsi.repository.DocumentRepository;

/**
 * A running Imaging Document Source: the archive that STOW-RS and imports fill, the publisher that sends a KOS
 * manifest per study (RAD-68), and the retrieve services (RAD-69, WADO-URI, WADO-RS), all on the HTTP port of
 * the process under {@code <httpBaseUrl>}.
 */
public final class ImagingSourceActor implements AutoCloseable {
    private final ImagingDatabase database;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private InstanceArchive archive;
    private PublicationSettings publication = PublicationSettings.defaults();
    private Publisher publisher;

    private ImagingSourceActor(ImagingDatabase database) {
        this.database = database;
    }

    /**
     * Starts the imaging source.
     *
     * @param repository  where manifests go: the repository of this process or a SOAP client of a remote one
     * @param httpBaseUrl e.g. {@code http://127.0.0.1:8080/xdsi} (a concrete port)
     */
    public static ImagingSourceActor start(ImagingSourceConfig config, DocumentRepository repository,
                                           String httpBaseUrl) {
        return start(config, PublicationSettings.defaults(), repository, httpBaseUrl);
    }

    /** Starts the imaging source with the affinity domain's RAD-68 settings (patient map, codes, retry pacing). */
    public static ImagingSourceActor start(ImagingSourceConfig config, PublicationSettings publication,
                                           DocumentRepository repository, String httpBaseUrl) {
        try {
            Files.createDirectories(config.instanceDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + config.instanceDirectory(), e);
        }
        ImagingSourceActor actor = new ImagingSourceActor(ImagingDatabase.open(config.indexJdbcUrl()));
        actor.publication = publication;
        try {
            actor.startServices(config, repository, httpBaseUrl);
        } catch (RuntimeException e) {
            actor.close();
            throw e;
        }
        return actor;
    }

    private void startServices(ImagingSourceConfig config, DocumentRepository repository, String httpBaseUrl) {
        // URLs: RAD-69 <base>/imaging-source, WADO-URI <base>/wado, WADO-RS <base>/dicomweb,
        // STOW-RS <base>/dicomweb/studies, publication admin <base>/imaging;
        // each service registers its endpoints with endpoint(name, url) and its resources with rest(...)
        archive = new InstanceArchive(database.dataSource(), config.instanceDirectory());
        StowRsResource stowResource = new StowRsResource(archive, httpBaseUrl + "/dicomweb");
        endpoint("stow-rs", httpBaseUrl + "/dicomweb/studies");
        startRetrieve(config, httpBaseUrl, archive.locator(), stowResource);
        startPublisher(config, repository, httpBaseUrl);
    }

    /** RAD-68: the publisher's worker and its admin resource at {@code <base>/imaging} (no endpoint line). */
    private void startPublisher(ImagingSourceConfig config, DocumentRepository repository, String httpBaseUrl) {
        PatientIdMapper patients = publication.patientMap() == null ? PatientIdMapper.identity(config.domain())
                : PatientIdMapper.load(config.domain(), publication.patientMap());
        publisher = new Publisher(config, publication, patients, database.dataSource(), repository, httpBaseUrl);
        running.push(publisher);
        rest(httpBaseUrl + "/imaging", List.of(new PublicationResource(publisher)), List.of());
        publisher.start();
    }

    /** RAD-69, WADO-URI and WADO-RS over the archive's instances; STOW-RS shares the /dicomweb server. */
    private void startRetrieve(ImagingSourceConfig config, String httpBaseUrl, InstanceLocator instances,
                               Object stowResource) {
        RetrieveServices retrieve = new RetrieveServices(instances, config.sourceUid(),
                config.directory().resolve("tmp").resolve("retrieve"));
        Server rad69 = retrieve.publishRad69(httpBaseUrl + "/imaging-source");
        running.push(rad69::destroy);
        endpoint("imaging-rad69", httpBaseUrl + "/imaging-source");
        rest(httpBaseUrl + "/wado", List.of(retrieve.wadoUri()), List.of());
        endpoint("wado-uri", httpBaseUrl + "/wado");
        // STOW-RS (POST /studies) joins WADO-RS (GET /studies) on this one server
        rest(httpBaseUrl + "/dicomweb", List.of(stowResource, retrieve.wadoRs()), List.of());
        endpoint("wado-rs", httpBaseUrl + "/dicomweb");
    }

    /**
     * Publishes JAX-RS resources at {@code address} on the shared Jetty port. Several root resources may share a
     * path (STOW-RS POSTs and WADO-RS GETs under {@code /studies}); CXF picks the method across them.
     */
    private void rest(String address, List<Object> resources, List<Object> providers) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setAddress(address);
        // singleton resources: CXF takes the root classes from the beans (setResourceProvider alone finds none)
        factory.setServiceBeans(resources);
        factory.setProviders(providers);
        Server server = factory.create();
        running.push(server::destroy);
    }

    private void endpoint(String name, String url) {
        endpoints.put(name, url);
    }

    /** Endpoint name ({@code imaging-rad69}, {@code wado-uri}, {@code wado-rs}, {@code stow-rs}) to URL. */
    public Map<String, String> endpoints() {
        return java.util.Collections.unmodifiableMap(endpoints);
    }

    /** The instances held: STOW-RS and imports fill it, publication and retrieval read it. */
    public InstanceArchive archive() {
        return archive;
    }

    /** Publishes manifests (RAD-68): {@code publishNow} for the command, the state of each study. */
    public Publisher publisher() {
        return publisher;
    }

    public ImagingDatabase database() {
        return database;
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(ImagingSourceActor.class).warn("error while stopping: {}",
                        e.toString());
            }
        }
        database.close();
    }
}
