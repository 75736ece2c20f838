package org.xdsi.imaging.retrieve;

import java.util.List;
import java.util.Optional;
import org.xdsi.imaging.dicom.DicomTranscoder;
import org.xdsi.imaging.dicom.TransferSyntax;

/**
 * Which transfer syntaxes an instance can be delivered in: the one it is stored in (sent byte for byte), and,
 * from any native (uncompressed) syntax, explicit and implicit VR little endian by streaming transcode. xdsi has
 * no image codecs, so compressed data is only ever sent as stored.
 */
public final class Encodings {
    private Encodings() {
    }

    /** True when an instance stored in {@code storedUid} can be sent in {@code requestedUid}. */
    public static boolean producible(String storedUid, String requestedUid) {
        if (storedUid.equals(requestedUid)) {
            return true;
        }
        if (!TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid().equals(requestedUid)
                && !TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid().equals(requestedUid)) {
            return false;
        }
        return DicomTranscoder.canTranscode(TransferSyntax.of(storedUid), TransferSyntax.of(requestedUid));
    }

    /**
     * The syntax to send an instance stored in {@code storedUid} in, given what the consumer accepts: the stored one
     * when it is accepted (no conversion, the stored bytes), else the first accepted one that can be produced.
     */
    public static Optional<String> choose(String storedUid, List<String> accepted) {
        if (accepted.contains(storedUid)) {
            return Optional.of(storedUid);
        }
        return accepted.stream().filter(uid -> producible(storedUid, uid)).findFirst();
    }
}
