package org.xdsi.server.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What {@code xdsi publish} and {@code xdsi status} share: the imaging source's admin API at {@code <BASE>/imaging}
 * over HTTP, its JSON answers, and the exit codes (0 ok, 1 failed or held, 2 usage or unreachable).
 */
abstract class ImagingAdminCommand extends ClientCommand {
    static final String DEFAULT_BASE = "http://127.0.0.1:8080/xdsi";

    @Option(names = "--url", paramLabel = "BASE", defaultValue = DEFAULT_BASE,
            description = "Base URL of the running xdsi with the imaging source (default: ${DEFAULT-VALUE}).")
    String base;

    /** The HTTP status and the JSON object answered. */
    record Answer(int status, Map<String, Object> json) {
        String text(String key) {
            Object v = json.get(key);
            return v == null ? null : v.toString();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(String key) {
            Object v = json.get(key);
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        }
    }

    /** Calls {@code <BASE>/imaging<path>}; no answer or an answer that is not the admin API's is exit 2. */
    Answer call(String method, String path) throws InterruptedException {
        URI base = endpoint("--url", this.base.replaceAll("/+$", ""));
        URI uri = URI.create(base + "/imaging" + path);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout()).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout())
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "application/json").build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw transport("cannot connect to " + uri + " (is xdsi running with the imaging source there?)");
        } catch (HttpTimeoutException e) {
            throw transport("no answer from " + uri + " within " + timeoutSeconds + " s");
        } catch (IOException e) {
            throw transport("cannot reach " + uri + ": " + describe(e));
        }
        Object json;
        try {
            json = JsonReader.parse(response.body());
        } catch (IllegalArgumentException e) {
            json = null;
        }
        if (!(json instanceof Map<?, ?>)) {
            throw transport(uri + " answered HTTP " + response.statusCode() + " without the imaging admin API's"
                    + " JSON (is --url the base of an xdsi with the imaging source, e.g. " + DEFAULT_BASE + "?)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) json;
        return new Answer(response.statusCode(), map);
    }

    /** A Study Instance UID argument. */
    static String studyUid(String value) {
        String v = value.trim();
        if (!v.matches("[0-9.]{1,64}")) {
            throw usage("'" + value + "' is not a Study Instance UID (digits and dots, at most 64)");
        }
        return v;
    }

    /** Prints one study's publication state as {@code key value} lines; 1 when it is FAILED or HELD. */
    int printPublication(Map<String, Object> p) {
        line("study", p.get("studyInstanceUid"));
        line("state", p.get("state"));
        line("revision", p.get("studyRevision"));
        line("published-revision", p.get("publishedRevision"));
        line("manifest", p.get("manifestUid"));
        line("entry-uuid", p.get("entryUuid"));
        line("attempts", p.get("attempts"));
        line("next-attempt", p.get("nextAttemptAt"));
        line("published-at", p.get("publishedAt"));
        line("last-error", p.get("lastError"));
        return troubled(p) ? FAILURE : OK;
    }

    static boolean troubled(Map<String, Object> p) {
        return "FAILED".equals(p.get("state")) || "HELD".equals(p.get("state"));
    }

    private void line(String key, Object value) {
        if (value != null) {
            out().println(key + " " + value);
        }
    }
}
