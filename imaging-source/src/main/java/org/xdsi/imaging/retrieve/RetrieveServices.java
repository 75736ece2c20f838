package org.xdsi.imaging.retrieve;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.cxf.endpoint.Server;
import org.xdsi.imaging.archive.InstanceLocator;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.imaging.retrieve.dicomweb.WadoRsResource;
import org.xdsi.imaging.retrieve.rad69.ImagingDocumentSetRetrieval;
import org.xdsi.imaging.retrieve.rad69.Rad69Service;
import org.xdsi.imaging.retrieve.wado.WadoUriResource;

/**
 * The three retrieve services of the imaging source over one {@link InstanceLocator}: RAD-69 (SOAP, published
 * here), WADO-URI and WADO-RS (JAX-RS resources the caller publishes, WADO-RS together with STOW-RS).
 */
public final class RetrieveServices {
    /** Until an archive is wired in: a locator that holds nothing. */
    public static final InstanceLocator NO_INSTANCES = new InstanceLocator() {
        @Override
        public Optional<StoredInstance> instance(String study, String series, String sop) {
            return Optional.empty();
        }

        @Override
        public List<StoredInstance> series(String study, String series) {
            return List.of();
        }

        @Override
        public List<StoredInstance> study(String study) {
            return List.of();
        }
    };

    private final InstanceLocator instances;
    private final String sourceUid;
    private final Path workDirectory;

    /**
     * @param sourceUid     Retrieve Location UID, the RepositoryUniqueId of RAD-69
     * @param workDirectory where RAD-69 writes a transcoded copy when a stream of it is asked for (the MTOM writer
     *                      has instances write themselves into the answer instead)
     */
    public RetrieveServices(InstanceLocator instances, String sourceUid, Path workDirectory) {
        this.instances = instances;
        this.sourceUid = sourceUid;
        this.workDirectory = workDirectory;
    }

    /** Publishes RAD-69 at {@code url} ({@code <base>/imaging-source}); the caller destroys the server. */
    public Server publishRad69(String url) {
        return Rad69Service.publish(new ImagingDocumentSetRetrieval(instances, sourceUid, workDirectory), url);
    }

    /** The WADO-URI resource, for a JAX-RS server at {@code <base>/wado}. */
    public Object wadoUri() {
        return new WadoUriResource(instances);
    }

    /** The WADO-RS resource ({@code /studies}), for the JAX-RS server at {@code <base>/dicomweb}. */
    public Object wadoRs() {
        return new WadoRsResource(instances);
    }
}
