package org.xdsi.registry;

import org.xdsi.registry.register.CodeLists;

/**
 * How a registry is set up.
 *
 * @param jdbcUrl             database (jdbc:h2:, jdbc:derby: or jdbc:postgresql:)
 * @param affinityDomainOid   assigning authority of the affinity domain's patient ids (XAD-PID)
 * @param acceptUnfedPatients demo switch: accept any patient id of the domain without an ITI-8 feed
 * @param codeLists           the affinity domain's code lists; {@link CodeLists#NONE} for no restriction
 * @param maxQueryResults     XDSTooManyResults cap of a stored query
 * @param homeCommunityId     {@code urn:oid:...} put on returned objects, or null
 */
public record RegistryConfig(String jdbcUrl, String jdbcUser, String jdbcPassword, String affinityDomainOid,
                             boolean acceptUnfedPatients, CodeLists codeLists, int maxQueryResults,
                             String homeCommunityId) {

    public static RegistryConfig embedded(String jdbcUrl, String affinityDomainOid) {
        return new RegistryConfig(jdbcUrl, null, null, affinityDomainOid, false, CodeLists.NONE, 10_000, null);
    }

    public RegistryConfig withAcceptUnfedPatients(boolean accept) {
        return new RegistryConfig(jdbcUrl, jdbcUser, jdbcPassword, affinityDomainOid, accept, codeLists,
                maxQueryResults, homeCommunityId);
    }
}
