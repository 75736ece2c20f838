package org.xdsi.repository.client;

import java.util.Locale;
import java.util.Map;

/** The few MIME types a command line user sends without saying so, guessed from and mapped to file extensions. */
public final class MimeTypes {
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "pdf", "application/pdf",
            "xml", "text/xml",
            "txt", "text/plain",
            "dcm", "application/dicom");

    private static final Map<String, String> EXTENSIONS = Map.of(
            "application/pdf", "pdf",
            "text/xml", "xml",
            "application/xml", "xml",
            "text/plain", "txt",
            "application/dicom", "dcm",
            "image/jpeg", "jpg",
            "image/png", "png",
            "text/html", "html",
            "application/json", "json");

    private MimeTypes() {
    }

    /** pdf, xml (text/xml), txt, dcm (application/dicom); anything else is application/octet-stream. */
    public static String forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return OCTET_STREAM;
        }
        return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
    }

    /** The usual file extension of a MIME type (parameters ignored); {@code bin} when unknown. */
    public static String extension(String mimeType) {
        if (mimeType == null) {
            return "bin";
        }
        int semi = mimeType.indexOf(';');
        String type = (semi < 0 ? mimeType : mimeType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return EXTENSIONS.getOrDefault(type, "bin");
    }
}
