package org.xdsi.repository.client;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.RegistryResponses;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.schema.rs.RegistryResponseType;

/**
 * A SOAP call that produced no XDS answer: the endpoint could not be reached or did not answer in time
 * ({@link Kind#UNREACHABLE}, {@link Kind#TIMEOUT}), answered something that is not a SOAP message
 * ({@link Kind#NOT_SOAP}), or answered with a SOAP fault ({@link Kind#FAULT}). The message names the endpoint and the
 * cause in one line.
 */
public final class RemoteCallException extends IOException {
    public enum Kind { UNREACHABLE, TIMEOUT, NOT_SOAP, FAULT }

    private final Kind kind;
    private final URI endpoint;

    public RemoteCallException(Kind kind, URI endpoint, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.endpoint = endpoint;
    }

    public Kind kind() {
        return kind;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** True when the peer was not reached or gave no SOAP answer (as opposed to a SOAP fault). */
    public boolean isTransportFailure() {
        return kind != Kind.FAULT;
    }

    /** This failure as a Failure RegistryResponse: one error with {@code code}, the message as codeContext. */
    public RegistryResponseType toResponse(ErrorCode code) {
        return RegistryResponses.withStatus(Vocabulary.RESPONSE_FAILURE,
                List.of(XdsError.error(code, getMessage(), null)));
    }
}
