package org.xdsi.repository.client;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.attachment.AttachmentMarshaller;
import jakarta.xml.bind.attachment.AttachmentUnmarshaller;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.RegistryResponses;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.repository.DocumentRepository;
import org.xdsi.repository.mime.ContentIds;
import org.xdsi.repository.mime.NoContent;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rs.RegistryError;
import org.xdsi.schema.rs.RegistryResponseType;
import org.xdsi.schema.xdsb.ObjectFactory;
import org.xdsi.schema.xdsb.ProvideAndRegisterDocumentSetRequestType;
import org.xdsi.schema.xdsb.RetrieveDocumentSetRequestType;
import org.xdsi.schema.xdsb.RetrieveDocumentSetResponseType;

/**
 * A Document Source / Document Consumer of any XDS.b repository (ours or a peer's): ITI-41 Provide and Register
 * and ITI-43 Retrieve, SOAP 1.2 + MTOM/XOP over HTTP as other vendors send them. Documents stream from their files
 * into the request and from the response into files; neither side holds a document in memory.
 *
 * <p>{@link #provideAndRegister} and {@link #retrieve} never throw for remote problems: an unreachable endpoint,
 * a timeout, a SOAP fault or an answer that is not SOAP becomes a Failure with one {@code XDSRepositoryError} whose
 * codeContext names the URL and the cause (as {@code SoapRegistryClient} reports a registry it cannot use). The
 * {@code ...OrThrow} variants throw
 * {@link RemoteCallException} instead, for callers that treat transport problems differently from XDS errors.
 *
 * <p>{@code timeout} bounds connecting and waiting for the answer to start (the upload of the request counts);
 * thread-safe, one HTTP/1.1 client per instance.
 */
