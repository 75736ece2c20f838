package org.xdsi.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.metadata.model.Code;
import org.xdsi.repository.client.DocumentFile;
import org.xdsi.repository.client.FileDigest;
import org.xdsi.repository.client.MimeTypes;
import org.xdsi.repository.client.RepositoryClient;
import org.xdsi.schema.rs.RegistryResponseType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xdsi submit}: ITI-41 Provide and Register Document Set-b, as a Document Source. */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends files to a Document Repository (ITI-41 Provide and Register Document Set-b, SOAP 1.2 +"
                + " MTOM): one SubmissionSet with one DocumentEntry per file. Files are streamed, not loaded.",
                "Prints 'submission-set-unique-id', then per document 'document-unique-id', 'file', 'mime-type',"
                        + " 'size', 'sha1', then 'status' (and 'error'/'warning' lines).",
                "Codes are code^codingScheme^displayName. Defaults: classCode/typeCode 18748-4 (LOINC, Diagnostic"
                        + " imaging study), formatCode by MIME type (XDS-SD PDF/text, else urn:ihe:iti:xds:2017:"
                        + "mimeTypeSufficient), confidentiality N, facility RADDX, practice setting Radiology."},
        footer = {"", "Exit status: 0 Success, 1 Failure (errors printed), 2 usage or transport error.",
                "Example: xdsi submit --repository http://127.0.0.1:8080/xdsi/repository"
                        + " --patient '1234567^^^&1.3.6.1.4.1.21367.13.20.1000&ISO' report.pdf"})
public final class SubmitCommand extends ClientCommand {
    /**
     * The sourceId of submissions made with this command when --source-id is not given: the 2.25 OID of the
     * name-based UUID of "org.xdsi:xdsi-submit" (the same on every installation).
     */
    public static final String DEFAULT_SOURCE_ID = "2.25.188295047019616095221182282834844914734";

    static final Code FORMAT_PDF = new Code("urn:ihe:iti:xds-sd:pdf:2008", "1.3.6.1.4.1.19376.1.2.3",
            "Scanned Documents (PDF)");
    static final Code FORMAT_TEXT = new Code("urn:ihe:iti:xds-sd:text:2008", "1.3.6.1.4.1.19376.1.2.3",
            "Scanned Documents (text)");
    static final Code FORMAT_MIME_TYPE_SUFFICIENT = new Code("urn:ihe:iti:xds:2017:mimeTypeSufficient",
            "1.3.6.1.4.1.19376.1.2.3", "mimeType Sufficient");

    @Option(names = "--repository", required = true, paramLabel = "URL",
            description = "ITI-41 endpoint of the repository (e.g. the 'endpoint repository' line of xdsi run).")
    String repository;

    @Option(names = "--patient", required = true, paramLabel = "PID",
            description = "Patient ID of the affinity domain: id^^^&OID&ISO (or a bare id with --domain).")
    String patient;

    @Option(names = "--domain", paramLabel = "OID", description = "Assigning authority for a bare --patient id.")
    String domain;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Documents to submit, one DocumentEntry each.")
    List<Path> files;

    @Option(names = "--mime-type", paramLabel = "TYPE",
            description = "MIME type of every file (default: by extension: pdf, xml = text/xml, txt, dcm ="
                    + " application/dicom, else application/octet-stream).")
    String mimeType;

    @Option(names = "--title", paramLabel = "TEXT", description = "Document title (default: the file name).")
    String title;

    @Option(names = "--class-code", paramLabel = "CODE", description = "classCode, code^codingScheme^displayName.")
    String classCode;

    @Option(names = "--type-code", paramLabel = "CODE", description = "typeCode.")
    String typeCode;

    @Option(names = "--format-code", paramLabel = "CODE", description = "formatCode.")
    String formatCode;

    @Option(names = "--confidentiality", paramLabel = "CODE",
            description = "confidentialityCode; repeat for several (default: N^2.16.840.1.113883.5.25^Normal).")
    List<String> confidentiality;

    @Option(names = "--healthcare-facility-type-code", paramLabel = "CODE", description = "healthcareFacilityTypeCode.")
    String facilityTypeCode;

