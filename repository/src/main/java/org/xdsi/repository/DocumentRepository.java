package org.xdsi.repository;

import java.util.List;
import org.xdsi.repository.client.DocumentFile;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rs.RegistryResponseType;

/**
 * ITI-41 (and RAD-68, which is ITI-41 carrying a KOS) as a Document Source sees it: one interface, two
 * implementations, {@link LocalDocumentRepository} when the repository runs in this process and
 * {@link org.xdsi.repository.client.RepositoryClient} when it is remote.
 */
public interface DocumentRepository {

    /**
     * Provides {@code documents} with their metadata and has them registered.
     *
     * @return the repository's answer; problems reaching a remote repository are a Failure, not an exception
     */
    RegistryResponseType provideAndRegister(SubmitObjectsRequest submission, List<DocumentFile> documents);
}
