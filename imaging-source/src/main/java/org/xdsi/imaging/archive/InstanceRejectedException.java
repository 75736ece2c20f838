package org.xdsi.imaging.archive;

/**
 * An instance the archive refuses, with the reason a STOW-RS response or an import report gives. Nothing of it was
 * kept. The UIDs are those known when the instance was refused (null when it could not be parsed that far).
 */
public final class InstanceRejectedException extends Exception {

    /** Why, with the Failure Reason (0008,1197) of a STOW-RS store response (PS3.18 10.5.3, PS3.4 Annex B.2.3). */
    public enum Reason {
        /** Not a DICOM Part 10 instance, or malformed: 0xC000 Error: cannot understand. */
        CANNOT_UNDERSTAND(0xC000),
        /** 0xC122 Referenced Transfer Syntax not supported. */
        TRANSFER_SYNTAX_NOT_SUPPORTED(0xC122),
        /**
         * Required attributes missing or invalid, or UIDs that contradict the path of the request or what the
         * archive holds: 0xA900 Error: Data Set does not match SOP Class.
         */
        DATA_SET_INVALID(0xA900),
        /** A standard SOP class that is not a storage one (Verification, a meta SOP class...): 0x0122. */
        SOP_CLASS_NOT_SUPPORTED(0x0122),
        /** The disk or the database refused: 0xA700 Refused: out of resources. */
        OUT_OF_RESOURCES(0xA700),
        /** Anything else: 0x0110 Processing failure. */
        PROCESSING_FAILURE(0x0110);

        private final int failureReason;

        Reason(int failureReason) {
            this.failureReason = failureReason;
        }

        public int failureReason() {
            return failureReason;
        }
    }

    private final Reason reason;
    private final String sopClassUid;
    private final String sopInstanceUid;

    public InstanceRejectedException(Reason reason, String message, String sopClassUid, String sopInstanceUid,
                                     Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.sopClassUid = sopClassUid;
        this.sopInstanceUid = sopInstanceUid;
    }

    public InstanceRejectedException(Reason reason, String message, String sopClassUid, String sopInstanceUid) {
        this(reason, message, sopClassUid, sopInstanceUid, null);
    }

    public Reason reason() {
        return reason;
    }

    /** SOP Class UID of the refused instance, or null when unknown. */
    public String sopClassUid() {
        return sopClassUid;
    }

    /** SOP Instance UID of the refused instance, or null when unknown. */
    public String sopInstanceUid() {
        return sopInstanceUid;
    }
}
