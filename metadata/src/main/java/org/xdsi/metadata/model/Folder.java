package org.xdsi.metadata.model;

import java.util.List;
import org.xdsi.schema.rim.RegistryPackageType;

/** An XDS Folder as read from its ebRIM RegistryPackage. */
public record Folder(
        String entryUuid,
        String lid,
        String home,
        List<String> patientIds,
        List<String> uniqueIds,
        String title,
        String comments,
        List<Code> codes,
        Slots slots,
        RegistryPackageType ebrim) {

    public String patientId() {
        return patientIds.isEmpty() ? null : patientIds.get(0);
    }

    public String uniqueId() {
        return uniqueIds.isEmpty() ? null : uniqueIds.get(0);
    }
}
