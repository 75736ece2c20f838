package org.xdsi.conformance;

import jakarta.xml.bind.JAXBException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.schema.Schemas;

/** Metadata as a Document Repository registers it, and stored queries as Document Consumers send them. */
final class Registry {
    static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";
    static final String SOURCE_ID = "1.3.6.1.4.1.21367.13.40.216";
    static final String REPOSITORY = "1.3.6.1.4.1.21367.13.50.1125";

    static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
    static final String GET_ALL = "urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3";
    static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
    static final String GET_SUBMISSION_SETS = "urn:uuid:51224314-5390-4169-9b91-b1980040715a";
    static final String GET_SUBMISSION_SET_AND_CONTENTS = "urn:uuid:e8e3cb2c-e39c-46b9-99e4-c12f57260b83";
    static final String GET_FOLDER_AND_CONTENTS = "urn:uuid:b909a503-523d-4517-8acf-8e5834dfc4c7";
    static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    static final String DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";

    private Registry() {
    }

    /** A patient id of the affinity domain (CX with the domain's assigning authority). */
    static String patient(String id) {
        return patient(id, DOMAIN);
    }

    static String patient(String id, String domain) {
        return id + "^^^&" + domain + "&ISO";
    }

    static SubmissionBuilder submission(String patientId) {
        return new SubmissionBuilder(patientId, SOURCE_ID)
                .author("^Welby^Marcus^^^Dr", "Springfield Radiology^^^^^^^^^1.3.6.1.4.1.21367.13.70.1")
                .title("Imaging results");
    }

    /** A document with what the repository adds (hash, size, repositoryUniqueId). */
    static DocumentEntryBuilder document(SubmissionBuilder submission, String title) {
        byte[] sha1 = new byte[20];
        ThreadLocalRandom.current().nextBytes(sha1);
        return submission.addDocument().title(title).hashAndSize(HexFormat.of().formatHex(sha1), 4711)
                .repositoryUniqueId(REPOSITORY).serviceTime("20240301080000", "20240301083000");
    }

    /**
     * A document as a Document Source sends it with ITI-41: without hash, size and repositoryUniqueId, which the
     * repository adds.
     */
    static DocumentEntryBuilder sourceDocument(SubmissionBuilder submission, String title, String mimeType) {
        return submission.addDocument().title(title).mimeType(mimeType)
                .serviceTime("20240301080000", "20240301083000");
    }

    /** The value of a DocumentEntry slot (first value), or null. */
    static String slot(org.w3c.dom.Element extrinsicObject, String name) {
        for (org.w3c.dom.Element s : Soap.Reply.childElements(extrinsicObject, "Slot")) {
            if (name.equals(s.getAttribute("name"))) {
                org.w3c.dom.NodeList values = s.getElementsByTagNameNS(Soap.NS_RIM, "Value");
                return values.getLength() == 0 ? null : values.item(0).getTextContent().trim();
            }
        }
        return null;
    }

    static String xml(SubmissionBuilder submission) {
        try {
            return Schemas.marshal(submission.build());
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- ITI-18 bodies ---------------------------------------------------------------------------------------

    static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String list(List<String> values) {
        StringBuilder sb = new StringBuilder("(");
        for (String v : values) {
            sb.append(sb.length() > 1 ? "," : "").append(quoted(v));
        }
        return sb.append(')').toString();
    }

    /** slots: name, value, name, value, ... (values already coded: quoted strings or lists). */
    static String adhoc(String queryId, String returnType, String... slots) {
        StringBuilder sb = new StringBuilder()
                .append("<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\"")
                .append(" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">")
                .append("<query:ResponseOption returnComposedObjects=\"true\" returnType=\"").append(returnType)
                .append("\"/><rim:AdhocQuery id=\"").append(queryId).append("\">");
        for (int i = 0; i < slots.length; i += 2) {
            sb.append("<rim:Slot name=\"").append(slots[i]).append("\"><rim:ValueList><rim:Value>")
                    .append(slots[i + 1].replace("&", "&amp;").replace("<", "&lt;"))
                    .append("</rim:Value></rim:ValueList></rim:Slot>");
        }
        return sb.append("</rim:AdhocQuery></query:AdhocQueryRequest>").toString();
    }

    static String findDocuments(String patientId, String returnType, String... statuses) {
        return adhoc(FIND_DOCUMENTS, returnType, "$XDSDocumentEntryPatientId", quoted(patientId),
                "$XDSDocumentEntryStatus", list(List.of(statuses)));
    }

    static String getAll(String patientId) {
        String approved = list(List.of(APPROVED, DEPRECATED));
        return adhoc(GET_ALL, "LeafClass", "$patientId", quoted(patientId),
                "$XDSDocumentEntryStatus", approved, "$XDSSubmissionSetStatus", approved,
                "$XDSFolderStatus", approved);
    }

    static String getDocumentsByUniqueId(List<String> uniqueIds) {
        return adhoc(GET_DOCUMENTS, "LeafClass", "$XDSDocumentEntryUniqueId", list(uniqueIds));
    }

    static String getSubmissionSets(List<String> entryUuids) {
        return adhoc(GET_SUBMISSION_SETS, "LeafClass", "$uuid", list(entryUuids));
    }

    static String getSubmissionSetAndContents(String submissionSetUniqueId) {
        return adhoc(GET_SUBMISSION_SET_AND_CONTENTS, "LeafClass",
                "$XDSSubmissionSetUniqueId", quoted(submissionSetUniqueId));
    }

    static String getFolderAndContents(String folderUniqueId) {
        return adhoc(GET_FOLDER_AND_CONTENTS, "LeafClass", "$XDSFolderUniqueId", quoted(folderUniqueId));
    }
}
