package org.xdsi.imaging.retrieve.dicomweb;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.imaging.archive.InstanceLocator;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.imaging.dicom.BulkData;
import org.xdsi.imaging.dicom.DataElement;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomReader;
import org.xdsi.imaging.dicom.ReadOptions;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;
import org.xdsi.imaging.dicom.Vr;
import org.xdsi.imaging.retrieve.Encodings;
import org.xdsi.imaging.retrieve.HttpProblem;
import org.xdsi.imaging.retrieve.InstanceWriter;
import org.xdsi.imaging.retrieve.Uids;
import org.xdsi.imaging.retrieve.wado.FrameRenderer;
import org.xdsi.imaging.retrieve.wado.ImagePixels;
import org.xdsi.imaging.retrieve.wado.JpegEncoder;
import org.xdsi.imaging.retrieve.wado.RenderingParameters;
import org.xdsi.imaging.retrieve.wado.NotRenderableException;

/**
 * RAD-107 WADO-RS (PS3.18 10.4), GET only: instances of a study, series or single instance as
 * {@code multipart/related; type="application/dicom"}, their attributes as {@code application/dicom+json}, frames
 * of uncompressed images and top-level bulk data as {@code multipart/related; type="application/octet-stream"},
 * rendered instances and frames as {@code image/jpeg}.
 * STOW-RS POSTs to the same {@code /studies} path from its own resource class on the same JAX-RS server.
 *
 * <p>Instances stream from their files one after the other; the transfer syntax is the stored one unless the
 * Accept header names another ({@code transfer-syntax} parameter), which must be producible for every instance.
 */
@Path("/studies")
public class WadoRsResource {
    private static final Logger LOG = LoggerFactory.getLogger(WadoRsResource.class);
    static final String DICOM_JSON = "application/dicom+json";
    /** Binary values up to this size are InlineBinary in the metadata, larger top-level ones BulkDataURI. */
    private static final long INLINE_BINARY_MAX = 4096;
    private static final int AVAILABLE_TRANSFER_SYNTAX_UID = 0x00083002;

    private final InstanceLocator instances;

    public WadoRsResource(InstanceLocator instances) {
        this.instances = instances;
    }

    // ---- instances

    @GET
    @Path("{study}")
    public Response study(@PathParam("study") String study, @Context HttpHeaders headers) {
        return handle(() -> instancesAnswer(study(study), headers));
    }

    @GET
    @Path("{study}/series/{series}")
    public Response series(@PathParam("study") String study, @PathParam("series") String series,
                           @Context HttpHeaders headers) {
        return handle(() -> instancesAnswer(series(study, series), headers));
    }

    @GET
    @Path("{study}/series/{series}/instances/{instance}")
    public Response instance(@PathParam("study") String study, @PathParam("series") String series,
                             @PathParam("instance") String instance, @Context HttpHeaders headers) {
        return handle(() -> instancesAnswer(List.of(instance(study, series, instance)), headers));
    }

    // ---- metadata

    @GET
    @Path("{study}/metadata")
    public Response studyMetadata(@PathParam("study") String study, @Context HttpHeaders headers,
                                  @Context UriInfo uri) {
        return handle(() -> metadataAnswer(study(study), headers, uri));
    }

    @GET
    @Path("{study}/series/{series}/metadata")
    public Response seriesMetadata(@PathParam("study") String study, @PathParam("series") String series,
                                   @Context HttpHeaders headers, @Context UriInfo uri) {
        return handle(() -> metadataAnswer(series(study, series), headers, uri));
    }

    @GET
    @Path("{study}/series/{series}/instances/{instance}/metadata")
    public Response instanceMetadata(@PathParam("study") String study, @PathParam("series") String series,
                                     @PathParam("instance") String instance, @Context HttpHeaders headers,
                                     @Context UriInfo uri) {
        return handle(() -> metadataAnswer(List.of(instance(study, series, instance)), headers, uri));
    }

