package org.xdsi.imaging.retrieve;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A request the HTTP retrieve services answer with an error status and a short text/plain reason. */
public final class HttpProblem extends RuntimeException {
    private final int status;

    public HttpProblem(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public static HttpProblem badRequest(String reason) {
        return new HttpProblem(400, reason);
    }

    public static HttpProblem notFound(String reason) {
        return new HttpProblem(404, reason);
    }

    public static HttpProblem notAcceptable(String reason) {
        return new HttpProblem(406, reason);
    }

    public int status() {
        return status;
    }

    public Response response() {
        return text(status, getMessage());
    }

    public static Response text(int status, String reason) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity(reason + "\n")
                .build();
    }
}
