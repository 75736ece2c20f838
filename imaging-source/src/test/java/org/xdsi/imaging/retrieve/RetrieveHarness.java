package org.xdsi.imaging.retrieve;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.xdsi.imaging.archive.InstanceLocator;

/**
 * The retrieve services on a loopback port, published as ImagingSourceActor publishes them: RAD-69 at
 * {@code <base>/imaging-source}, WADO-URI at {@code <base>/wado}, and WADO-RS at {@code <base>/dicomweb} on one
 * JAX-RS server with a POST-only {@code /studies} class standing in for STOW-RS.
 */
final class RetrieveHarness implements AutoCloseable {
    static final String SOURCE_UID = "1.3.6.1.4.1.21367.13.80.110";

    final String base;
    private final Deque<Server> servers = new ArrayDeque<>();

    RetrieveHarness(InstanceLocator instances, java.nio.file.Path workDirectory) {
        base = "http://127.0.0.1:" + freePort() + "/xdsi";
        RetrieveServices services = new RetrieveServices(instances, SOURCE_UID, workDirectory);
        try {
            servers.push(services.publishRad69(rad69Url()));
            servers.push(rest(base + "/wado", List.of(services.wadoUri())));
            servers.push(rest(base + "/dicomweb", List.of(services.wadoRs(), new StowStandIn())));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    String rad69Url() {
        return base + "/imaging-source";
    }

    /** The same steps as ImagingSourceActor.rest. */
    private static Server rest(String address, List<Object> resources) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setAddress(address);
        // singleton resources: CXF takes the root classes from the beans (setResourceProvider alone finds none)
        factory.setServiceBeans(resources);
        factory.setProviders(List.of());
        return factory.create();
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
        while (!servers.isEmpty()) {
            servers.pop().destroy();
        }
    }

    /** What the STOW-RS class looks like to CXF: POST methods only, on the same root path. */
    @Path("/studies")
    public static class StowStandIn {
        @POST
        public Response store() {
            return Response.status(202).entity("stow").type("text/plain").build();
        }

        @POST
        @Path("{study}")
        public Response storeIntoStudy(@PathParam("study") String study) {
            return Response.status(202).entity("stow " + study).type("text/plain").build();
        }
    }
}
