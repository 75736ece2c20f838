package org.xdsi.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Gathers every problem of a request so the response can report all of them at once. */
public final class ErrorCollector {
    private final List<XdsError> errors = new ArrayList<>();

    public void error(ErrorCode code, String codeContext, String location) {
        errors.add(XdsError.error(code, codeContext, location));
    }

    public void warning(ErrorCode code, String codeContext, String location) {
        errors.add(XdsError.warning(code, codeContext, location));
    }

    public void add(XdsError error) {
        errors.add(error);
    }

    public void addAll(List<XdsError> more) {
        errors.addAll(more);
    }

    public boolean hasErrors() {
        return errors.stream().anyMatch(XdsError::isError);
    }

    public List<XdsError> all() {
        return Collections.unmodifiableList(errors);
    }

    /** Throws when any error (not warning) was collected. */
    public void throwIfErrors() throws XdsException {
        if (hasErrors()) {
            throw new XdsException(errors);
        }
    }
}
