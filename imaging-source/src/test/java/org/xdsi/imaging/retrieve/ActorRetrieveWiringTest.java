package org.xdsi.imaging.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.imaging.ImagingSourceActor;
import org.xdsi.imaging.ImagingSourceConfig;

/** The actor publishes the retrieve services at the contract's URLs, under the names the launcher prints. */
class ActorRetrieveWiringTest {
    @TempDir
    Path dir;

    @Test
    void retrieveEndpointsAnswerAtTheContractUrls() throws Exception {
        String base = "http://127.0.0.1:" + RetrieveHarness.freePort() + "/xdsi";
        String sourceUid = "1.3.6.1.4.1.21367.13.80.111";
        ImagingSourceConfig config = ImagingSourceConfig.of(dir, sourceUid, "1.3.6.1.4.1.21367.13.20.1000");
        try (ImagingSourceActor actor = ImagingSourceActor.start(config, (submission, documents) -> {
            throw new IllegalStateException("no publication in this test");
        }, base)) {
            Map<String, String> endpoints = actor.endpoints();
            assertEquals(base + "/imaging-source", endpoints.get("imaging-rad69"));
            assertEquals(base + "/wado", endpoints.get("wado-uri"));
            assertEquals(base + "/dicomweb", endpoints.get("wado-rs"));

            Rad69Messages.Exchange x = Rad69Messages.sendMtom(base + "/imaging-source", Rad69Messages.body(
                    List.of(new Rad69Messages.Ref("2.25.1", "2.25.2", "2.25.3", sourceUid)), "1.2.840.10008.1.2.1"));
            x.assertMtomResponse();
            assertEquals("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure", x.status());
            assertEquals("XDSDocumentUniqueIdError", x.errors().get(0).getAttribute("errorCode"));

            Http.Answer wado = Http.get(base + "/wado?requestType=WADO&studyUID=2.25.1&seriesUID=2.25.2"
                    + "&objectUID=2.25.3&contentType=application/dicom");
            assertEquals(404, wado.status(), wado::describe);
            Http.Answer rs = Http.get(base + "/dicomweb/studies/2.25.1/metadata");
            assertEquals(404, rs.status(), rs::describe);
            assertTrue(rs.text().contains("2.25.1"), rs::describe);
        }
    }
}
