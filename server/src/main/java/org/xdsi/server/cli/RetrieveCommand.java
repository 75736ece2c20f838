package org.xdsi.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xdsi.repository.client.RepositoryClient;
import org.xdsi.repository.client.RetrieveResult;
import org.xdsi.repository.client.RetrievedDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xdsi retrieve}: ITI-43 Retrieve Document Set, as a Document Consumer. */
@Command(name = "retrieve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fetches documents from a Document Repository (ITI-43 Retrieve Document Set, SOAP 1.2 + MTOM)"
                + " and writes each to DIR/<uniqueId>.<extension of its MIME type>, streamed (an existing file of"
                + " that name is replaced).",
                "Prints per document 'document-unique-id', 'path', 'mime-type', 'size', 'sha1' (of the bytes"
                        + " received), then 'error'/'warning' lines and 'status'."},
        footer = {"", "Exit status: 0 Success, 3 PartialSuccess, 1 Failure (errors printed), 2 usage or transport"
                + " error."})
public final class RetrieveCommand extends ClientCommand {

    @Option(names = "--repository", required = true, paramLabel = "URL",
            description = "ITI-43 endpoint of the repository (e.g. the 'endpoint repository' line of xdsi run).")
    String repository;

    @Option(names = "--repository-id", required = true, paramLabel = "OID",
            description = "repositoryUniqueId of the documents (the 'repository-unique-id' line of xdsi run, or the"
                    + " REPOSITORY-UNIQUE-ID column of xdsi query).")
    String repositoryId;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Folder to write the documents to; created if needed (default: the current folder).")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "DOCUMENT_UNIQUE_ID", description = "uniqueIds of the documents.")
    List<String> documentUniqueIds;

    @Override
    int execute() throws Exception {
        RepositoryClient client = new RepositoryClient(endpoint("--repository", repository), timeout());
        String repositoryUniqueId = repositoryId.trim();
        if (repositoryUniqueId.isEmpty()) {
            throw usage("--repository-id is empty");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw usage("--out " + out + " is not a folder");
        }
        List<String> ids = documentUniqueIds.stream().map(String::trim).toList();
        if (ids.stream().anyMatch(String::isEmpty)) {
            throw usage("an empty DOCUMENT_UNIQUE_ID");
        }
        RetrieveResult result = client.retrieveOrThrow(repositoryUniqueId, ids, out);
        PrintWriter o = out();
        for (RetrievedDocument d : result.documents()) {
            o.println("document-unique-id " + d.documentUniqueId());
            o.println("path " + d.file());
            o.println("mime-type " + d.mimeType());
            o.println("size " + d.size());
            o.println("sha1 " + d.sha1());
        }
        printErrors(o, result.errors());
        o.println("status " + statusName(result.status()));
        if (result.isSuccess()) {
            return OK;
        }
        return result.isPartialSuccess() ? PARTIAL : FAILURE;
    }
}
