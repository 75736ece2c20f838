package org.xdsi.repository;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.xdsi.registry.DocumentRegistry;
import org.xdsi.registry.soap.SoapEndpoints;
import org.xdsi.repository.soap.MtomRequest;
import org.xdsi.repository.soap.OutboundAttachments;
import org.xdsi.repository.soap.RepositoryEndpoint;

/** A running Document Repository: the SOAP + MTOM endpoint for ITI-41 and ITI-43. */
public final class RepositoryActor implements AutoCloseable {
    /** MIME parts up to this size stay in memory while CXF reads past them; larger ones spill to a temp file. */
    private static final int ATTACHMENT_MEMORY_THRESHOLD = 256 * 1024;

    private final RepositoryService service;
    private final Server endpoint;
    private final String endpointUrl;

    private RepositoryActor(RepositoryService service, Server endpoint, String endpointUrl) {
        this.service = service;
        this.endpoint = endpoint;
        this.endpointUrl = endpointUrl;
    }

    /**
     * Starts the repository.
     *
     * @param httpBaseUrl e.g. {@code http://127.0.0.1:8080/xdsi} (a concrete port)
     * @param registry    the registry to register with: in-process or a SOAP client
     */
    public static RepositoryActor start(RepositoryConfig config, DocumentRegistry registry, String httpBaseUrl) {
        RepositoryService service = new RepositoryService(config, registry);
        String url = httpBaseUrl + "/repository";
        JaxWsServerFactoryBean factory = SoapEndpoints.factory(new RepositoryEndpoint(service), url,
                "DocumentRepository.wsdl", true, config.maxRequestBytes());
        Map<String, Object> props = new HashMap<>(factory.getProperties());
        try {
            props.put("attachment-directory", Files.createDirectories(
                    config.storeDirectory().resolve("mime-spill")).toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        props.put("attachment-memory-threshold", ATTACHMENT_MEMORY_THRESHOLD);
        props.put("attachment-max-size", config.maxRequestBytes());
        factory.setProperties(props);
        factory.getInInterceptors().add(new MtomRequest.Required());
        factory.getInInterceptors().add(new MtomRequest.Completeness());
        factory.getOutInterceptors().add(new OutboundAttachments());
        return new RepositoryActor(service, factory.create(), url);
    }

    public String endpointUrl() {
        return endpointUrl;
    }

    public RepositoryService local() {
        return service;
    }

    @Override
    public void close() {
        endpoint.destroy();
    }
}
