package org.xdsi.registry.register;

/**
 * The vendor-shaped sample {@code samples/iti42-SubmitObjectsRequest.xml} of the schemas test jar: one
 * SubmissionSet (top-level classification), one DocumentEntry, one Folder and the SS-DE, SS-FD, FD-DE and SS-HM HasMember associations for patient
 * {@value #PATIENT}.
 */
final class Iti42Sample {
    static final String PATIENT = "1234567^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";
    static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";

    private Iti42Sample() {
    }

    /** The sample message, shipped in the schemas test jar. */
    static String xml() {
        try (java.io.InputStream in = Iti42Sample.class.getResourceAsStream("/samples/iti42-SubmitObjectsRequest.xml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