public final class RepositoryClient implements DocumentRepository {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryClient.class);
    private static final ObjectFactory XDSB = new ObjectFactory();

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;

    public RepositoryClient(URI endpoint, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + endpoint);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    // ------------------------------------------------------------------------------------------ ITI-41

    /**
     * ITI-41: sends {@code submission} with one MIME part per document, streamed from its file.
     *
     * @param documents one per DocumentEntry: {@link DocumentFile#id()} = the ExtrinsicObject's id
     * @return the repository's RegistryResponse, or a Failure describing why there is none
     */
    @Override
    public RegistryResponseType provideAndRegister(SubmitObjectsRequest submission, List<DocumentFile> documents) {
        try {
            return provideAndRegisterOrThrow(submission, documents);
        } catch (RemoteCallException e) {
            return e.toResponse(ErrorCode.XDSRepositoryError);
        } catch (IOException e) {
            return localFailure("ITI-41 to " + endpoint + " not sent", e);
        }
    }

    /**
     * Like {@link #provideAndRegister} but a remote problem throws.
     *
     * @throws RemoteCallException no XDS answer (see {@link RemoteCallException.Kind})
     * @throws IOException         a document file cannot be read
     */
    public RegistryResponseType provideAndRegisterOrThrow(SubmitObjectsRequest submission,
                                                          List<DocumentFile> documents) throws IOException {
        Objects.requireNonNull(submission, "submission");
        ProvideAndRegisterDocumentSetRequestType request = new ProvideAndRegisterDocumentSetRequestType();
        request.setSubmitObjectsRequest(submission);
        Map<DataHandler, DocumentFile> files = new IdentityHashMap<>();
        for (DocumentFile d : documents) {
            if (!Files.isRegularFile(d.path()) || !Files.isReadable(d.path())) {
                throw new NoSuchFileException(d.path().toString(), null, "not a readable file");
            }
            var doc = new ProvideAndRegisterDocumentSetRequestType.Document();
            doc.setId(d.id());
            DataHandler handler = new DataHandler(new FileDataSource(d.path().toFile()));
            files.put(handler, d);
            doc.setValue(handler);
            request.getDocument().add(doc);
        }
        MultipartWriter mtom = new MultipartWriter();
        List<Map.Entry<String, DocumentFile>> parts = new ArrayList<>();
        String body;
        try {
            Marshaller marshaller = Schemas.newMarshaller();
            marshaller.setAttachmentMarshaller(new AttachmentMarshaller() {
                @Override
                public String addMtomAttachment(DataHandler data, String namespace, String localName) {
                    DocumentFile file = files.get(data);
                    if (file == null) {
                        throw new IllegalStateException("unexpected binary content in the request");
                    }
                    String cid = mtom.newContentId();
                    parts.add(Map.entry(cid, file));
                    return MultipartWriter.href(cid);
                }

                @Override
                public String addMtomAttachment(byte[] data, int offset, int length, String mimeType,
                                                String namespace, String localName) {
                    throw new UnsupportedOperationException("documents are streamed from files");
                }

                @Override
                public String addSwaRefAttachment(DataHandler data) {
                    throw new UnsupportedOperationException("swaRef is not used by XDS");
                }

                @Override
                public boolean isXOPPackage() {
                    return true;
                }
            });
            StringWriter out = new StringWriter();
            marshaller.marshal(XDSB.createProvideAndRegisterDocumentSetRequest(request), out);
            body = out.toString();
        } catch (JAXBException e) {
            throw new IllegalArgumentException("the submission cannot be written as XML: " + e, e);
        }
        mtom.root(SoapMessages.envelope(Vocabulary.ACTION_PROVIDE_AND_REGISTER, endpoint, body));
        for (Map.Entry<String, DocumentFile> part : parts) {
            mtom.attachment(part.getKey(), part.getValue().mimeType(), part.getValue().path());
        }
        LOG.debug("ITI-41 to {}: {} document(s)", endpoint, parts.size());
        HttpResponse<InputStream> response = send(mtom);
        int status = response.statusCode();
        byte[] envelope = SoapMessages.readAnswer(endpoint, status, contentType(response), response.body(), null);
        Object answer = SoapMessages.body(endpoint, status, envelope, null);
        if (answer instanceof RegistryResponseType r) {
            return r;
        }
        throw unexpected(status, answer, "rs:RegistryResponse");
    }

    // ------------------------------------------------------------------------------------------ ITI-43

    /**
     * ITI-43: retrieves the documents of one repository into {@code outputDir} (created if needed), each as
     * {@code <uniqueId>.<extension of its mimeType>} ({@link #fileName}), replacing a file of that name. A part is
     * written to a temporary file in {@code outputDir} while it arrives and renamed once the answer is complete.
     *
     * @return the status, errors and documents; a Failure describing why there is no answer
     */
    public RetrieveResult retrieve(String repositoryUniqueId, List<String> documentUniqueIds, Path outputDir) {
        try {
            return retrieveOrThrow(repositoryUniqueId, documentUniqueIds, outputDir);
        } catch (RemoteCallException e) {
            return failure(e.toResponse(ErrorCode.XDSRepositoryError));
        } catch (IOException e) {
            return failure(localFailure("ITI-43 from " + endpoint + " failed", e));
        }
    }

    /**
     * Like {@link #retrieve} but a remote problem throws.
     *
     * @throws RemoteCallException no XDS answer (see {@link RemoteCallException.Kind})
     * @throws IOException         {@code outputDir} cannot be written
     */
    public RetrieveResult retrieveOrThrow(String repositoryUniqueId, List<String> documentUniqueIds, Path outputDir)
            throws IOException {
        Objects.requireNonNull(repositoryUniqueId, "repositoryUniqueId");
        Files.createDirectories(outputDir);
        RetrieveDocumentSetRequestType request = new RetrieveDocumentSetRequestType();
        for (String id : documentUniqueIds) {
            RetrieveDocumentSetRequestType.DocumentRequest r = new RetrieveDocumentSetRequestType.DocumentRequest();
            r.setRepositoryUniqueId(repositoryUniqueId);
            r.setDocumentUniqueId(id);
            request.getDocumentRequest().add(r);
        }
        String body;
        try {
            body = Schemas.marshal(XDSB.createRetrieveDocumentSetRequest(request));
        } catch (JAXBException e) {
            throw new IllegalArgumentException("the request cannot be written as XML: " + e, e);
        }
        MultipartWriter mtom = new MultipartWriter()
                .root(SoapMessages.envelope(Vocabulary.ACTION_RETRIEVE, endpoint, body));
        LOG.debug("ITI-43 to {}: {} document(s) of repository {}", endpoint, documentUniqueIds.size(),
                repositoryUniqueId);
        HttpResponse<InputStream> response = send(mtom);
        int status = response.statusCode();
        Map<String, Spooled> spooled = new LinkedHashMap<>();
        try {
            byte[] envelope = SoapMessages.readAnswer(endpoint, status, contentType(response), response.body(),
                    (cid, headers, in) -> {
                        Path tmp = Files.createTempFile(outputDir, ".xdsi-retrieve-", ".part");
                        spooled.put(cid, new Spooled(tmp, null));
                        try (OutputStream out = Files.newOutputStream(tmp)) {
                            spooled.put(cid, new Spooled(tmp, FileDigest.copy(in, out)));
                        }
                    });
            Object answer = SoapMessages.body(endpoint, status, envelope, new PartRefs(spooled));
            if (!(answer instanceof RetrieveDocumentSetResponseType r)) {
                throw unexpected(status, answer, "xds:RetrieveDocumentSetResponse");
            }
            return collect(r, spooled, outputDir);
        } finally {
            for (Spooled s : spooled.values()) {
                Files.deleteIfExists(s.file());
            }
        }
    }

    /** Moves each part to its document's file name; a document without its part becomes an error. */
    private RetrieveResult collect(RetrieveDocumentSetResponseType r, Map<String, Spooled> spooled, Path outputDir)
            throws IOException {
        RegistryResponseType rr = r.getRegistryResponse();
        String status = rr == null || rr.getStatus() == null ? RetrieveResult.FAILURE : rr.getStatus().trim();
        List<RegistryError> errors = new ArrayList<>();
        if (rr != null && rr.getRegistryErrorList() != null) {
            errors.addAll(rr.getRegistryErrorList().getRegistryError());
        }
        List<RetrievedDocument> documents = new ArrayList<>();
        boolean clientErrors = false;
        for (RetrieveDocumentSetResponseType.DocumentResponse d : r.getDocumentResponse()) {
            String uniqueId = d.getDocumentUniqueId() == null ? "" : d.getDocumentUniqueId().trim();
            Path target = outputDir.resolve(fileName(uniqueId, d.getMimeType()));
            DataHandler content = d.getDocument();
            FileDigest digest;
            if (content instanceof PartRef ref) {
                Spooled part = spooled.remove(ref.cid);
                if (part == null || part.digest() == null) {
                    errors.add(error("the answer refers to MIME part <" + ref.cid + "> for document " + uniqueId
                            + " but has no such part", uniqueId));
                    clientErrors = true;
                    continue;
                }
                move(part.file(), target);
                digest = part.digest();
            } else if (content != null) { // sent inline (base64 in the envelope)
                Path tmp = Files.createTempFile(outputDir, ".xdsi-retrieve-", ".part");
                try (InputStream in = content.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
                    digest = FileDigest.copy(in, out);
                    move(tmp, target);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } else {
                errors.add(error("the answer has no Document content for document " + uniqueId, uniqueId));
                clientErrors = true;
                continue;
            }
            documents.add(new RetrievedDocument(d.getRepositoryUniqueId(), uniqueId, d.getHomeCommunityId(),
                    d.getMimeType(), target, digest.size(), digest.sha1()));
        }
        if (clientErrors) {
            status = documents.isEmpty() ? RetrieveResult.FAILURE : RetrieveResult.PARTIAL_SUCCESS;
        }
        return new RetrieveResult(status, errors, documents);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The file name of a retrieved document: its uniqueId (characters other than letters, digits, {@code . _ -}
     * replaced by {@code _}) and the usual extension of its MIME type ({@link MimeTypes#extension}).
     */
    public static String fileName(String documentUniqueId, String mimeType) {
        String base = documentUniqueId == null ? "" : documentUniqueId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "document" + base;
        }
        return base + "." + MimeTypes.extension(mimeType);
    }

    // ------------------------------------------------------------------------------------------ plumbing

    private HttpResponse<InputStream> send(MultipartWriter mtom) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", mtom.contentType())
                .header("Accept", "multipart/related, application/soap+xml, text/xml")
                .POST(mtom.publisher()).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw SoapMessages.unreachable(endpoint, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + endpoint);
        }
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse(null);
    }

    private RemoteCallException unexpected(int status, Object answer, String expected) {
        String what = answer == null ? "nothing" : answer.getClass().getSimpleName().replaceAll("Type$", "");
        return new RemoteCallException(RemoteCallException.Kind.NOT_SOAP, endpoint, "repository " + endpoint
                + " answered HTTP " + status + " with " + what + " instead of " + expected, null);
    }

    private RegistryResponseType localFailure(String what, IOException e) {
        String cause = e instanceof NoSuchFileException n ? n.getFile() + ": " + (n.getReason() == null
                ? "no such file" : n.getReason()) : SoapMessages.cause(e);
        return RegistryResponses.withStatus(Vocabulary.RESPONSE_FAILURE,
                List.of(XdsError.error(ErrorCode.XDSRepositoryError, what + ": " + cause, null)));
    }

    private static RetrieveResult failure(RegistryResponseType response) {
        return new RetrieveResult(RetrieveResult.FAILURE, response.getRegistryErrorList().getRegistryError(),
                List.of());
    }

    private static RegistryError error(String context, String location) {
        RegistryError e = new RegistryError();
        e.setErrorCode(ErrorCode.XDSRepositoryError.name());
        e.setCodeContext(context);
        e.setLocation(location);
        e.setSeverity(Vocabulary.SEVERITY_ERROR);
        return e;
    }

    /** A part written to a temporary file, with its digest once complete. */
    private record Spooled(Path file, FileDigest digest) {
    }

    /** Stands for a MIME part in the unmarshalled answer (xop:Include resolved to its Content-ID). */
    private static final class PartRef extends DataHandler {
        final String cid;

        PartRef(String cid) {
            super(new NoContent(cid, "MIME part " + cid + " is on disk, not in memory"));
            this.cid = cid;
        }
    }

    /** Resolves xop:Include to {@link PartRef}s; byte-array content (not used by XDS) is read from the part. */
    private static final class PartRefs extends AttachmentUnmarshaller {
        private final Map<String, Spooled> parts;

        PartRefs(Map<String, Spooled> parts) {
            this.parts = parts;
        }

        @Override
        public DataHandler getAttachmentAsDataHandler(String cid) {
            return new PartRef(ContentIds.normalize(cid));
        }

        @Override
        public byte[] getAttachmentAsByteArray(String cid) {
            Spooled s = parts.get(ContentIds.normalize(cid));
            if (s == null) {
                throw new IllegalStateException("no MIME part " + cid);
            }
            try {
                return Files.readAllBytes(s.file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean isXOPPackage() {
            return true;
        }
    }
}