    @Option(names = "--practice-setting-code", paramLabel = "CODE", description = "practiceSettingCode.")
    String practiceSettingCode;

    @Option(names = "--author-person", paramLabel = "XCN", description = "Author person, e.g. ^Welby^Marcus^^^Dr.")
    String authorPerson;

    @Option(names = "--author-institution", paramLabel = "XON",
            description = "Author institution, e.g. 'Some Hospital^^^^^^^^^1.2.3.4'.")
    String authorInstitution;

    @Option(names = "--source-id", paramLabel = "OID",
            description = "SubmissionSet sourceId (default: " + DEFAULT_SOURCE_ID + ").")
    String sourceId;

    @Override
    int execute() throws Exception {
        RepositoryClient client = new RepositoryClient(endpoint("--repository", repository), timeout());
        String pid = patientId("--patient", patient, domain);
        String source = sourceId == null ? DEFAULT_SOURCE_ID : oid("--source-id", sourceId);
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw usage(f + ": no such file");
            }
            if (!Files.isReadable(f)) {
                throw usage(f + ": not readable");
            }
        }
        if (title != null && title.length() >= 128) {
            throw usage("--title must be shorter than 128 characters");
        }

        SubmissionBuilder submission = new SubmissionBuilder(pid, source);
        if (authorPerson != null || authorInstitution != null) {
            submission.author(authorPerson, authorInstitution);
        }
        List<DocumentFile> documents = new ArrayList<>();
        List<Submitted> submitted = new ArrayList<>();
        for (Path f : files) {
            String type = mimeType != null ? mimeType.trim() : MimeTypes.forFileName(f.getFileName().toString());
            FileDigest digest = FileDigest.of(f); // sent as hash/size: the repository checks what it receives
            DocumentEntryBuilder d = submission.addDocument().mimeType(type).title(title(f))
                    .hashAndSize(digest.sha1(), digest.size())
                    .formatCode(formatCode != null ? code("--format-code", formatCode) : defaultFormat(type));
            if (authorPerson != null || authorInstitution != null) {
                d.author(authorPerson, authorInstitution);
            }
            if (classCode != null) {
                d.classCode(code("--class-code", classCode));
            }
            if (typeCode != null) {
                d.typeCode(code("--type-code", typeCode));
            }
            if (facilityTypeCode != null) {
                d.healthcareFacilityTypeCode(code("--healthcare-facility-type-code", facilityTypeCode));
            }
            if (practiceSettingCode != null) {
                d.practiceSettingCode(code("--practice-setting-code", practiceSettingCode));
            }
            if (confidentiality != null && !confidentiality.isEmpty()) {
                d.confidentialityCodes(confidentiality.stream().map(c -> code("--confidentiality", c))
                        .toArray(Code[]::new));
            }
            documents.add(new DocumentFile(d.id(), f, type));
            submitted.add(new Submitted(d.uniqueIdValue(), f, type, digest));
        }

        RegistryResponseType response = client.provideAndRegisterOrThrow(submission.build(), documents);
        PrintWriter out = out();
        boolean success = isSuccess(response.getStatus());
        if (success) {
            out.println("submission-set-unique-id " + submission.uniqueId());
            for (Submitted s : submitted) {
                out.println("document-unique-id " + s.uniqueId());
                out.println("file " + s.file());
                out.println("mime-type " + s.mimeType());
                out.println("size " + s.digest().size());
                out.println("sha1 " + s.digest().sha1());
            }
        }
        printErrors(out, errors(response.getRegistryErrorList()));
        out.println("status " + statusName(response.getStatus()));
        return success ? OK : FAILURE;
    }

    private String title(Path f) {
        if (title != null) {
            return title;
        }
        String name = f.getFileName().toString();
        return name.length() < 128 ? name : name.substring(0, 127);
    }

    static Code defaultFormat(String mimeType) {
        return switch (mimeType.toLowerCase(java.util.Locale.ROOT)) {
            case "application/pdf" -> FORMAT_PDF;
            case "text/plain" -> FORMAT_TEXT;
            default -> FORMAT_MIME_TYPE_SUFFICIENT;
        };
    }

    private record Submitted(String uniqueId, Path file, String mimeType, FileDigest digest) {
    }
}
