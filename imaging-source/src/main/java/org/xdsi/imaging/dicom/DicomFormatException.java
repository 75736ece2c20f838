package org.xdsi.imaging.dicom;

import java.io.IOException;

/** Input that is not a DICOM file or dataset xdsi can read; {@link #offset()} is where reading went wrong. */
public class DicomFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String reason;

    public DicomFormatException(long offset, String reason) {
        super(reason + " (at byte offset " + offset + ")");
        this.offset = offset;
        this.reason = reason;
    }

    public DicomFormatException(long offset, String reason, Throwable cause) {
        this(offset, reason);
        initCause(cause);
    }

    /** Byte offset in the input, counted from where the reader started. */
    public long offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