    // ---- frames and bulk data

    @GET
    @Path("{study}/series/{series}/instances/{instance}/frames/{frames}")
    public Response frames(@PathParam("study") String study, @PathParam("series") String series,
                           @PathParam("instance") String instance, @PathParam("frames") String frames,
                           @Context HttpHeaders headers) {
        return handle(() -> framesAnswer(instance(study, series, instance), frames, headers));
    }

    @GET
    @Path("{study}/series/{series}/instances/{instance}/bulkdata/{tag}")
    public Response bulkData(@PathParam("study") String study, @PathParam("series") String series,
                             @PathParam("instance") String instance, @PathParam("tag") String tag,
                             @Context HttpHeaders headers) {
        return handle(() -> bulkDataAnswer(instance(study, series, instance), tag, headers));
    }

    @GET
    @Path("{study}/series/{series}/instances/{instance}/rendered")
    public Response rendered(@PathParam("study") String study, @PathParam("series") String series,
                             @PathParam("instance") String instance, @Context HttpHeaders headers,
                             @Context UriInfo uri) {
        return handle(() -> renderedAnswer(instance(study, series, instance), "1", headers, uri));
    }

    @GET
    @Path("{study}/series/{series}/instances/{instance}/frames/{frame}/rendered")
    public Response renderedFrame(@PathParam("study") String study, @PathParam("series") String series,
                                  @PathParam("instance") String instance, @PathParam("frame") String frame,
                                  @Context HttpHeaders headers, @Context UriInfo uri) {
        return handle(() -> renderedAnswer(instance(study, series, instance), frame, headers, uri));
    }

    // ---- answers

