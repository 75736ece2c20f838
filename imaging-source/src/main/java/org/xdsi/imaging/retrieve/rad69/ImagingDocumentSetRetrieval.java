package org.xdsi.imaging.retrieve.rad69;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.imaging.archive.InstanceLocator;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.imaging.retrieve.Encodings;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.XdsError;
import org.xdsi.repository.retrieve.DocumentRequest;
import org.xdsi.repository.retrieve.Retrieval;
import org.xdsi.schema.xdsb.RetrieveDocumentSetRequestType;
import org.xdsi.schema.xdsi.RetrieveImagingDocumentSetRequestType;

/**
 * RAD-69: resolves each requested instance (study / series / SOP Instance UID) and the transfer syntax it will be
 * sent in. The outcome is an ITI-43 {@link Retrieval}: the MTOM response is written as the repository writes it.
 */
public final class ImagingDocumentSetRetrieval {
    private static final Logger LOG = LoggerFactory.getLogger(ImagingDocumentSetRetrieval.class);

    private final InstanceLocator instances;
    private final String sourceUid;
    private final Path workDirectory;

    /**
     * @param sourceUid     the Retrieve Location UID: the only RepositoryUniqueId this source answers for
     * @param workDirectory where transcoded instances are written while they are sent
     */
    public ImagingDocumentSetRetrieval(InstanceLocator instances, String sourceUid, Path workDirectory) {
        this.instances = instances;
        this.sourceUid = sourceUid;
        this.workDirectory = workDirectory;
    }

    public Retrieval retrieve(RetrieveImagingDocumentSetRequestType request) {
        List<String> syntaxes = acceptedSyntaxes(request);
        List<Retrieval.Found> found = new ArrayList<>();
        List<XdsError> errors = new ArrayList<>();
        for (RetrieveImagingDocumentSetRequestType.StudyRequest study : request.getStudyRequest()) {
            for (RetrieveImagingDocumentSetRequestType.StudyRequest.SeriesRequest series : study.getSeriesRequest()) {
                for (RetrieveDocumentSetRequestType.DocumentRequest d : series.getDocumentRequest()) {
                    DocumentRequest r = new DocumentRequest(d.getHomeCommunityId(), d.getRepositoryUniqueId(),
                            d.getDocumentUniqueId());
                    resolve(trim(study.getStudyInstanceUID()), trim(series.getSeriesInstanceUID()), r, syntaxes,
                            found, errors);
                }
            }
        }
        return new Retrieval(found, errors);
    }

    private void resolve(String studyUid, String seriesUid, DocumentRequest r, List<String> syntaxes,
                         List<Retrieval.Found> found, List<XdsError> errors) {
        String sopUid = trim(r.documentUniqueId());
        if (r.repositoryUniqueId() == null || !sourceUid.equals(r.repositoryUniqueId().trim())) {
            errors.add(XdsError.error(ErrorCode.XDSUnknownRepositoryId, "instance " + sopUid
                    + ": RepositoryUniqueId '" + r.repositoryUniqueId() + "' is not this imaging document source ("
                    + sourceUid + ")", sopUid));
            return;
        }
        if (sopUid == null || sopUid.isEmpty()) {
            errors.add(XdsError.error(ErrorCode.XDSDocumentUniqueIdError,
                    "a DocumentRequest of series " + seriesUid + " has no DocumentUniqueId", null));
            return;
        }
        Optional<StoredInstance> instance = studyUid == null || seriesUid == null ? Optional.empty()
                : instances.instance(studyUid, seriesUid, sopUid);
        if (instance.isEmpty()) {
            errors.add(XdsError.error(ErrorCode.XDSDocumentUniqueIdError, "instance " + sopUid
                    + " of series " + seriesUid + " of study " + studyUid + " is not held by this imaging document"
                    + " source (" + sourceUid + ")", sopUid));
            return;
        }
        StoredInstance i = instance.get();
        Optional<String> syntax = syntaxes.isEmpty() ? Optional.of(i.transferSyntaxUid())
                : Encodings.choose(i.transferSyntaxUid(), syntaxes);
        if (syntax.isEmpty()) {
            // the digest leaves the code open; XDSRepositoryError is the generic one, the context says why
            errors.add(XdsError.error(ErrorCode.XDSRepositoryError, "instance " + sopUid + " is stored in transfer"
                    + " syntax " + i.transferSyntaxUid() + " and cannot be provided in any of the requested ones "
                    + syntaxes + "; it can be sent as stored, or in 1.2.840.10008.1.2.1 or 1.2.840.10008.1.2 when"
                    + " the stored syntax is uncompressed", sopUid));
            return;
        }
        LOG.debug("RAD-69: {} in {}", sopUid, syntax.get());
        found.add(new Retrieval.Found(new DocumentRequest(r.homeCommunityId(), r.repositoryUniqueId(), sopUid),
                new DicomDocument(i, syntax.get(), workDirectory)));
    }

    /** The TransferSyntaxUIDList in the consumer's order; empty (send as stored) when the request has none. */
    private static List<String> acceptedSyntaxes(RetrieveImagingDocumentSetRequestType request) {
        List<String> uids = new ArrayList<>();
        if (request.getTransferSyntaxUIDList() != null) {
            for (String uid : request.getTransferSyntaxUIDList().getTransferSyntaxUID()) {
                if (uid != null && !uid.isBlank()) {
                    uids.add(uid.trim());
                }
            }
        }
        return uids;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
