package org.xdsi.metadata;

import java.util.List;

/** A request that fails with one or more RegistryErrors; never carries a stack trace to the wire. */
public class XdsException extends Exception {
    private final List<XdsError> errors;

    public XdsException(List<XdsError> errors) {
        super(errors.isEmpty() ? "failure" : errors.get(0).code() + ": " + errors.get(0).codeContext(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public XdsException(ErrorCode code, String codeContext) {
        this(List.of(XdsError.error(code, codeContext, null)));
    }

    public List<XdsError> errors() {
        return errors;
    }
}
