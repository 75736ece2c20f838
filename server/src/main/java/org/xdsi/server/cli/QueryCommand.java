package org.xdsi.server.cli;

import jakarta.xml.bind.JAXBElement;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamResult;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.ebrim.EbrimReader;
import org.xdsi.metadata.model.DocumentEntry;
import org.xdsi.registry.client.SoapRegistryClient;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.query.AdhocQueryResponse;
import org.xdsi.schema.query.ResponseOptionType;
import org.xdsi.schema.rim.AdhocQueryType;
import org.xdsi.schema.rim.ExtrinsicObjectType;
import org.xdsi.schema.rim.IdentifiableType;
import org.xdsi.schema.rim.SlotType1;
import org.xdsi.schema.rim.ValueListType;
import org.xdsi.schema.rs.RegistryError;
import picocli.CommandLine.Command;
import org.xml.sax.InputSource;
import picocli.CommandLine.Option;

/** {@code xdsi query}: ITI-18 FindDocuments (LeafClass), as a Document Consumer. */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds a patient's documents in a Document Registry (ITI-18 Registry Stored Query"
                + " FindDocuments, LeafClass).",
                "Prints a table: UNIQUE-ID TITLE MIME-TYPE CREATION-TIME STATUS REPOSITORY-UNIQUE-ID SIZE (empty"
                        + " values as '-'), or with --xml the registry's rim:AdhocQueryResponse. When the status is"
                        + " not Success, 'error'/'warning' lines and 'status' follow.",
                "Repeated code options are ORed (code^codingScheme, or code^^codingScheme)."},
        footer = {"", "Exit status: 0 Success (also with no documents), 1 Failure or PartialSuccess (errors printed),"
                + " 2 usage or transport error."})
public final class QueryCommand extends ClientCommand {
    static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";

    @Option(names = "--registry", required = true, paramLabel = "URL",
            description = "ITI-18 endpoint of the registry (e.g. the 'endpoint registry' line of xdsi run).")
    String registry;

    @Option(names = "--patient", required = true, paramLabel = "PID",
            description = "Patient ID of the affinity domain: id^^^&OID&ISO (or a bare id with --domain).")
    String patient;

