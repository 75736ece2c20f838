package org.xdsi.imaging.publish;

import jakarta.xml.bind.JAXBElement;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.xdsi.imaging.kos.InvalidManifestException;
import org.xdsi.imaging.kos.KosManifest;
import org.xdsi.metadata.ebrim.EbrimReader;
import org.xdsi.metadata.model.DocumentEntry;
import org.xdsi.registry.RegistryService;
import org.xdsi.repository.RepositoryService;
import org.xdsi.repository.retrieve.DocumentRequest;
import org.xdsi.repository.retrieve.Retrieval;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.query.AdhocQueryResponse;
import org.xdsi.schema.rim.ExtrinsicObjectType;

/** What a Document Consumer does, through the registry's and repository's Java APIs: ITI-18 and ITI-43. */
final class Xds {
    static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    static final String DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";

    private Xds() {
    }

    /** ITI-18 FindDocuments (LeafClass) for the patient and one status. */
    static List<DocumentEntry> findDocuments(RegistryService registry, String patientId, String status) {
        String xml = "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\""
                + " xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">"
                + "<query:ResponseOption returnComposedObjects=\"true\" returnType=\"LeafClass\"/>"
                + "<rim:AdhocQuery id=\"urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d\">"
                + "<rim:Slot name=\"$XDSDocumentEntryPatientId\"><rim:ValueList><rim:Value>'"
                + patientId.replace("&", "&amp;") + "'</rim:Value></rim:ValueList></rim:Slot>"
                + "<rim:Slot name=\"$XDSDocumentEntryStatus\"><rim:ValueList><rim:Value>('" + status
                + "')</rim:Value></rim:ValueList></rim:Slot></rim:AdhocQuery></query:AdhocQueryRequest>";
        AdhocQueryResponse response;
        try {
            response = registry.storedQuery(Schemas.unmarshal(xml, AdhocQueryRequest.class));
        } catch (jakarta.xml.bind.JAXBException e) {
            throw new IllegalStateException(e);
        }
        if (!response.getStatus().endsWith(":Success")) {
            throw new AssertionError("FindDocuments answered " + response.getStatus());
        }
        List<DocumentEntry> entries = new ArrayList<>();
        if (response.getRegistryObjectList() != null) {
            for (JAXBElement<?> e : response.getRegistryObjectList().getIdentifiable()) {
                if (e.getValue() instanceof ExtrinsicObjectType eo) {
                    entries.add(EbrimReader.readDocumentEntry(eo));
                }
            }
        }
        return entries;
    }

    /** ITI-43 of one document, read as a KOS manifest. */
    static KosManifest retrieveManifest(RepositoryService repository, String documentUniqueId)
            throws IOException, InvalidManifestException {
        Retrieval r = repository.retrieve(List.of(new DocumentRequest(null,
                repository.config().repositoryUniqueId(), documentUniqueId)));
        if (r.documents().size() != 1) {
            throw new AssertionError("document " + documentUniqueId + " not retrieved: " + r.errors());
        }
        try (InputStream in = r.documents().get(0).document().open()) {
            return KosManifest.read(in);
        }
    }
}
