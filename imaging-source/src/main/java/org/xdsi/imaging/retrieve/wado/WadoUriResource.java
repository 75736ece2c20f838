package org.xdsi.imaging.retrieve.wado;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.imaging.archive.InstanceLocator;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.imaging.dicom.TransferSyntax;
import org.xdsi.imaging.retrieve.Encodings;
import org.xdsi.imaging.retrieve.HttpProblem;
import org.xdsi.imaging.retrieve.InstanceWriter;
import org.xdsi.imaging.retrieve.Uids;

/**
 * RAD-55 WADO-URI (PS3.18 chapter 9): {@code GET ?requestType=WADO&studyUID&seriesUID&objectUID}, answered with
 * the instance ({@code application/dicom}) or a rendered frame ({@code image/jpeg}).
 *
 * <p>Transfer syntax of {@code application/dicom}: the {@code transferSyntax} parameter when given (the stored one,
 * or explicit/implicit VR little endian from an uncompressed one; anything else is 406). Without it PS3.18 asks for
 * explicit VR little endian: an instance stored so (the usual case) is sent byte for byte, one stored in another
 * uncompressed syntax is transcoded to it, and a compressed one is sent as stored, since xdsi cannot decompress it.
 */
@Path("/")
public class WadoUriResource {
    private static final Logger LOG = LoggerFactory.getLogger(WadoUriResource.class);
    static final MediaType DICOM = new MediaType("application", "dicom");
    static final MediaType JPEG = new MediaType("image", "jpeg");
    private static final int MAX_SIDE = FrameRenderer.MAX_SIDE;
    private static final Set<String> UNSUPPORTED = Set.of("region", "presentationUID", "presentationSeriesUID",
            "anonymize");

    private final InstanceLocator instances;

    public WadoUriResource(InstanceLocator instances) {
        this.instances = instances;
    }

    @GET
    public Response retrieve(@Context UriInfo uri, @Context HttpHeaders headers) {
        try {
            return answer(uri.getQueryParameters(), headers.getAcceptableMediaTypes());
        } catch (HttpProblem p) {
            return p.response();
        } catch (IOException | RuntimeException e) {
            LOG.warn("WADO-URI {}: {}", uri.getRequestUri().getRawQuery(), e.toString());
            return HttpProblem.text(500, "the object could not be read; tell the imaging source's operator if this"
                    + " persists");
        }
    }

    private Response answer(MultivaluedMap<String, String> q, List<MediaType> accept) throws IOException {
        String requestType = q.getFirst("requestType");
        if (requestType == null) {
            throw HttpProblem.badRequest("the parameter requestType is missing (requestType=WADO)");
        }
        if (!"WADO".equals(requestType.trim())) {
            throw HttpProblem.badRequest("requestType must be WADO");
        }
        String study = Uids.require(q.getFirst("studyUID"), "studyUID");
        String series = Uids.require(q.getFirst("seriesUID"), "seriesUID");
        String object = Uids.require(q.getFirst("objectUID"), "objectUID");
        for (String p : UNSUPPORTED) {
            if (q.containsKey(p)) {
                throw HttpProblem.badRequest("the parameter " + p + " is not supported by this server");
            }
        }
        MediaType type = contentType(q.getFirst("contentType"), accept);
        String transferSyntax = q.getFirst("transferSyntax") == null ? null
                : Uids.require(q.getFirst("transferSyntax"), "transferSyntax");
        RenderingParameters rendering = JPEG.equals(type) ? rendering(q) : null;
        StoredInstance instance = instances.instance(study, series, object)
                .orElseThrow(() -> HttpProblem.notFound("no object " + object + " in series " + series + " of study "
                        + study));
        if (rendering != null) {
            return jpeg(instance, rendering);
        }
        return dicom(instance, transferSyntax);
    }

    private static Response dicom(StoredInstance instance, String requested) {
        String stored = instance.transferSyntaxUid();
        String syntax;
        if (requested != null) {
            if (!Encodings.producible(stored, requested)) {
                throw HttpProblem.notAcceptable("the object is stored in " + stored + " and cannot be provided in "
                        + requested);
            }
            syntax = requested;
        } else {
            String explicitLe = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
            syntax = Encodings.producible(stored, explicitLe) ? explicitLe : stored;
        }
        StreamingOutput body = out -> InstanceWriter.write(instance, syntax, out);
        return Response.ok(body, DICOM).header("Content-Disposition", "attachment; filename=\""
                + instance.sopInstanceUid() + ".dcm\"").build();
    }