    @Option(names = "--domain", paramLabel = "OID", description = "Assigning authority for a bare --patient id.")
    String domain;

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "approved",
            description = "approved, deprecated or all (default: ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--class-code", paramLabel = "CODE", description = "classCode (repeatable).")
    List<String> classCodes;

    @Option(names = "--type-code", paramLabel = "CODE", description = "typeCode (repeatable).")
    List<String> typeCodes;

    @Option(names = "--format-code", paramLabel = "CODE", description = "formatCode (repeatable).")
    List<String> formatCodes;

    @Option(names = "--from", paramLabel = "DTM", description = "creationTime at or after (YYYY[MM[DD[hh[mm[ss]]]]]).")
    String from;

    @Option(names = "--to", paramLabel = "DTM", description = "creationTime before (YYYY[MM[DD[hh[mm[ss]]]]]).")
    String to;

    @Option(names = "--xml", description = "Print the AdhocQueryResponse as XML instead of a table.")
    boolean xml;

    @Override
    int execute() throws Exception {
        URI endpoint = endpoint("--registry", registry);
        SoapRegistryClient client = new SoapRegistryClient(endpoint, timeout());
        AdhocQueryResponse response = client.query(request());
        List<RegistryError> errors = errors(response.getRegistryErrorList());
        PrintWriter out = out();
        boolean success = isSuccess(response.getStatus());
        if (xml) {
            out.println(indent(Schemas.marshal(response)));
        } else {
            if (success || isPartialSuccess(response.getStatus())) {
                table(out, entries(response));
            }
            if (!success) {
                printErrors(out, errors);
                out.println("status " + statusName(response.getStatus()));
            }
        }
        return success ? OK : FAILURE;
    }

    AdhocQueryRequest request() {
        String pid = patientId("--patient", patient, domain);
        AdhocQueryType query = new AdhocQueryType();
        query.setId(FIND_DOCUMENTS);
        slot(query, "$XDSDocumentEntryPatientId", quote(pid));
        List<String> statuses = switch (status.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "approved" -> List.of(Vocabulary.STATUS_APPROVED);
            case "deprecated" -> List.of(Vocabulary.STATUS_DEPRECATED);
            case "all" -> List.of(Vocabulary.STATUS_APPROVED, Vocabulary.STATUS_DEPRECATED);
            default -> throw usage("--status must be approved, deprecated or all, not '" + status + "'");
        };
        slot(query, "$XDSDocumentEntryStatus", list(statuses));
        codes(query, "$XDSDocumentEntryClassCode", "--class-code", classCodes);
        codes(query, "$XDSDocumentEntryTypeCode", "--type-code", typeCodes);
        codes(query, "$XDSDocumentEntryFormatCode", "--format-code", formatCodes);
        if (from != null) {
            slot(query, "$XDSDocumentEntryCreationTimeFrom", dtm("--from", from));
        }
        if (to != null) {
            slot(query, "$XDSDocumentEntryCreationTimeTo", dtm("--to", to));
        }
        ResponseOptionType option = new ResponseOptionType();
        option.setReturnType("LeafClass");
        option.setReturnComposedObjects(true);
        AdhocQueryRequest request = new AdhocQueryRequest();
        request.setResponseOption(option);
        request.setAdhocQuery(query);
        return request;
    }

    private static void codes(AdhocQueryType query, String parameter, String option, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        List<String> coded = new ArrayList<>();
        for (String v : values) {
            coded.add(code(option, v).queryForm());
        }
        slot(query, parameter, list(coded));
    }

    private static void slot(AdhocQueryType query, String name, String value) {
        SlotType1 slot = new SlotType1();
        slot.setName(name);
        ValueListType values = new ValueListType();
        values.getValue().add(value);
        slot.setValueList(values);
        query.getSlot().add(slot);
    }

    /** A stored-query string: single quotes, embedded quotes doubled (digest §4.1). */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String list(List<String> values) {
        StringBuilder sb = new StringBuilder("(");
        for (String v : values) {
            sb.append(sb.length() > 1 ? "," : "").append(quote(v));
        }
        return sb.append(')').toString();
    }

    private static List<DocumentEntry> entries(AdhocQueryResponse response) {
        List<DocumentEntry> entries = new ArrayList<>();
        if (response.getRegistryObjectList() == null) {
            return entries;
        }
        for (JAXBElement<? extends IdentifiableType> e : response.getRegistryObjectList().getIdentifiable()) {
            if (e != null && e.getValue() instanceof ExtrinsicObjectType eo) {
                entries.add(EbrimReader.readDocumentEntry(eo));
            }
        }
        return entries;
    }

    private static void table(PrintWriter out, List<DocumentEntry> entries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"UNIQUE-ID", "TITLE", "MIME-TYPE", "CREATION-TIME", "STATUS", "REPOSITORY-UNIQUE-ID",
                "SIZE"});
        for (DocumentEntry d : entries) {
            rows.add(new String[] {cell(d.uniqueId()), cell(d.title()), cell(d.mimeType()), cell(d.creationTime()),
                    cell(d.status() == null ? null : statusName(d.status())), cell(d.repositoryUniqueId()),
                    cell(d.size())});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                sb.append(row[i]);
                if (i < row.length - 1) {
                    sb.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.println(sb);
        }
    }

    /** A table cell: one line, '-' when empty. */
    private static String cell(String value) {
        return value == null || value.isBlank() ? "-" : oneLine(value);
    }

    private static String indent(String xml) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer t = factory.newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes"); // written below, with its line end
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter w = new StringWriter();
            t.transform(new SAXSource(Schemas.secureXmlReader(), new InputSource(new StringReader(xml))),
                    new StreamResult(w));
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + System.lineSeparator() + w.toString().strip();
        } catch (Exception | javax.xml.transform.TransformerFactoryConfigurationError e) {
            return xml; // unindented is still XML
        }
    }
}
