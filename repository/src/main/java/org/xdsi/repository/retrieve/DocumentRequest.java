package org.xdsi.repository.retrieve;

/** One {@code xds:DocumentRequest} of ITI-43; homeCommunityId is null when the request had none. */
public record DocumentRequest(String homeCommunityId, String repositoryUniqueId, String documentUniqueId) {
}
