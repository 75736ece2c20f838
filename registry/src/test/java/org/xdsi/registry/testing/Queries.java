package org.xdsi.registry.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** AdhocQueryRequest bodies as consumers write them. */
public final class Queries {
    public static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
    public static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
    public static final String GET_FOLDER_AND_CONTENTS = "urn:uuid:b909a503-523d-4517-8acf-8e5834dfc4c7";
    public static final String GET_ALL = "urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3";
    public static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    public static final String DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";

    private Queries() {
    }

    /** Slots in order; a value list is written as given (callers quote). */
    public static String adhoc(String queryId, String returnType, List<Map.Entry<String, String>> slots) {
        StringBuilder sb = new StringBuilder();
        sb.append("<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\"")
                .append(" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">")
                .append("<query:ResponseOption returnComposedObjects=\"true\" returnType=\"").append(returnType).append("\"/>")
                .append("<rim:AdhocQuery id=\"").append(queryId).append("\">");
        for (Map.Entry<String, String> slot : slots) {
            sb.append("<rim:Slot name=\"").append(slot.getKey()).append("\"><rim:ValueList><rim:Value>")
                    .append(escape(slot.getValue())).append("</rim:Value></rim:ValueList></rim:Slot>");
        }
        return sb.append("</rim:AdhocQuery></query:AdhocQueryRequest>").toString();
    }

    public static String findDocuments(String patientId, String returnType, String... statuses) {
        List<Map.Entry<String, String>> slots = new ArrayList<>();
        slots.add(Map.entry("$XDSDocumentEntryPatientId", "'" + patientId + "'"));
        StringBuilder list = new StringBuilder("(");
        for (String s : statuses.length == 0 ? new String[] {APPROVED} : statuses) {
            list.append(list.length() > 1 ? "," : "").append('\'').append(s).append('\'');
        }
        slots.add(Map.entry("$XDSDocumentEntryStatus", list.append(')').toString()));
        return adhoc(FIND_DOCUMENTS, returnType, slots);
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }
}
