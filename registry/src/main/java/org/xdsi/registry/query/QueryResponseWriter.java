package org.xdsi.registry.query;

import org.xdsi.metadata.Severity;
import org.xdsi.metadata.XdsError;

/**
 * Writes {@code query:AdhocQueryResponse} by string building: stored fragments are copied as they are (each carries its
 * own {@code xmlns:rim}), nothing is parsed or re-marshalled.
 */
public final class QueryResponseWriter {
    static final String NS_QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    static final String NS_RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    static final String NS_RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";

    private QueryResponseWriter() {
    }

    public static String write(QueryResult result) {
        int size = 512;
        for (String f : result.fragments()) {
            size += f.length();
        }
        if (result.objectRef()) {
            size += result.ids().size() * 80;
        }
        StringBuilder sb = new StringBuilder(size);
        write(result, sb);
        return sb.toString();
    }

    public static void write(QueryResult result, StringBuilder sb) {
        sb.append("<query:AdhocQueryResponse xmlns:query=\"").append(NS_QUERY)
                .append("\" xmlns:rim=\"").append(NS_RIM)
                .append("\" xmlns:rs=\"").append(NS_RS)
                .append("\" status=\"").append(result.status()).append("\">");
        if (!result.errors().isEmpty()) {
            boolean anyError = result.errors().stream().anyMatch(XdsError::isError);
            sb.append("<rs:RegistryErrorList highestSeverity=\"")
                    .append(anyError ? Severity.ERROR.urn() : Severity.WARNING.urn()).append("\">");
            for (XdsError e : result.errors()) {
                sb.append("<rs:RegistryError errorCode=\"").append(e.code().name()).append("\" codeContext=\"");
                escape(e.codeContext() == null ? "" : e.codeContext(), sb);
                sb.append("\" severity=\"").append(e.severity().urn()).append('"');
                if (e.location() != null) {
                    sb.append(" location=\"");
                    escape(e.location(), sb);
                    sb.append('"');
                }
                sb.append("/>");
            }
            sb.append("</rs:RegistryErrorList>");
        }
        sb.append("<rim:RegistryObjectList>");
        if (result.objectRef()) {
            for (String id : result.ids()) {
                sb.append("<rim:ObjectRef id=\"");
                escape(id, sb);
                sb.append('"');
                if (result.home() != null) {
                    sb.append(" home=\"");
                    escape(result.home(), sb);
                    sb.append('"');
                }
                sb.append("/>");
            }
        } else {
            for (String f : result.fragments()) {
                sb.append(f);
            }
        }
        sb.append("</rim:RegistryObjectList></query:AdhocQueryResponse>");
    }

    /** Attribute-value escaping; characters XML 1.0 cannot carry become '?'. */
    static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\t' -> sb.append("&#9;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('?');
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            sb.append('?');
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
