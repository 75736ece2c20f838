package org.xdsi.metadata;

/** One RegistryError: what went wrong, where, in words an integration engineer can act on. */
public record XdsError(ErrorCode code, String codeContext, String location, Severity severity) {

    public static XdsError error(ErrorCode code, String codeContext, String location) {
        return new XdsError(code, codeContext, location, Severity.ERROR);
    }

    public static XdsError warning(ErrorCode code, String codeContext, String location) {
        return new XdsError(code, codeContext, location, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
