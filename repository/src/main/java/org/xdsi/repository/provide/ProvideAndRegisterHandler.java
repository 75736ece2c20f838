package org.xdsi.repository.provide;

import jakarta.xml.bind.JAXBElement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.RegistryResponses;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.registry.DocumentRegistry;
import org.xdsi.repository.store.DocumentStore;
import org.xdsi.repository.store.DocumentTooLargeException;
import org.xdsi.repository.store.IncomingDocument;
import org.xdsi.repository.store.StoredDocument;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rim.ExtrinsicObjectType;
import org.xdsi.schema.rim.IdentifiableType;
import org.xdsi.schema.rim.SlotType1;
import org.xdsi.schema.rs.RegistryResponseType;

/**
 * ITI-41 in the order of ITI TF-2 §3.41.4.1.3 (digest §5.1): pair documents with their entries, stream each to
 * staging while hashing, check the source's hash/size and documents already held, put hash, size and
 * repositoryUniqueId into the metadata, register (ITI-42), and publish the staged files only after the registry
 * committed. Any failure before that discards every staged file, so nothing is left half-done.
 */
public final class ProvideAndRegisterHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProvideAndRegisterHandler.class);

    private final DocumentStore store;
    private final DocumentRegistry registry;
    private final String repositoryUniqueId;
    private final long maxDocumentBytes;

    public ProvideAndRegisterHandler(DocumentStore store, DocumentRegistry registry, String repositoryUniqueId,
                                     long maxDocumentBytes) {
        this.store = store;
        this.registry = registry;
        this.repositoryUniqueId = repositoryUniqueId;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    public RegistryResponseType provideAndRegister(SubmitObjectsRequest submission, List<AttachedDocument> documents) {
        return provideAndRegister(submission, documents, List::of);
    }

    /**
     * @param afterReceipt problems of the message only visible once the documents were read (e.g. MIME parts that
     *                     no document referenced), checked before anything is registered
     */
    public RegistryResponseType provideAndRegister(SubmitObjectsRequest submission, List<AttachedDocument> documents,
                                                   Supplier<List<XdsError>> afterReceipt) {
        List<XdsError> errors = new ArrayList<>();
        Map<String, Entry> entries = pair(submission, documents, errors);
        if (!errors.isEmpty()) {
            return RegistryResponses.successOrFailure(errors);
        }
        List<IncomingDocument> staged = new ArrayList<>();
        boolean committed = false;
        try {
            for (AttachedDocument document : documents) {
                Entry entry = entries.get(document.id());
                IncomingDocument in = receive(entry, document, errors);
                if (in == null) {
                    return RegistryResponses.successOrFailure(errors);
                }
                staged.add(in);
                check(entry, in, errors);
            }
            errors.addAll(afterReceipt.get());
            if (!errors.isEmpty()) {
                return RegistryResponses.successOrFailure(errors);
            }
            for (int i = 0; i < staged.size(); i++) {
                entries.get(documents.get(i).id()).complete(staged.get(i), repositoryUniqueId);
            }
            RegistryResponseType registered;
            try {
                registered = registry.registerDocumentSet(submission);
            } catch (RuntimeException e) {
                // a registry client should answer XDSRegistryNotAvailable itself; one that throws is treated alike
                LOG.warn("ITI-41: the registry failed: {}", e.toString());
                return RegistryResponses.successOrFailure(List.of(XdsError.error(ErrorCode.XDSRegistryNotAvailable,
                        "the registry could not register the submission (" + reason(e) + "); nothing was stored",
                        null)));
            }
            if (!Vocabulary.RESPONSE_SUCCESS.equals(registered.getStatus())) {
                return registered; // the registry's errors go back to the source unchanged
            }
            committed = true;
            return publish(staged, registered);
        } finally {
            if (!committed) {
                staged.forEach(IncomingDocument::discard);
            }
        }
    }

    /** Each DocumentEntry with exactly one document and each document with its DocumentEntry. */
    private static Map<String, Entry> pair(SubmitObjectsRequest submission, List<AttachedDocument> documents,
                                           List<XdsError> errors) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Set<String> uniqueIds = new HashSet<>();
        if (submission == null || submission.getRegistryObjectList() == null) {
            errors.add(XdsError.error(ErrorCode.XDSRepositoryMetadataError,
                    "the request has no lcm:SubmitObjectsRequest with a rim:RegistryObjectList", null));
            return entries;
        }
        for (JAXBElement<? extends IdentifiableType> e : submission.getRegistryObjectList().getIdentifiable()) {
            if (e == null || !(e.getValue() instanceof ExtrinsicObjectType eo)
                    || Vocabulary.ON_DEMAND_DOCUMENT.equals(eo.getObjectType())) {
                continue;
            }
            Entry entry = new Entry(eo);
            if (eo.getId() == null || eo.getId().isBlank()) {
                errors.add(XdsError.error(ErrorCode.XDSRepositoryMetadataError,
                        "a DocumentEntry (rim:ExtrinsicObject) has no id", null));
                continue;
            }
            if (entry.uniqueId() == null) {
                errors.add(XdsError.error(ErrorCode.XDSRepositoryMetadataError, "DocumentEntry '" + eo.getId()
                        + "' has no " + Vocabulary.DE_UNIQUE_ID_NAME + " external identifier", eo.getId()));
            } else if (!uniqueIds.add(entry.uniqueId())) {
                errors.add(XdsError.error(ErrorCode.XDSRepositoryDuplicateUniqueIdInMessage, "document uniqueId '"
                        + entry.uniqueId() + "' is used by more than one DocumentEntry", eo.getId()));
            }
            String mimeType = entry.declaredMimeType();
            if (mimeType == null || mimeType.isBlank()) {
                errors.add(XdsError.error(ErrorCode.XDSRepositoryMetadataError, "DocumentEntry '" + eo.getId()
                        + "' has no mimeType attribute", eo.getId()));
            }
            entries.put(eo.getId(), entry);
        }
        Set<String> attached = new HashSet<>();
        for (AttachedDocument d : documents) {
            if (!attached.add(d.id())) {
                errors.add(XdsError.error(ErrorCode.XDSRepositoryMetadataError,
                        "xds:Document id '" + d.id() + "' appears more than once", d.id()));
            } else if (!entries.containsKey(d.id())) {
                errors.add(XdsError.error(ErrorCode.XDSMissingDocumentMetadata, "xds:Document id '" + d.id()
                        + "' matches no DocumentEntry (rim:ExtrinsicObject id) of the submission", d.id()));
            }
        }
        for (Entry entry : entries.values()) {
            if (!attached.contains(entry.id())) {
                errors.add(XdsError.error(ErrorCode.XDSMissingDocument, "DocumentEntry '" + entry.id()
                        + "' (uniqueId " + entry.uniqueId() + ") has no xds:Document with id '" + entry.id() + "'",
                        entry.id()));
            }
        }
        return entries;
    }

    private IncomingDocument receive(Entry entry, AttachedDocument document, List<XdsError> errors) {
        try (var in = document.open()) {
            return store.receive(entry.uniqueId(), entry.eo().getMimeType(), in, maxDocumentBytes);
        } catch (DocumentTooLargeException e) {
            errors.add(XdsError.error(ErrorCode.XDSRepositoryError, "document '" + entry.id() + "' (uniqueId "
                    + entry.uniqueId() + ") is larger than this repository accepts: at most " + e.maxBytes()
                    + " bytes; nothing was stored", entry.id()));
        } catch (IOException | RuntimeException e) {
            LOG.info("ITI-41: document {} could not be received: {}", entry.id(), e.toString());
            errors.add(XdsError.error(ErrorCode.XDSRepositoryError, "the bytes of document '" + entry.id()
                    + "' could not be read or stored (" + reason(e) + "); nothing was stored", entry.id()));
        }
        return null;
    }

    /** The source's hash and size against the bytes received, and against a document already held. */
    private void check(Entry entry, IncomingDocument in, List<XdsError> errors) {
        String hash = entry.slot(Vocabulary.SLOT_HASH);
        if (hash != null && !hash.equalsIgnoreCase(in.sha1())) {
            errors.add(XdsError.error(ErrorCode.XDSRepositoryMetadataError, "hash of document '" + entry.id()
                    + "' is " + hash + " in the metadata but the bytes received hash to " + in.sha1(), entry.id()));
        }
        String size = entry.slot(Vocabulary.SLOT_SIZE);
        if (size != null && !size.equals(Long.toString(in.size()))) {
            errors.add(XdsError.error(ErrorCode.XDSRepositoryMetadataError, "size of document '" + entry.id()
                    + "' is " + size + " in the metadata but " + in.size() + " bytes were received", entry.id()));
        }
        Optional<StoredDocument> held;
        try {
            held = store.find(entry.uniqueId());
        } catch (IOException e) {
            LOG.warn("ITI-41: cannot read the stored document {}: {}", entry.uniqueId(), e.toString());
            errors.add(XdsError.error(ErrorCode.XDSRepositoryError, "document uniqueId " + entry.uniqueId()
                    + " is already stored but could not be read to compare it with this one; nothing was stored",
                    entry.id()));
            return;
        }
        if (held.isPresent()) {
            StoredDocument h = held.get();
            if (!h.sha1().equalsIgnoreCase(in.sha1())) {
                errors.add(XdsError.error(ErrorCode.XDSNonIdenticalHash, "document uniqueId " + entry.uniqueId()
                        + " is already stored with hash " + h.sha1() + "; this one hashes to " + in.sha1(),
                        entry.id()));
            } else if (h.size() != in.size()) {
                errors.add(XdsError.error(ErrorCode.XDSNonIdenticalSize, "document uniqueId " + entry.uniqueId()
                        + " is already stored with size " + h.size() + "; this one has " + in.size() + " bytes",
                        entry.id()));
            }
        }
    }

    private static RegistryResponseType publish(List<IncomingDocument> staged, RegistryResponseType registered) {
        for (IncomingDocument in : staged) {
            try {
                in.commit();
            } catch (IOException e) {
                // registered but not published: the staged file stays for the start-up sweeper, which publishes
                // it because the registry knows it
                LOG.error("ITI-41: document {} registered but not yet published: {}", in.uniqueId(), e.toString());
                return RegistryResponses.successOrFailure(List.of(XdsError.error(ErrorCode.XDSRepositoryError,
                        "document " + in.uniqueId() + " was registered but could not be published yet ("
                                + reason(e) + "); it will be published when the repository restarts",
                        in.uniqueId())));
            }
        }
        return registered;
    }

    /** What went wrong, for a codeContext: the root cause's words, without Java class names or server paths. */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root instanceof java.nio.file.FileSystemException fs ? fs.getReason() : root.getMessage();
        if (m != null) {
            m = m.replaceAll("(?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error):\\s*", "").trim();
        }
        return m == null || m.isEmpty() ? "I/O error" : m;
    }

    /** A DocumentEntry of the submission and the slots the repository reads and sets. */
    private record Entry(ExtrinsicObjectType eo) {
        String id() {
            return eo.getId();
        }

        /** The mimeType attribute as sent, null when absent (not the schema default). */
        String declaredMimeType() {
            return eo.isSetMimeType() ? eo.getMimeType() : null;
        }

        String uniqueId() {
            return eo.getExternalIdentifier().stream()
                    .filter(x -> Vocabulary.DE_UNIQUE_ID.equals(x.getIdentificationScheme()))
                    .map(x -> x.getValue() == null ? null : x.getValue().trim())
                    .filter(v -> v != null && !v.isEmpty()).findFirst().orElse(null);
        }

        String slot(String name) {
            for (SlotType1 s : eo.getSlot()) {
                if (name.equals(s.getName()) && s.getValueList() != null && !s.getValueList().getValue().isEmpty()) {
                    return s.getValueList().getValue().get(0).trim();
                }
            }
            return null;
        }

        void complete(IncomingDocument in, String repositoryUniqueId) {
            set(Vocabulary.SLOT_HASH, in.sha1());
            set(Vocabulary.SLOT_SIZE, Long.toString(in.size()));
            set(Vocabulary.SLOT_REPOSITORY_UNIQUE_ID, repositoryUniqueId);
        }

        private void set(String name, String value) {
            eo.getSlot().removeIf(s -> name.equals(s.getName()));
            SlotType1 slot = new SlotType1();
            slot.setName(name);
            org.xdsi.schema.rim.ValueListType list = new org.xdsi.schema.rim.ValueListType();
            list.getValue().add(value);
            slot.setValueList(list);
            eo.getSlot().add(slot);
        }
    }
}