    private Response instancesAnswer(List<StoredInstance> found, HttpHeaders headers) {
        String requested = null;
        String refusal = null;
        boolean chosen = false;
        // the first acceptable syntax in which every instance can be sent
        for (String candidate : requestedSyntaxes(headers)) {
            StoredInstance blocking = candidate == null ? null : found.stream()
                    .filter(i -> !Encodings.producible(i.transferSyntaxUid(), candidate)).findFirst().orElse(null);
            if (blocking == null) {
                requested = candidate;
                chosen = true;
                break;
            }
            if (refusal == null) {
                refusal = "instance " + blocking.sopInstanceUid() + " is stored in " + blocking.transferSyntaxUid()
                        + " and cannot be provided in " + candidate;
            }
        }
        if (!chosen) {
            throw HttpProblem.notAcceptable(refusal);
        }
        String syntaxChosen = requested;
        String boundary = Multipart.newBoundary();
        StreamingOutput body = out -> {
            Multipart multipart = new Multipart(out, boundary);
            for (StoredInstance i : found) {
                String syntax = syntaxChosen == null ? i.transferSyntaxUid() : syntaxChosen;
                multipart.part("application/dicom; transfer-syntax=" + syntax);
                InstanceWriter.write(i, syntax, multipart.body());
                multipart.endPart();
            }
            multipart.close();
        };
        return Response.ok(body).header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary="
                + boundary).build();
    }

    private Response metadataAnswer(List<StoredInstance> found, HttpHeaders headers, UriInfo uri) {
        if (!jsonAcceptable(headers)) {
            throw HttpProblem.notAcceptable("metadata is served as " + DICOM_JSON + " only");
        }
        String base = baseUrl(uri, headers);
        StreamingOutput body = out -> {
            out.write('[');
            boolean first = true;
            for (StoredInstance i : found) {
                String instanceUrl = base + "/studies/" + i.studyInstanceUid() + "/series/" + i.seriesInstanceUid()
                        + "/instances/" + i.sopInstanceUid();
                DicomJson writer = new DicomJson(i.file(), tag -> instanceUrl + "/bulkdata/"
                        + String.format("%08X", tag));
                Dataset ds = attributes(i);
                ds.setString(AVAILABLE_TRANSFER_SYNTAX_UID, Vr.UI, i.transferSyntaxUid());
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.write(writer.write(ds).getBytes(StandardCharsets.UTF_8));
            }
            out.write(']');
        };
        return Response.ok(body, DICOM_JSON).build();
    }

    private Response framesAnswer(StoredInstance instance, String list, HttpHeaders headers) throws IOException {
        if (!octetStreamAcceptable(headers, true)) {
            throw HttpProblem.notAcceptable("frames are served as multipart/related; type=\"application/octet-stream\""
                    + " in explicit VR little endian (uncompressed)");
        }
        ImagePixels pixels;
        try {
            pixels = ImagePixels.open(instance);
        } catch (NotRenderableException e) {
            throw HttpProblem.notAcceptable("the frames of this instance cannot be served uncompressed: "
                    + e.getMessage());
        }
        List<Integer> numbers = new ArrayList<>();
        for (String s : list.split(",")) {
            try {
                int n = Integer.parseInt(s.trim());
                if (n >= 1 && n <= pixels.frames()) {
                    numbers.add(n);
                    continue;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw HttpProblem.badRequest("frame list '" + list + "': each frame number must be from 1 to "
                    + pixels.frames());
        }
        String boundary = Multipart.newBoundary();
        StreamingOutput body = out -> {
            Multipart multipart = new Multipart(out, boundary);
            for (int n : numbers) {
                multipart.part("application/octet-stream; transfer-syntax="
                        + TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
                multipart.body().write(pixels.frame(n));
                multipart.endPart();
            }
            multipart.close();
        };
        return Response.ok(body).header("Content-Type",
                "multipart/related; type=\"application/octet-stream\"; boundary=" + boundary).build();
    }

    /**
     * PS3.18 10.4.1.1.3 rendered resources, as JPEG: {@code quality} (1-100), {@code viewport=vw,vh} (the size, aspect
     * ratio kept), {@code window=center,width[,LINEAR]}.
     */
    private Response renderedAnswer(StoredInstance instance, String frameText, HttpHeaders headers, UriInfo uri)
            throws IOException {
        if (accept(headers).stream().noneMatch(r -> r.covers("image", "jpeg"))) {
            throw HttpProblem.notAcceptable("rendered images are served as image/jpeg");
        }
        var q = uri.getQueryParameters();
        int frame = positiveInt(frameText, "frame number");
        int quality = q.getFirst("quality") == null ? RenderingParameters.DEFAULT_QUALITY
                : positiveInt(q.getFirst("quality"), "quality");
        if (quality > 100) {
            throw HttpProblem.badRequest("quality must be from 1 to 100");
        }
        Integer rows = null;
        Integer columns = null;
        if (q.getFirst("viewport") != null) {
            String[] v = q.getFirst("viewport").split(",");
            if (v.length < 2) {
                throw HttpProblem.badRequest("viewport is vw,vh");
            }
            columns = Math.min(positiveInt(v[0], "viewport width"), FrameRenderer.MAX_SIDE);
            rows = Math.min(positiveInt(v[1], "viewport height"), FrameRenderer.MAX_SIDE);
        }
        Double center = null;
        Double width = null;
        if (q.getFirst("window") != null) {
            String[] w = q.getFirst("window").split(",");
            try {
                center = Double.parseDouble(w[0].trim());
                width = Double.parseDouble(w[1].trim());
            } catch (RuntimeException e) {
                throw HttpProblem.badRequest("window is center,width[,function]");
            }
            if (w.length > 2 && !w[2].trim().equalsIgnoreCase("linear")) {
                throw HttpProblem.badRequest("only the LINEAR window function is supported");
            }
            if (!Double.isFinite(center) || !(width >= 1)) {
                throw HttpProblem.badRequest("window width must be at least 1");
            }
        }
        try {
            ImagePixels pixels = ImagePixels.open(instance);
            if (frame > pixels.frames()) {
                throw HttpProblem.badRequest("frame " + frame + " is beyond the " + pixels.frames()
                        + " frame(s) of the instance");
            }
            var image = FrameRenderer.render(pixels,
                    new RenderingParameters(frame, rows, columns, center, width, quality));
            return Response.ok(JpegEncoder.encode(image, quality), "image/jpeg").build();
        } catch (NotRenderableException e) {
            throw HttpProblem.notAcceptable("this instance cannot be rendered: " + e.getMessage());
        }
    }

    private static int positiveInt(String text, String what) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HttpProblem.badRequest(what + " must be a positive integer, not '" + text + "'");
    }

    private Response bulkDataAnswer(StoredInstance instance, String tagText, HttpHeaders headers) throws IOException {
        int tag;
        try {
            if (!tagText.matches("[0-9A-Fa-f]{8}")) {
                throw new NumberFormatException();
            }
            tag = Integer.parseUnsignedInt(tagText, 16);
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("bulk data is addressed by a tag of 8 hex digits, not '" + tagText + "'");
        }
        if (!octetStreamAcceptable(headers, false)) {
            throw HttpProblem.notAcceptable("bulk data is served as multipart/related;"
                    + " type=\"application/octet-stream\"");
        }
        DataElement e = attributes(instance).get(tag);
        if (e == null || e.kind() == DataElement.Kind.SEQUENCE || !e.vr().isBulk()) {
            throw HttpProblem.notFound("instance " + instance.sopInstanceUid() + " has no bulk data "
                    + Tag.toString(tag));
        }
        String boundary = Multipart.newBoundary();
        StreamingOutput body = out -> {
            Multipart multipart = new Multipart(out, boundary);
            if (e.kind() == DataElement.Kind.VALUE) {
                multipart.part("application/octet-stream");
                multipart.body().write(e.bytes());
                multipart.endPart();
            } else if (!e.bulkData().encapsulated()) {
                multipart.part("application/octet-stream");
                copy(instance, e.bulkData().offset(), e.bulkData().length(),
                        e.bulkData().bigEndian() ? e.vr().unitSize() : 1, multipart.body());
                multipart.endPart();
            } else {
                // compressed pixel data: one part per fragment, the Basic Offset Table left out
                List<BulkData.Fragment> fragments = e.bulkData().fragments();
                for (int f = 1; f < fragments.size(); f++) {
                    multipart.part("application/octet-stream; transfer-syntax=" + instance.transferSyntaxUid());
                    copy(instance, fragments.get(f).offset(), fragments.get(f).length(), 1, multipart.body());
                    multipart.endPart();
                }
            }
            multipart.close();
        };
        return Response.ok(body).header("Content-Type",
                "multipart/related; type=\"application/octet-stream\"; boundary=" + boundary).build();
    }

    // ---- helpers

    private List<StoredInstance> study(String study) {
        String uid = Uids.require(study, "Study Instance UID");
        List<StoredInstance> found = instances.study(uid);
        if (found.isEmpty()) {
            throw HttpProblem.notFound("no study " + uid);
        }
        return found;
    }

    private List<StoredInstance> series(String study, String series) {
        String s = Uids.require(study, "Study Instance UID");
        String se = Uids.require(series, "Series Instance UID");
        List<StoredInstance> found = instances.series(s, se);
        if (found.isEmpty()) {
            throw HttpProblem.notFound("no series " + se + " in study " + s);
        }
        return found;
    }

    private StoredInstance instance(String study, String series, String instance) {
        String s = Uids.require(study, "Study Instance UID");
        String se = Uids.require(series, "Series Instance UID");
        String i = Uids.require(instance, "SOP Instance UID");
        return instances.instance(s, se, i).orElseThrow(() -> HttpProblem.notFound("no instance " + i
                + " in series " + se + " of study " + s));
    }

    /** The attributes of an instance, large binary values left in the file. */
    private static Dataset attributes(StoredInstance i) throws IOException {
        try (DicomReader reader = DicomReader.open(i.file())) {
            reader.options(ReadOptions.DEFAULT.withBulkDataThreshold(INLINE_BINARY_MAX));
            reader.readFileMetaInformation();
            return reader.readDataset();
        }
    }

    private static void copy(StoredInstance instance, long offset, long length, int swapUnit, OutputStream out)
            throws IOException {
        byte[] buf = new byte[64 * 1024];
        try (RandomAccessFile f = new RandomAccessFile(instance.file().toFile(), "r")) {
            f.seek(offset);
            long left = length;
            while (left > 0) {
                int n = (int) Math.min(left, buf.length);
                f.readFully(buf, 0, n);
                if (swapUnit > 1) {
                    for (int k = 0; k + swapUnit <= n; k += swapUnit) {
                        for (int a = k, b = k + swapUnit - 1; a < b; a++, b--) {
                            byte t = buf[a];
                            buf[a] = buf[b];
                            buf[b] = t;
                        }
                    }
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    /**
     * The transfer syntaxes the Accept header asks instances in, best first: null stands for the stored one
     * ({@code transfer-syntax} absent or {@code *}, or a wildcard range); a 406 when no acceptable media range is
     * multipart/related of application/dicom.
     */
    static List<String> requestedSyntaxes(HttpHeaders headers) {
        List<String> syntaxes = new ArrayList<>();
        for (AcceptHeader.Range r : accept(headers)) {
            if (r.isWildcard()) {
                syntaxes.add(null);
                continue;
            }
            if (!r.covers("multipart", "related")) {
                continue;
            }
            String type = r.parameter("type");
            if (type != null && !type.equalsIgnoreCase("application/dicom")) {
                continue;
            }
            String ts = r.parameter("transfer-syntax");
            syntaxes.add(ts == null || ts.equals("*") ? null : ts.trim());
        }
        if (syntaxes.isEmpty()) {
            throw HttpProblem.notAcceptable("instances are served as multipart/related; type=\"application/dicom\"");
        }
        return syntaxes;
    }

    private static boolean octetStreamAcceptable(HttpHeaders headers, boolean uncompressedOnly) {
        for (AcceptHeader.Range r : accept(headers)) {
            if (r.isWildcard()) {
                return true;
            }
            if (!r.covers("multipart", "related")) {
                continue;
            }
            String type = r.parameter("type");
            if (type != null && !type.equalsIgnoreCase("application/octet-stream")) {
                continue;
            }
            String ts = r.parameter("transfer-syntax");
            if (!uncompressedOnly || ts == null || ts.equals("*")
                    || ts.equals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())) {
                return true;
            }
        }
        return false;
    }

    private static boolean jsonAcceptable(HttpHeaders headers) {
        return accept(headers).stream().anyMatch(r -> r.covers("application", "dicom+json")
                || r.covers("application", "json"));
    }

    private static List<AcceptHeader.Range> accept(HttpHeaders headers) {
        return AcceptHeader.parse(headers.getRequestHeader(HttpHeaders.ACCEPT));
    }

    /** This service's base URL as the client addressed it (its Host header), for BulkDataURIs. */
    private static String baseUrl(UriInfo uri, HttpHeaders headers) {
        java.net.URI base = uri.getBaseUri();
        String host = headers.getHeaderString("Host");
        String authority = host == null || host.isBlank() ? base.getRawAuthority() : host.trim();
        return (base.getScheme() + "://" + authority + base.getRawPath()).replaceAll("/+$", "");
    }

    private static Response handle(Callable<Response> answer) {
        try {
            return answer.call();
        } catch (HttpProblem p) {
            return p.response();
        } catch (Exception e) {
            LOG.warn("WADO-RS: {}", e.toString());
            return HttpProblem.text(500, "the request could not be answered; tell the imaging source's operator if"
                    + " this persists");
        }
    }
}
