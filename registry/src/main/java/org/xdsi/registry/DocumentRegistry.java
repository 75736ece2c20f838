package org.xdsi.registry;

import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.query.AdhocQueryResponse;
import org.xdsi.schema.rs.RegistryResponseType;

/**
 * The Document Registry's transactions as one Java interface: implemented in-process by {@link RegistryService}
 * and, for a remote registry, by a SOAP client. Bad input never throws: it comes back as RegistryErrors.
 */
public interface DocumentRegistry {

    /** ITI-42 Register Document Set-b. */
    RegistryResponseType registerDocumentSet(SubmitObjectsRequest request);

    /** ITI-18 Registry Stored Query. */
    AdhocQueryResponse storedQuery(AdhocQueryRequest request);
}
