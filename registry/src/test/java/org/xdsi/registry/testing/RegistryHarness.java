package org.xdsi.registry.testing;

import jakarta.xml.bind.JAXBException;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.registry.RegistryActor;
import org.xdsi.registry.RegistryConfig;
import org.xdsi.schema.Schemas;

/** A real registry on loopback ports with a fresh database, and a SOAP client for it. */
public final class RegistryHarness implements AutoCloseable {
    public static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";
    public static final String SOURCE_ID = "1.3.6.1.4.1.21367.13.40.999";
    public static final String REPOSITORY = "1.3.6.1.4.1.21367.13.50.1";

    public final RegistryActor registry;
    public final SoapClient soap;

    private RegistryHarness(RegistryActor registry) {
        this.registry = registry;
        this.soap = new SoapClient(registry.endpointUrl());
    }

    public static RegistryHarness start(String databaseKind) {
        return start(RegistryConfig.embedded(TestDatabases.url(databaseKind), DOMAIN));
    }

    public static RegistryHarness start(RegistryConfig config) {
        String base = "http://127.0.0.1:" + TestDatabases.freePort() + "/xdsi";
        return new RegistryHarness(RegistryActor.start(config, base, "127.0.0.1", 0));
    }

    /** A patient id of the affinity domain, registered as if fed by ITI-8. */
    public String fedPatient(String id) {
        String pid = patient(id);
        registry.local().patients().register(pid);
        return pid;
    }

    public static String patient(String id) {
        return id + "^^^&" + DOMAIN + "&ISO";
    }

    /** A submission builder for the patient whose documents carry what a repository adds (hash, size, repository). */
    public static SubmissionBuilder submission(String patientId) {
        return new SubmissionBuilder(patientId, SOURCE_ID).author("^Welby^Marcus^^^Dr", "Some Hospital^^^^^^^^^1.2.3.4.5");
    }

    /** Adds a document carrying what a repository puts in (hash, size, repositoryUniqueId). */
    public static DocumentEntryBuilder document(SubmissionBuilder submission) {
        byte[] random = new byte[20];
        new java.util.Random().nextBytes(random);
        return submission.addDocument().hashAndSize(java.util.HexFormat.of().formatHex(random), 1234)
                .repositoryUniqueId(REPOSITORY);
    }

    public static String xml(Object jaxb) {
        try {
            return Schemas.marshal(jaxb);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        registry.close();
    }
}
