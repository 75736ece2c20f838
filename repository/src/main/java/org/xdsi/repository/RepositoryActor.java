package org.xdsi.repository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.http_jetty.JettyHTTPDestination;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.xdsi.registry.DocumentRegistry;
import org.xdsi.registry.soap.SoapEndpoints;
import org.xdsi.repository.soap.MtomPartsReader;
import org.xdsi.repository.soap.MtomRequest;
import org.xdsi.repository.soap.OutboundAttachments;
import org.xdsi.repository.soap.RepositoryEndpoint;

/** A running Document Repository: the SOAP + MTOM endpoint for ITI-41 and ITI-43. */
public final class RepositoryActor implements AutoCloseable {
    /** MIME parts up to this size stay in memory when the parser reads past them; larger ones spill to a file. */
    private static final int ATTACHMENT_MEMORY_THRESHOLD = 256 * 1024;
    /** MIME parts a request may have besides the envelope (CXF's default limit). */
    private static final int MAX_ATTACHMENTS = 50;
    /** Bytes Jetty reads from a connection at a time. */
    private static final int REQUEST_READ_BYTES = 64 * 1024;

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
        Path spill;
        try {
            spill = Files.createDirectories(config.storeDirectory().resolve("mime-spill"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // CXF's own parser still reads a multipart request without a boundary parameter
        Map<String, Object> props = new HashMap<>(factory.getProperties());
        props.put("attachment-directory", spill.toString());
        props.put("attachment-memory-threshold", ATTACHMENT_MEMORY_THRESHOLD);
        props.put("attachment-max-size", config.maxRequestBytes());
        factory.setProperties(props);
        factory.getInInterceptors().add(new MtomPartsReader(spill, ATTACHMENT_MEMORY_THRESHOLD, MAX_ATTACHMENTS));
        factory.getInInterceptors().add(new MtomPartsReader.Release());
        factory.getInInterceptors().add(new MtomRequest.Required());
        factory.getOutInterceptors().add(new OutboundAttachments());
        Server server = factory.create();
        readRequestsInLargeChunks(server);
        return new RepositoryActor(service, server, url);
    }

    /**
     * Jetty reads a request body 8 KiB at a time by default: for documents of hundreds of MiB that is a system
     * call and a trip through Jetty's content handling per 8 KiB. The setting is the HTTP connector's, shared with
     * the other endpoints on the port, and applies to the connections opened from now on.
     */
    private static void readRequestsInLargeChunks(Server server) {
        if (server.getDestination() instanceof JettyHTTPDestination jetty
                && jetty.getEngine() instanceof JettyHTTPServerEngine engine && engine.getConnector() != null) {
            HttpConnectionFactory http = engine.getConnector().getConnectionFactory(HttpConnectionFactory.class);
            if (http != null && http.getInputBufferSize() < REQUEST_READ_BYTES) {
                http.setInputBufferSize(REQUEST_READ_BYTES);
            }
        }
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
