package org.xdsi.repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.xdsi.repository.client.DocumentFile;
import org.xdsi.repository.provide.AttachedDocument;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rs.RegistryResponseType;

/** The repository of this process, called without SOAP: documents stream from their files into the store. */
public final class LocalDocumentRepository implements DocumentRepository {
    private final RepositoryService repository;

    public LocalDocumentRepository(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public RegistryResponseType provideAndRegister(SubmitObjectsRequest submission, List<DocumentFile> documents) {
        List<AttachedDocument> attached = documents.stream().map(LocalDocumentRepository::attached).toList();
        return repository.provideAndRegister(submission, attached);
    }

    private static AttachedDocument attached(DocumentFile file) {
        return new AttachedDocument() {
            @Override
            public String id() {
                return file.id();
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file.path());
            }
        };
    }
}
