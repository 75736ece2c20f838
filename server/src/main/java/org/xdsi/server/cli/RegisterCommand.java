package org.xdsi.server.cli;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stax.StAXSource;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.registry.client.SoapRegistryClient;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rim.ExternalIdentifierType;
import org.xdsi.schema.rim.ExtrinsicObjectType;
import org.xdsi.schema.rim.IdentifiableType;
import org.xdsi.schema.rim.RegistryPackageType;
import org.xdsi.schema.rs.RegistryError;
import org.xdsi.schema.rs.RegistryResponseType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xdsi register}: ITI-42 Register Document Set-b from a file, as a Document Repository would send it. */
@Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Registers metadata with a Document Registry (ITI-42 Register Document Set-b, SOAP 1.2).",
                "FILE holds an lcm:SubmitObjectsRequest, bare or inside a SOAP envelope (such as"
                        + " docs/examples/iti42-register.xml). The DocumentEntries need hash, size and"
                        + " repositoryUniqueId, as a repository sends them.",
                "Prints 'submission-set-unique-id' and 'document-unique-id' lines of the request on Success, then"
                        + " 'status' (and 'error'/'warning' lines)."},
        footer = {"", "Exit status: 0 Success, 1 Failure (errors printed), 2 usage or transport error."})
public final class RegisterCommand extends ClientCommand {

    @Option(names = "--registry", required = true, paramLabel = "URL",
            description = "ITI-42 endpoint of the registry (e.g. the 'endpoint registry' line of xdsi run).")
    String registry;

    @Parameters(index = "0", paramLabel = "FILE", description = "The SubmitObjectsRequest (XML).")
    Path file;

    @Override
    int execute() throws Exception {
        URI endpoint = endpoint("--registry", registry);
        SoapRegistryClient client = new SoapRegistryClient(endpoint, timeout());
        SubmitObjectsRequest request = read(file);
        RegistryResponseType response = client.register(request);
        List<RegistryError> errors = errors(response.getRegistryErrorList());
        PrintWriter out = out();
        boolean success = isSuccess(response.getStatus());
        if (success) {
            for (String id : identifiers(request, RegistryPackageType.class, Vocabulary.SS_UNIQUE_ID)) {
                out.println("submission-set-unique-id " + id);
            }
            for (String id : identifiers(request, ExtrinsicObjectType.class, Vocabulary.DE_UNIQUE_ID)) {
                out.println("document-unique-id " + id);
            }
        }
        printErrors(out, errors);
        out.println("status " + statusName(response.getStatus()));
        return success ? OK : FAILURE;
    }

    /** The request in {@code file}: a bare lcm:SubmitObjectsRequest or the body of a SOAP envelope. */
    static SubmitObjectsRequest read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw usage(file + ": no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = Schemas.secureInputFactory().createXMLStreamReader(in);
            while (r.next() != XMLStreamConstants.START_ELEMENT) {
                if (r.getEventType() == XMLStreamConstants.DTD) {
                    throw usage(file + ": a DOCTYPE is not allowed");
                }
            }
            if ("Envelope".equals(r.getLocalName())) {
                String soap = r.getNamespaceURI();
                boolean inBody = false;
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if ("Body".equals(r.getLocalName()) && soap.equals(r.getNamespaceURI())) {
                        inBody = r.nextTag() == XMLStreamConstants.START_ELEMENT;
                        break;
                    }
                    skip(r);
                }
                if (!inBody) {
                    throw usage(file + ": the SOAP envelope has no body element");
                }
            }
            if (!"SubmitObjectsRequest".equals(r.getLocalName()) || !Schemas.NS_LCM.equals(r.getNamespaceURI())) {
                throw usage(file + ": expected an lcm:SubmitObjectsRequest ({" + Schemas.NS_LCM
                        + "}SubmitObjectsRequest), found " + r.getName());
            }
            Object o = Schemas.unmarshal(new StAXSource(r));
            Object value = o instanceof JAXBElement<?> e ? e.getValue() : o;
            return (SubmitObjectsRequest) value;
        } catch (XMLStreamException | JAXBException e) {
            String why = e instanceof JAXBException j && j.getLinkedException() != null
                    ? describe(j.getLinkedException()) : describe(e);
            throw usage(file + ": not readable XML: " + why);
        } catch (java.io.IOException e) {
            throw usage(file + ": " + describe(e));
        }
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        for (int depth = 1; depth > 0; ) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static List<String> identifiers(SubmitObjectsRequest request, Class<?> type, String scheme) {
        List<String> ids = new ArrayList<>();
        if (request.getRegistryObjectList() == null) {
            return ids;
        }
        for (JAXBElement<? extends IdentifiableType> e : request.getRegistryObjectList().getIdentifiable()) {
            if (e != null && type.isInstance(e.getValue())
                    && e.getValue() instanceof org.xdsi.schema.rim.RegistryObjectType o) {
                for (ExternalIdentifierType x : o.getExternalIdentifier()) {
                    if (scheme.equals(x.getIdentificationScheme()) && x.getValue() != null) {
                        ids.add(x.getValue().trim());
                    }
                }
            }
        }
        return ids;
    }
}
