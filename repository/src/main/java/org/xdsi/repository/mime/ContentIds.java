package org.xdsi.repository.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Content-IDs as MIME headers and {@code cid:} URLs write them (RFC 2392). */
public final class ContentIds {
    private ContentIds() {
    }

    /** Without surrounding angle brackets and {@code cid:} prefix; not decoded. */
    public static String strip(String id) {
        if (id == null) {
            return "";
        }
        String s = id.trim();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.regionMatches(true, 0, "cid:", 0, 4)) {
            s = s.substring(4);
        }
        return s;
    }

    /** %XX decoding only: unlike URLDecoder, a '+' stays a '+' (it is legal in a Content-ID). */
    public static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@link #strip} then {@link #decode}: the Content-ID a header value or {@code cid:} URL names. */
    public static String normalize(String id) {
        return decode(strip(id));
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
