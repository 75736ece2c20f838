package org.xdsi.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.cxf.endpoint.Server;
import org.xdsi.registry.patient.MllpServer;
import org.xdsi.registry.patient.PatientFeedHandler;
import org.xdsi.registry.soap.RegistryEndpoint;
import org.xdsi.registry.soap.SoapEndpoints;

/** A running Document Registry: the SOAP endpoint (ITI-42, ITI-18) and the ITI-8 MLLP listener. */
public final class RegistryActor implements AutoCloseable {
    /** Metadata bodies are small; anything near this is an attack or a mistake. */
    public static final long MAX_REQUEST_BYTES = 20L * 1024 * 1024;

    private final RegistryService service;
    private final Server endpoint;
    private final MllpServer mllp;
    private final String endpointUrl;

    private RegistryActor(RegistryService service, Server endpoint, MllpServer mllp, String endpointUrl) {
        this.service = service;
        this.endpoint = endpoint;
        this.mllp = mllp;
        this.endpointUrl = endpointUrl;
    }

    /**
     * Starts the registry.
     *
     * @param httpBaseUrl e.g. {@code http://127.0.0.1:8080/xdsi} (a concrete port)
     * @param mllpPort    0 for an ephemeral port
     */
    public static RegistryActor start(RegistryConfig config, String httpBaseUrl, String mllpHost, int mllpPort) {
        RegistryService service = new RegistryService(config);
        Server endpoint = null;
        try {
            String url = httpBaseUrl + "/registry";
            endpoint = SoapEndpoints.publish(new RegistryEndpoint(service), url, "DocumentRegistry.wsdl", false,
                    MAX_REQUEST_BYTES);
            MllpServer mllp = new MllpServer(mllpHost, mllpPort,
                    new PatientFeedHandler(config.affinityDomainOid(), service.patients()));
            mllp.start();
            return new RegistryActor(service, endpoint, mllp, url);
        } catch (IOException e) {
            stopQuietly(endpoint, service);
            throw new UncheckedIOException("cannot listen for ITI-8 on " + mllpHost + ":" + mllpPort, e);
        } catch (RuntimeException e) {
            stopQuietly(endpoint, service);
            throw e;
        }
    }

    private static void stopQuietly(Server endpoint, RegistryService service) {
        if (endpoint != null) {
            endpoint.destroy();
        }
        service.close();
    }

    public String endpointUrl() {
        return endpointUrl;
    }

    public int mllpPort() {
        return mllp.port();
    }

    /** The registry in-process, for co-located actors. */
    public RegistryService local() {
        return service;
    }

    @Override
    public void close() {
        mllp.close();
        endpoint.destroy();
        service.close();
    }
}
