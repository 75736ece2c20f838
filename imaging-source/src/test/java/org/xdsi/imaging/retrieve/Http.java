package org.xdsi.imaging.retrieve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain HTTP client for the tests and a reader of multipart/related answers (buffered: test sizes only). */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        List<Part> parts() {
            return Http.parts(contentType, body);
        }

        String describe() {
            return status + " " + contentType + " " + (contentType != null && contentType.startsWith("text")
                    ? text() : body.length + " bytes");
        }
    }

    record Part(Map<String, String> headers, byte[] body) {
        String contentType() {
            return headers.get("content-type");
        }
    }

    private Http() {
    }

    static Answer get(String url, String... headerPairs) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i < headerPairs.length; i += 2) {
            b.header(headerPairs[i], headerPairs[i + 1]);
        }
        return send(b.build());
    }

    static Answer post(String url, String contentType, byte[] body, String... headerPairs)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headerPairs.length; i += 2) {
            b.header(headerPairs[i], headerPairs[i + 1]);
        }
        return send(b.build());
    }

    private static Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    /** Splits a multipart body at its boundary (RFC 2046): each part's headers (lower-case names) and bytes. */
    static List<Part> parts(String contentType, byte[] body) {
        Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (!m.find()) {
            throw new AssertionError("no boundary in " + contentType);
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new AssertionError("no delimiter in the body");
        }
        while (true) {
            int after = pos + delimiter.length;
            if (body.length >= after + 2 && body[after] == '-' && body[after + 1] == '-') {
                return parts;
            }
            int headersStart = after + 2; // CRLF after the delimiter
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, headersStart, headersEnd - headersStart, StandardCharsets.US_ASCII)
                    .split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            int next = indexOf(body, ("\r\n" + new String(delimiter, StandardCharsets.US_ASCII))
                    .getBytes(StandardCharsets.US_ASCII), headersEnd + 4);
            if (next < 0) {
                throw new AssertionError("unterminated part");
            }
            parts.add(new Part(headers, Arrays.copyOfRange(body, headersEnd + 4, next)));
            pos = next + 2;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
