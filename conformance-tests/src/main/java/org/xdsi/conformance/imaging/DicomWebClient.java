package org.xdsi.conformance.imaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.xdsi.repository.mime.MultipartStream;

/**
 * A DICOMweb and WADO-URI user agent on the wire: STOW-RS stores (multipart/related; type="application/dicom",
 * files streamed from disk), WADO-RS retrieves (the multipart answer read part by part with the repository's
 * {@link MultipartStream}, never whole in memory) and WADO-URI GETs. Asserts nothing: callers judge the answers.
 */
public final class DicomWebClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;

    public DicomWebClient(Duration timeout) {
        this.timeout = timeout;
    }

    /** One part of a STOW-RS request: its Content-Type and its body. */
    public record Part(String contentType, BodyPublisher body) {
        public static Part file(Path file) {
            try {
                return new Part("application/dicom", BodyPublishers.ofFile(file));
            } catch (java.io.FileNotFoundException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Part bytes(String contentType, byte[] bytes) {
            return new Part(contentType, BodyPublishers.ofByteArray(bytes));
        }
    }

    /** An answer with a small body (STOW-RS responses, errors). */
    public record Answer(int status, String contentType, String body) {
    }

    /** STOW-RS: POST {@code url} ({@code .../studies} or {@code .../studies/{uid}}) with the files as parts. */
    public Answer stow(String url, List<Path> files) {
        List<Part> parts = new ArrayList<>();
        for (Path f : files) {
            parts.add(Part.file(f));
        }
        return stowParts(url, parts, "application/dicom");
    }

    /** STOW-RS with arbitrary parts and the given {@code type} parameter of the request. */
    public Answer stowParts(String url, List<Part> parts, String type) {
        String boundary = "stow_" + UUID.randomUUID().toString().replace("-", "");
        List<BodyPublisher> body = new ArrayList<>();
        for (Part p : parts) {
            body.add(ascii("--" + boundary + "\r\nContent-Type: " + p.contentType() + "\r\n\r\n"));
            body.add(p.body());
            body.add(ascii("\r\n"));
        }
        body.add(ascii("--" + boundary + "--\r\n"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "multipart/related; type=\"" + type + "\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(BodyPublishers.concat(body.toArray(BodyPublisher[]::new))).build();
        return small(request);
    }

    private static BodyPublisher ascii(String s) {
        return BodyPublishers.ofByteArray(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Receives the parts of a multipart answer one by one; the stream is valid during the call only. */
    public interface PartHandler {
        void part(Map<String, String> headers, InputStream body) throws IOException;
    }

    /**
     * WADO-RS retrieve of a study, series or instance, {@code accept} e.g.
     * {@code multipart/related; type="application/dicom"; transfer-syntax=*} (the stored encoding).
     * Returns the HTTP status and content type; on 200 each part goes to {@code handler}, otherwise the body (an
     * error text) is in {@link Answer#body()}.
     */
    public Answer wadoRs(String url, String accept, PartHandler handler) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", accept).GET().build();
        HttpResponse<InputStream> r = sendStream(request);
        String type = r.headers().firstValue("Content-Type").orElse("");
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                return new Answer(r.statusCode(), type, new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8));
            }
            String boundary = parameter(type, "boundary");
            if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/related") || boundary == null) {
                throw new IOException("WADO-RS answer is not multipart/related with a boundary: " + type);
            }
            MultipartStream parts = new MultipartStream(in, boundary);
            while (parts.next()) {
                handler.part(parts.headers(), parts.body());
            }
            if (!parts.isComplete()) {
                throw new IOException("WADO-RS multipart answer ended without its close delimiter");
            }
            return new Answer(200, type, "");
        }
    }

    /** WADO-URI GET of {@code base?params}; the caller reads (and closes) the body. */
    public HttpResponse<InputStream> wadoUri(String base, Map<String, String> params, String accept) {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            q.append(q.length() == 0 ? "?" : "&").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + q)).timeout(timeout).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return sendStream(b.build());
    }

    /** The WADO-URI parameters of one object, plus {@code more} (name, value, name, value ...). */
    public static Map<String, String> wadoParams(String study, String series, String object, String... more) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("requestType", "WADO");
        p.put("studyUID", study);
        p.put("seriesUID", series);
        p.put("objectUID", object);
        for (int i = 0; i + 1 < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    /** A GET answered with a small body (admin REST, errors). */
    public Answer get(String url, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return small(b.build());
    }

    public Answer post(String url) {
        return small(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).POST(BodyPublishers.noBody()).build());
    }

    private Answer small(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + request.uri(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        }
    }

    private HttpResponse<InputStream> sendStream(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + request.uri(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        }
    }

    /** A parameter of a Content-Type value (quotes removed), or null. */
    public static String parameter(String contentType, String name) {
        for (String p : contentType.split(";")) {
            String t = p.trim();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(name)) {
                return t.substring(eq + 1).trim().replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }
}