    private static Response jpeg(StoredInstance instance, RenderingParameters p) throws IOException {
        try {
            ImagePixels pixels = ImagePixels.open(instance);
            if (p.frameNumber() > pixels.frames()) {
                throw HttpProblem.badRequest("frameNumber " + p.frameNumber() + " is beyond the " + pixels.frames()
                        + " frame(s) of the object");
            }
            BufferedImage image = FrameRenderer.render(pixels, p);
            return Response.ok(JpegEncoder.encode(image, p.imageQuality()), JPEG).build();
        } catch (NotRenderableException e) {
            throw HttpProblem.notAcceptable("image/jpeg cannot be made of this object: " + e.getMessage()
                    + "; ask for contentType=application/dicom");
        }
    }

    /**
     * The answer's media type: the first of the contentType list that is supported and acceptable by the Accept
     * header; without contentType, image/jpeg when acceptable (PS3.18: the default for Accept *&#47;*), else
     * application/dicom.
     */
    static MediaType contentType(String parameter, List<MediaType> accept) {
        if (parameter == null || parameter.isBlank()) {
            if (acceptable(JPEG, accept)) {
                return JPEG;
            }
            if (acceptable(DICOM, accept)) {
                return DICOM;
            }
            throw HttpProblem.notAcceptable("the Accept header allows neither image/jpeg nor application/dicom");
        }
        List<String> unsupported = new ArrayList<>();
        for (String item : parameter.split(",")) {
            String name = item.split(";")[0].trim().toLowerCase(Locale.ROOT);
            MediaType t = name.equals("application/dicom") ? DICOM : name.equals("image/jpeg") ? JPEG : null;
            if (t == null) {
                unsupported.add(name);
            } else if (acceptable(t, accept)) {
                return t;
            }
        }
        if (unsupported.size() == parameter.split(",").length) {
            throw HttpProblem.notAcceptable("contentType " + String.join(",", unsupported) + " is not supported"
                    + " (application/dicom and image/jpeg are)");
        }
        throw HttpProblem.notAcceptable("contentType " + parameter.trim() + " does not agree with the Accept header");
    }

    private static boolean acceptable(MediaType type, List<MediaType> accept) {
        return accept.isEmpty() || accept.stream().anyMatch(a -> a.isCompatible(type) && !"0".equals(
                a.getParameters().get("q")));
    }

    private static RenderingParameters rendering(MultivaluedMap<String, String> q) {
        int frame = positive(q.getFirst("frameNumber"), "frameNumber", Integer.MAX_VALUE, 1);
        Integer rows = q.getFirst("rows") == null ? null : positive(q.getFirst("rows"), "rows", MAX_SIDE, 0);
        Integer columns = q.getFirst("columns") == null ? null
                : positive(q.getFirst("columns"), "columns", MAX_SIDE, 0);
        int quality = positive(q.getFirst("imageQuality"), "imageQuality", 100, RenderingParameters.DEFAULT_QUALITY);
        String wc = q.getFirst("windowCenter");
        String ww = q.getFirst("windowWidth");
        if ((wc == null) != (ww == null)) {
            throw HttpProblem.badRequest("windowCenter and windowWidth go together");
        }
        Double center = wc == null ? null : decimal(wc, "windowCenter");
        Double width = ww == null ? null : decimal(ww, "windowWidth");
        if (width != null && width < 1) {
            throw HttpProblem.badRequest("windowWidth must be at least 1");
        }
        return new RenderingParameters(frame, rows, columns, center, width, quality);
    }

    private static int positive(String value, String name, int max, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HttpProblem.badRequest(name + " must be an integer from 1 to " + max);
    }

    private static double decimal(String value, String name) {
        try {
            double v = Double.parseDouble(value.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HttpProblem.badRequest(name + " must be a decimal number");
    }
}
