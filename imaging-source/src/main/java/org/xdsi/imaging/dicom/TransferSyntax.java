package org.xdsi.imaging.dicom;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a dataset is encoded: VR explicit or implicit, byte order, deflate, and whether Pixel Data is encapsulated
 * (compressed frames in items). Every transfer syntax not listed here is a compressed one, i.e. explicit VR little
 * endian with encapsulated pixel data (PS3.5 A.4), so {@link #of(String)} accepts any UID.
 */
public record TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated,
        boolean encapsulated) {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax(
            "1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", true, true, false, false);
    public static final TransferSyntax JPEG_BASELINE = encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");
    public static final TransferSyntax JPEG_EXTENDED = encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)");
    public static final TransferSyntax JPEG_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)");
    public static final TransferSyntax JPEG_LOSSLESS_SV1 =
            encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1 (Process 14, Selection Value 1)");
    public static final TransferSyntax JPEG_LS_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless");
    public static final TransferSyntax JPEG_LS_NEAR_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless");
    public static final TransferSyntax JPEG_2000_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)");
    public static final TransferSyntax JPEG_2000 = encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000");
    public static final TransferSyntax RLE_LOSSLESS = encapsulated("1.2.840.10008.1.2.5", "RLE Lossless");
    public static final TransferSyntax JPIP_REFERENCED =
            new TransferSyntax("1.2.840.10008.1.2.4.94", "JPIP Referenced", true, false, false, false);
    public static final TransferSyntax JPIP_REFERENCED_DEFLATE =
            new TransferSyntax("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", true, false, true, false);

    private static final Map<String, TransferSyntax> KNOWN = List.of(IMPLICIT_VR_LITTLE_ENDIAN,
            EXPLICIT_VR_LITTLE_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, JPEG_BASELINE,
            JPEG_EXTENDED, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1, JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS,
            JPEG_2000_LOSSLESS, JPEG_2000, RLE_LOSSLESS, JPIP_REFERENCED, JPIP_REFERENCED_DEFLATE).stream()
            .collect(Collectors.toUnmodifiableMap(TransferSyntax::uid, Function.identity()));

    private static TransferSyntax encapsulated(String uid, String name) {
        return new TransferSyntax(uid, name, true, false, false, true);
    }

    /** The transfer syntax of a UID; unknown UIDs are taken as compressed (encapsulated, explicit VR LE). */
    public static TransferSyntax of(String uid) {
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("no transfer syntax UID");
        }
        TransferSyntax known = KNOWN.get(uid.trim());
        return known != null ? known : new TransferSyntax(uid.trim(), uid.trim(), true, false, false, true);
    }

    /** Uncompressed pixel data: the three native syntaxes xdsi can convert between (big endian only as a source). */
    public boolean isNative() {
        return !encapsulated && !deflated && (this.equals(IMPLICIT_VR_LITTLE_ENDIAN)
                || this.equals(EXPLICIT_VR_LITTLE_ENDIAN) || this.equals(EXPLICIT_VR_BIG_ENDIAN));
    }

    @Override
    public String toString() {
        return name + " (" + uid + ")";
    }
}
