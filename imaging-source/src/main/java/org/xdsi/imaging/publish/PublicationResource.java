package org.xdsi.imaging.publish;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publication admin API at {@code <base>/imaging} (JSON): {@code POST /studies/{uid}/publish} publishes now and
 * answers 200 published, 404 unknown study, 409 held, 502 repository or registry failure; {@code GET /studies} and
 * {@code GET /studies/{uid}} give the publication state.
 */
@Path("/studies")
@Produces("application/json")
public final class PublicationResource {
    private static final Logger LOG = LoggerFactory.getLogger(PublicationResource.class);
    private static final Pattern UID = Pattern.compile("[0-9.]{1,64}");
    private static final int MAX_LIST = 10_000;

    private final Publisher publisher;

    public PublicationResource(Publisher publisher) {
        this.publisher = publisher;
    }

    @POST
    @Path("/{uid}/publish")
    public Response publish(@PathParam("uid") String uid) {
        if (!UID.matcher(uid).matches()) {
            return error(400, "not a Study Instance UID: " + uid);
        }
        PublishOutcome outcome;
        try {
            outcome = publisher.publishNow(uid);
        } catch (RuntimeException e) {
            LOG.warn("publish {} failed: {}", uid, e.toString());
            return error(500, "publication failed: " + e.getMessage());
        }
        int status = switch (outcome.result()) {
            case PUBLISHED -> 200;
            case UNKNOWN_STUDY -> 404;
            case HELD -> 409;
            case FAILED, WAITING -> 502;
        };
        String body = "{\"result\":" + Json.string(outcome.result().name()) + ",\"message\":"
                + Json.string(outcome.message()) + ",\"publication\":"
                + (outcome.publication() == null ? "null" : outcome.publication().toJson()) + "}";
        return Response.status(status).entity(body).build();
    }

    @GET
    public Response list(@QueryParam("limit") Integer limit) {
        int n = limit == null || limit <= 0 ? 1000 : Math.min(limit, MAX_LIST);
        List<Publication> all = publisher.statuses(n);
        StringBuilder sb = new StringBuilder("{\"studies\":[");
        for (int i = 0; i < all.size(); i++) {
            sb.append(i > 0 ? "," : "").append(all.get(i).toJson());
        }
        return Response.ok(sb.append("]}").toString()).build();
    }

    @GET
    @Path("/{uid}")
    public Response get(@PathParam("uid") String uid) {
        if (!UID.matcher(uid).matches()) {
            return error(400, "not a Study Instance UID: " + uid);
        }
        Optional<Publication> p = publisher.status(uid);
        return p.isPresent() ? Response.ok(p.get().toJson()).build() : error(404, "no study " + uid);
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity("{\"error\":" + Json.string(message) + "}").build();
    }
}
