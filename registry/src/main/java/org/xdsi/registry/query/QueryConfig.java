package org.xdsi.registry.query;

/**
 * How stored queries behave.
 *
 * @param maxResults           XDSTooManyResults cap: a query whose answer would hold more objects (all kinds counted
 *                             together) fails with XDSTooManyResults and returns nothing
 * @param homeCommunityId      {@code urn:oid:...} put as {@code home} on returned objects, or null; when set, a request
 *                             whose {@code AdhocQuery/@home} names another community fails with XDSUnknownCommunity
 * @param unknownPatientPolicy what a patient-based query on an id that is not fed (or subsumed by a merge) answers
 */
public record QueryConfig(int maxResults, String homeCommunityId, UnknownPatientPolicy unknownPatientPolicy) {

    public static final int DEFAULT_MAX_RESULTS = 10_000;

    /** Affinity Domain policy for patient-based queries on unknown or subsumed patient ids (digest §3.2, §4.4). */
    public enum UnknownPatientPolicy {
        /** Success with an empty RegistryObjectList (no lookup in the patient table). */
        EMPTY,
        /** Failure with XDSUnknownPatientId (codeContext = the id). */
        ERROR
    }

    public QueryConfig {
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1: " + maxResults);
        }
        if (homeCommunityId != null && homeCommunityId.isBlank()) {
            homeCommunityId = null;
        }
        if (unknownPatientPolicy == null) {
            unknownPatientPolicy = UnknownPatientPolicy.EMPTY;
        }
    }

    /** 10000 results, no homeCommunityId, unknown patients answered with an empty result. */
    public static QueryConfig defaults() {
        return new QueryConfig(DEFAULT_MAX_RESULTS, null, UnknownPatientPolicy.EMPTY);
    }

    public QueryConfig withMaxResults(int max) {
        return new QueryConfig(max, homeCommunityId, unknownPatientPolicy);
    }

    public QueryConfig withHomeCommunityId(String home) {
        return new QueryConfig(maxResults, home, unknownPatientPolicy);
    }

    public QueryConfig withUnknownPatientPolicy(UnknownPatientPolicy policy) {
        return new QueryConfig(maxResults, homeCommunityId, policy);
    }
}
