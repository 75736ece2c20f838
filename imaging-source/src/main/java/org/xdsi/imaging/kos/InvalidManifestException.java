package org.xdsi.imaging.kos;

/** A dataset that is not an XDS-I.b manifest (KOS with document title "Manifest" listing its evidence). */
public class InvalidManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidManifestException(String message) {
        super(message);
    }
}
