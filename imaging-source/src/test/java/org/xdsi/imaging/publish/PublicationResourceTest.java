package org.xdsi.imaging.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin resource at {@code <base>/imaging} over real HTTP. */
class PublicationResourceTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String STUDY = "1.2.826.0.1.3680043.9.7.2002";
    private static final String HELD_STUDY = "1.2.826.0.1.3680043.9.7.2003";

    @TempDir
    Path dir;

    private static HttpResponse<String> send(String method, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void publishAndStatusOverHttp() throws Exception {
        try (XdsSite site = XdsSite.start(dir, true, Duration.ofHours(1), PublicationSettings.defaults())) {
            site.index().ctMrStudy(STUDY, "PID-R", XdsSite.DOMAIN, Instant.now());
            site.index().ctMrStudy(HELD_STUDY, "PID-H", "OTHER", Instant.now());
            String base = site.sourceBase + "/imaging/studies";

            HttpResponse<String> before = send("GET", base + "/" + STUDY);
            assertEquals(200, before.statusCode(), before.body());
            assertTrue(before.body().contains("\"state\":\"PENDING\""), before.body());
            assertTrue(before.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

            HttpResponse<String> published = send("POST", base + "/" + STUDY + "/publish");
            assertEquals(200, published.statusCode(), published.body());
            assertTrue(published.body().contains("\"result\":\"PUBLISHED\""), published.body());
            String manifestUid = site.publisher().status(STUDY).orElseThrow().manifestUid();
            assertTrue(published.body().contains("\"manifestUid\":\"" + manifestUid + "\""), published.body());

            HttpResponse<String> held = send("POST", base + "/" + HELD_STUDY + "/publish");
            assertEquals(409, held.statusCode(), held.body());
            assertTrue(held.body().contains("\"state\":\"HELD\"") && held.body().contains("OTHER"), held.body());

            HttpResponse<String> unknown = send("POST", base + "/1.2.3.999/publish");
            assertEquals(404, unknown.statusCode(), unknown.body());
            assertEquals(404, send("GET", base + "/1.2.3.999").statusCode());
            assertEquals(400, send("GET", base + "/not-a-uid").statusCode());

            HttpResponse<String> list = send("GET", base);
            assertEquals(200, list.statusCode());
            assertTrue(list.body().startsWith("{\"studies\":["), list.body());
            assertTrue(list.body().contains(STUDY) && list.body().contains(HELD_STUDY), list.body());
        }
    }

    @Test
    void aRepositoryFailureIs502() throws Exception {
        try (XdsSite site = XdsSite.registryOnly(dir, true)) {
            site.startSource(Duration.ofHours(1), PublicationSettings.defaults(), site.remoteRepository());
            site.index().ctMrStudy(STUDY, "PID-F", XdsSite.DOMAIN, Instant.now());

            HttpResponse<String> failed = send("POST", site.sourceBase + "/imaging/studies/" + STUDY + "/publish");

            assertEquals(502, failed.statusCode(), failed.body());
            assertTrue(failed.body().contains("\"state\":\"FAILED\"") && failed.body().contains("not reachable"),
                    failed.body());
        }
    }
}
