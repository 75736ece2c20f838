package org.xdsi.imaging.stow;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A multipart/related body built in memory for the tests (the service itself never holds one). */
final class Multipart {
    static final String BOUNDARY = "stow-test-boundary-1234";

    private record Part(String contentType, byte[] body) {
    }

    private final List<Part> parts = new ArrayList<>();

    Multipart dicom(byte[] body) {
        return part("application/dicom", body);
    }

    Multipart part(String contentType, byte[] body) {
        parts.add(new Part(contentType, body));
        return this;
    }

    static String contentType() {
        return "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            write(out, "--" + BOUNDARY + "\r\n");
            if (p.contentType() != null) {
                write(out, "Content-Type: " + p.contentType() + "\r\n");
            }
            write(out, "\r\n");
            out.writeBytes(p.body());
            write(out, "\r\n");
        }
        write(out, "--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
