package org.xdsi.imaging.publish;

/** The patient map file cannot be used: unreadable, or an entry that is not understood. Names file and entry. */
public final class PatientMapException extends IllegalArgumentException {
    public PatientMapException(String message, Throwable cause) {
        super(message, cause);
    }
}
