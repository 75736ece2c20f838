package org.xdsi.imaging.dicom;

import java.io.IOException;

/** An instance cannot be delivered in the requested transfer syntax (e.g. compressed to uncompressed). */
public class UnsupportedTransferSyntaxException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String sourceUid;
    private final String targetUid;

    public UnsupportedTransferSyntaxException(TransferSyntax source, TransferSyntax target) {
        super("cannot convert " + source + " to " + target);
        this.sourceUid = source.uid();
        this.targetUid = target.uid();
    }

    public String sourceUid() {
        return sourceUid;
    }

    public String targetUid() {
        return targetUid;
    }
}
