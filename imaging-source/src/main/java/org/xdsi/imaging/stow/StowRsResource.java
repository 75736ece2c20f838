package org.xdsi.imaging.stow;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.imaging.archive.InstanceArchive;
import org.xdsi.imaging.archive.InstanceRejectedException;
import org.xdsi.imaging.archive.StoreResult;
import org.xdsi.imaging.dicom.Uids;
import org.xdsi.repository.mime.ContentType;
import org.xdsi.repository.mime.MultipartStream;

/**
 * STOW-RS Store Instances (PS3.18 10.5): {@code POST /studies} and {@code POST /studies/{study}} with a
 * {@code multipart/related; type="application/dicom"} body. Each part goes straight from the request into the
 * archive, so a request may hold any number of instances of any size.
 *
 * <p>Answers: 200 all stored, 202 some refused, 409 all refused, each with the DICOM JSON store response; 415 for
 * another media type, 400 for a body that is not well-formed multipart (the parts before the fault are kept,
 * being whole instances; the cut-off one is not). POST only: the WADO-RS resource shares the path for GETs.
 */
@Path("/studies")
public final class StowRsResource {
    private static final Logger LOG = LoggerFactory.getLogger(StowRsResource.class);
    public static final String DICOM_JSON = "application/dicom+json";

    private final InstanceArchive archive;
    private final String studiesUrl;

    /** {@code dicomwebBaseUrl}: {@code <base>/dicomweb}, for the Retrieve URLs of stored instances. */
    public StowRsResource(InstanceArchive archive, String dicomwebBaseUrl) {
        this.archive = archive;
        this.studiesUrl = dicomwebBaseUrl.replaceAll("/+$", "") + "/studies/";
    }

    @POST
    public Response store(@HeaderParam("Content-Type") String contentType, InputStream body) {
        return handle(contentType, body, null);
    }

    @POST
    @Path("{study}")
    public Response storeInStudy(@PathParam("study") String study, @HeaderParam("Content-Type") String contentType,
                                 InputStream body) {
        if (!Uids.isValid(study)) {
            return text(400, "'" + study + "' is not a Study Instance UID");
        }
        return handle(contentType, body, study);
    }

    private Response handle(String contentType, InputStream body, String study) {
        ContentType type = ContentType.parse(contentType);
        if (!type.mediaType().equals("multipart/related")) {
            return text(415, "STOW-RS takes multipart/related; type=\"application/dicom\", not '"
                    + (contentType == null ? "" : contentType) + "'");
        }
        String partType = type.parameter("type");
        if (partType != null && !ContentType.parse(partType).mediaType().equals("application/dicom")) {
            return text(415, "this STOW-RS service takes type=\"application/dicom\" parts, not '" + partType + "'");
        }
        String boundary = type.parameter("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            return text(400, "the multipart/related Content-Type has no valid boundary parameter");
        }
        List<StoreResponse.Referenced> referenced = new ArrayList<>();
        List<StoreResponse.Failed> failed = new ArrayList<>();
        Set<String> studies = new HashSet<>();
        try (MultipartStream parts = new MultipartStream(body, boundary)) {
            while (parts.next()) {
                String declared = parts.header("content-type");
                if (declared != null && !ContentType.parse(declared).mediaType().equals("application/dicom")) {
                    failed.add(new StoreResponse.Failed(null, null, InstanceRejectedException.Reason.CANNOT_UNDERSTAND
                            .failureReason(), "part " + parts.partNumber() + " is " + declared
                            + ", not application/dicom"));
                    continue;
                }
                PartInput part = new PartInput(parts.body());
                try {
                    StoreResult r = archive.store(part, study);
                    studies.add(r.studyInstanceUid());
                    referenced.add(new StoreResponse.Referenced(r.sopClassUid(), r.sopInstanceUid(),
                            studiesUrl + r.studyInstanceUid() + "/series/" + r.seriesInstanceUid() + "/instances/"
                                    + r.sopInstanceUid(), r.alreadyStored() ? StoreResponse.ALREADY_STORED : null));
                } catch (InstanceRejectedException e) {
                    if (part.failure != null) {
                        throw part.failure;
                    }
                    LOG.info("STOW-RS part {} refused: {}", parts.partNumber(), e.getMessage());
                    failed.add(new StoreResponse.Failed(e.sopClassUid(), e.sopInstanceUid(),
                            e.reason().failureReason(), e.getMessage()));
                }
            }
        } catch (IOException e) {
            LOG.info("STOW-RS request refused: malformed multipart body: {}", e.getMessage());
            return text(400, "malformed multipart/related body: " + e.getMessage()
                    + (referenced.isEmpty() ? "" : " (" + referenced.size() + " instances before it were stored)"));
        }
        if (referenced.isEmpty() && failed.isEmpty()) {
            return text(400, "the multipart/related body holds no part");
        }
        StoreResponse response = new StoreResponse(studies.size() == 1 ? studiesUrl + studies.iterator().next()
                : null, referenced, failed);
        return Response.status(response.httpStatus()).type(DICOM_JSON).entity(response.toJson()).build();
    }

    private static Response text(int status, String message) {
        return Response.status(status).type("text/plain; charset=UTF-8").entity(message + "\n").build();
    }

    /** A part's body that remembers a failure of the multipart stream itself, as opposed to bad DICOM in it. */
    private static final class PartInput extends FilterInputStream {
        IOException failure;

        PartInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
