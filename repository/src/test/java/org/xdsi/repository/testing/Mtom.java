package org.xdsi.repository.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * MTOM/XOP messages written byte by byte as other vendors' clients send them, and the multipart answers taken
 * apart, so the tests see exactly what crosses the wire. Buffered: for test-sized documents only.
 */
public final class Mtom {
    public static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String NS_WSA = "http://www.w3.org/2005/08/addressing";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Mtom() {
    }

    /** A MIME part of a request or response. */
    public record Part(Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String contentId() {
            String id = header("content-id");
            return id == null ? null : id.replaceAll("^<|>$", "");
        }
    }

    /** The HTTP answer: status, content type, and the parts (one part for a plain SOAP answer). */
    public record Response(int status, String contentType, List<Part> parts) {
        public String envelope() {
            return parts.get(0).text();
        }

        /** The part whose Content-ID an xop:Include href names ({@code cid:} URL-encoded or not). */
        public Part part(String href) {
            String id = java.net.URLDecoder.decode(href.replaceFirst("^cid:", ""), StandardCharsets.UTF_8);
            return parts.stream().filter(p -> id.equals(p.contentId())).findFirst()
                    .orElseThrow(() -> new AssertionError("no part " + href + " in " + parts.size() + " parts"));
        }
    }

    /** A SOAP 1.2 envelope with the WS-Addressing headers XDS clients send. */
    public static String envelope(String action, String to, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + NS_SOAP + "\" xmlns:a=\"" + NS_WSA + "\">"
                + "<s:Header>"
                + "<a:Action s:mustUnderstand=\"1\">" + action + "</a:Action>"
                + "<a:MessageID>urn:uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>"
                + "<a:To s:mustUnderstand=\"1\">" + to + "</a:To>"
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    /** Builds a multipart/related XOP package: the root part is the envelope, then the given parts. */
    public static final class Builder {
        private final String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        private final String rootId = "0.root." + UUID.randomUUID() + "@example.org";
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private boolean rootWritten;

        public String contentType() {
            return "multipart/related; boundary=\"" + boundary + "\"; type=\"application/xop+xml\"; start=\"<"
                    + rootId + ">\"; start-info=\"application/soap+xml\"";
        }

        /** The MIME boundary, for tests that write their own Content-Type header. */
        public String boundary() {
            return boundary;
        }

        /** The root part's Content-ID (without angle brackets). */
        public String rootId() {
            return rootId;
        }

        public Builder root(String envelope) {
            part(Map.of("Content-Type", "application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"",
                    "Content-Transfer-Encoding", "binary", "Content-ID", "<" + rootId + ">"),
                    envelope.getBytes(StandardCharsets.UTF_8));
            rootWritten = true;
            return this;
        }

        public Builder attachment(String contentId, String contentType, byte[] bytes) {
            if (!rootWritten) {
                throw new IllegalStateException("root first");
            }
            return part(Map.of("Content-Type", contentType, "Content-Transfer-Encoding", "binary", "Content-ID",
                    "<" + contentId + ">"), bytes);
        }

        /** A part with exactly these headers (in this order), for parts other clients write differently. */
        public Builder part(Map<String, String> headers, byte[] body) {
            write("--" + boundary + "\r\n");
            headers.forEach((k, v) -> write(k + ": " + v + "\r\n"));
            write("\r\n");
            out.writeBytes(body);
            write("\r\n");
            return this;
        }

        public byte[] build() {
            write("--" + boundary + "--\r\n");
            return out.toByteArray();
        }

        /** The bytes so far without the closing delimiter: a truncated message. */
        public byte[] truncated(int dropBytes) {
            byte[] all = out.toByteArray();
            return java.util.Arrays.copyOf(all, Math.max(0, all.length - dropBytes));
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The wsa:MessageID of an envelope written by {@link #envelope}. */
    public static String messageId(String envelope) {
        if (envelope == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<a:MessageID>([^<]+)</a:MessageID>")
                .matcher(envelope);
        return m.find() ? m.group(1) : null;
    }

    /** Posts with {@code Transfer-Encoding: chunked} (no Content-Length), in small chunks. */
    public static Response postChunked(String url, String contentType, byte[] body) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setChunkedStreamingMode(1024);
            c.setConnectTimeout(10_000);
            c.setReadTimeout(60_000);
            c.setRequestProperty("Content-Type", contentType);
            try (java.io.OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            java.io.InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            byte[] answer = in == null ? new byte[0] : in.readAllBytes();
            String type = c.getContentType() == null ? "" : c.getContentType();
            return new Response(status, type, parse(type, answer));
        } finally {
            c.disconnect();
        }
    }

    public static Response post(String url, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        String type = r.headers().firstValue("Content-Type").orElse("");
        return new Response(r.statusCode(), type, parse(type, r.body()));
    }

    /** Splits a multipart body on its boundary; a non-multipart body is one part. */
    public static List<Part> parse(String contentType, byte[] body) {
        List<Part> parts = new ArrayList<>();
        String boundary = param(contentType, "boundary");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/") || boundary == null) {
            parts.add(new Part(Map.of("content-type", contentType), body));
            return parts;
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int pos = indexOf(body, delimiter, 0);
        while (pos >= 0) {
            int start = pos + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            start = indexOf(body, "\r\n".getBytes(StandardCharsets.US_ASCII), start) + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, start, headersEnd - start, StandardCharsets.US_ASCII).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), headersEnd + 4);
            if (next < 0) {
                throw new AssertionError("unterminated part");
            }
            parts.add(new Part(headers, java.util.Arrays.copyOfRange(body, headersEnd + 4, next)));
            pos = next + 2;
        }
        return parts;
    }

    static String param(String contentType, String name) {
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
                return t.substring(name.length() + 1).replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
