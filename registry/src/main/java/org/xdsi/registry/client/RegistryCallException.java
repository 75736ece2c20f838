package org.xdsi.registry.client;

import java.net.URI;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.XdsError;

/**
 * A call to a remote registry that produced no XDS answer, and why. The message names the registry's URL and the
 * cause in one line, since whoever reads it is usually not the one who configured the URL.
 */
public final class RegistryCallException extends Exception {

    public enum Kind {
        /** Not reached, no answer in time, or HTTP 502/503/504: a proxy could not reach it, or it is starting. */
        NOT_AVAILABLE,
        /** A SOAP fault: the registry refused the request. */
        FAULT,
        /** An answer that is not the expected SOAP message (an HTML page, another action, no status...). */
        UNEXPECTED_ANSWER,
        /** The request could not be written, so nothing was sent. */
        REQUEST_NOT_WRITTEN
    }

    private final Kind kind;
    private final URI endpoint;

    RegistryCallException(Kind kind, URI endpoint, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.endpoint = endpoint;
    }

    public Kind kind() {
        return kind;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The code a repository forwards to its document source (digest §3.6). */
    public ErrorCode errorCode() {
        return kind == Kind.NOT_AVAILABLE ? ErrorCode.XDSRegistryNotAvailable : ErrorCode.XDSRegistryError;
    }

    /** This failure as the one RegistryError of a Failure response. */
    public XdsError toError() {
        return XdsError.error(errorCode(), getMessage(), null);
    }
}
