package org.xdsi.metadata;

import java.util.List;
import org.xdsi.schema.rs.RegistryError;
import org.xdsi.schema.rs.RegistryErrorList;
import org.xdsi.schema.rs.RegistryResponseType;

/** Builds {@code rs:RegistryResponse} bodies from collected errors and warnings. */
public final class RegistryResponses {
    private RegistryResponses() {
    }

    /** Success when nothing in {@code problems} is an error, Failure otherwise (ITI-41/42 know no partial success). */
    public static RegistryResponseType successOrFailure(List<XdsError> problems) {
        boolean failed = problems.stream().anyMatch(XdsError::isError);
        return withStatus(failed ? Vocabulary.RESPONSE_FAILURE : Vocabulary.RESPONSE_SUCCESS, problems);
    }

    public static RegistryResponseType withStatus(String status, List<XdsError> problems) {
        RegistryResponseType response = new RegistryResponseType();
        response.setStatus(status);
        if (!problems.isEmpty()) {
            response.setRegistryErrorList(errorList(problems));
        }
        return response;
    }

    public static RegistryErrorList errorList(List<XdsError> problems) {
        RegistryErrorList list = new RegistryErrorList();
        boolean anyError = false;
        for (XdsError p : problems) {
            RegistryError e = new RegistryError();
            e.setErrorCode(p.code().name());
            e.setCodeContext(p.codeContext() == null ? p.code().name() : p.codeContext());
            e.setSeverity(p.severity().urn());
            e.setLocation(p.location());
            list.getRegistryError().add(e);
            anyError |= p.isError();
        }
        list.setHighestSeverity(anyError ? Vocabulary.SEVERITY_ERROR : Vocabulary.SEVERITY_WARNING);
        return list;
    }
}
