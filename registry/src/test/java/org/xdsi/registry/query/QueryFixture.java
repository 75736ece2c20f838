package org.xdsi.registry.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.registry.store.EbrimCodec;
import org.xdsi.registry.store.ValueAttribute;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.query.AdhocQueryRequest;

/**
 * A small registry written with plain SQL, the way SubmissionWriter lays out rows (codes as {@code code^^scheme},
 * times padded to 14 digits, XML without status/home), plus an AdhocQueryRequest builder.
 *
 * <pre>
 * P1: SS1 {D1, D2, F1 (holds D1, D2)}, XFRM D2->D1
 *     SS2 {D3 (Deprecated, replaced by D4), D4 (no creationTime), D5 (On-Demand), F2}, RPLC D4->D3
 * P2: SS3 {D6}
 * P3: merged into P1 (no objects)
 * </pre>
 */
public final class QueryFixture {
    static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";
    static final String P1 = "pat1^^^&" + DOMAIN + "&ISO";
    static final String P2 = "pat2^^^&" + DOMAIN + "&ISO";
    static final String P3 = "pat3^^^&" + DOMAIN + "&ISO";
    static final String UNKNOWN = "nobody^^^&" + DOMAIN + "&ISO";
    static final String HOME = "urn:oid:1.2.3.4.5.6";

    static final String SS1 = id("5501");
    static final String SS2 = id("5502");
    static final String SS3 = id("5503");
    static final String D1 = id("d001");
    static final String D2 = id("d002");
    static final String D3 = id("d003");
    static final String D4 = id("d004");
    static final String D5 = id("d005");
    static final String D6 = id("d006");
    static final String F1 = id("f001");
    static final String F2 = id("f002");
    // associations
    static final String A_SS1_D1 = id("a101");
    static final String A_SS1_D2 = id("a102");
    static final String A_SS1_F1 = id("a103");
    static final String A_F1_D1 = id("a104");
    static final String A_F1_D2 = id("a105");
    static final String A_SS1_AF1D1 = id("a106");
    static final String A_SS1_AF1D2 = id("a107");
    static final String A_XFRM_D2_D1 = id("a108");
    static final String A_SS2_D3 = id("a201");
    static final String A_SS2_D4 = id("a202");
    static final String A_SS2_D5 = id("a203");
    static final String A_SS2_F2 = id("a204");
    static final String A_RPLC_D4_D3 = id("a205");
    static final String A_SS3_D6 = id("a301");

    static final String REF_HOSTILE = "x'; DROP TABLE document_entry; --%";

    private QueryFixture() {
    }

    static String id(String tag) {
        return "urn:uuid:0000" + tag + "-0000-4000-8000-000000000000";
    }

    static void load(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            patient(c, P1, null);
            patient(c, P2, null);
            patient(c, P3, P1);
            ss(c, SS1, P1, 1, "1.2.840.1.1", "1.9.9", 20240101120000L, "ct1^^LN");
            ss(c, SS2, P1, 1, "1.2.840.1.2", "1.9.8", 20240201120000L, "ct2^^LN");
            ss(c, SS3, P2, 1, "1.2.840.1.3", "1.9.9", 20240301120000L, "ct1^^LN");
            value(c, P1, ValueAttribute.SS_AUTHOR_PERSON, "^Welby^Marcus^^^Dr", SS1);
            value(c, P1, ValueAttribute.SS_AUTHOR_PERSON, "^O'Brien^Pat", SS2);
            value(c, P2, ValueAttribute.SS_AUTHOR_PERSON, "^Welby^Marcus^^^Dr", SS3);

            de(c, D1, P1, 1, "1.2.840.2.1", 1, "c1^^S", "t1^^S", "f1^^S", "h1^^S", "p1^^S",
                    20240101000000L, 20231201000000L, 20231210000000L, SS1);
            de(c, D2, P1, 1, "1.2.840.2.2", 1, "c2^^S", "t2^^S", "f2^^S", "h2^^S", "p2^^S",
                    20240201000000L, null, null, SS1);
            de(c, D3, P1, 2, "1.2.840.2.3", 1, "c1^^S", "t1^^S", "f1^^S", "h1^^S", "p1^^S",
                    20240301000000L, 20240301000000L, 20240302000000L, SS2);
            de(c, D4, P1, 1, "1.2.840.2.4", 1, "c1^^S", "t1^^S", "f1^^S", "h1^^S", "p1^^S",
                    null, 20240115000000L, null, SS2);
            de(c, D5, P1, 1, "1.2.840.2.5", 2, "c1^^S", "t1^^S", "f1^^S", "h1^^S", "p1^^S",
                    null, null, null, SS2);
            de(c, D6, P2, 1, "1.2.840.2.6", 1, "c1^^S", "t1^^S", "f1^^S", "h1^^S", "p1^^S",
                    20240101000000L, null, null, SS3);
            values(c, P1, ValueAttribute.DE_CONFIDENTIALITY_CODE, D1, "N^^conf");
            values(c, P1, ValueAttribute.DE_CONFIDENTIALITY_CODE, D2, "R^^conf");
            values(c, P1, ValueAttribute.DE_CONFIDENTIALITY_CODE, D3, "N^^conf", "R^^conf");
            values(c, P1, ValueAttribute.DE_CONFIDENTIALITY_CODE, D4, "N^^conf");
            values(c, P1, ValueAttribute.DE_CONFIDENTIALITY_CODE, D5, "N^^conf");
            values(c, P2, ValueAttribute.DE_CONFIDENTIALITY_CODE, D6, "N^^conf");
            values(c, P1, ValueAttribute.DE_EVENT_CODE, D1, "e1^^ev", "e2^^ev");
            values(c, P1, ValueAttribute.DE_EVENT_CODE, D2, "e2^^ev");
            values(c, P1, ValueAttribute.DE_EVENT_CODE, D3, "e1^^ev", "e3^^ev");
            values(c, P1, ValueAttribute.DE_AUTHOR_PERSON, D1, "^Welby^Marcus^^^Dr");
            values(c, P1, ValueAttribute.DE_AUTHOR_PERSON, D2, "^Smith^John");
            values(c, P1, ValueAttribute.DE_AUTHOR_PERSON, D3, "^O'Brien^50%_off");
            values(c, P1, ValueAttribute.DE_AUTHOR_PERSON, D4, "^Welby^Marcus^^^Dr");
            values(c, P1, ValueAttribute.DE_REFERENCE_ID, D1, "ref1^^^&1.2&ISO");
            values(c, P1, ValueAttribute.DE_REFERENCE_ID, D3, "ref2^^^&1.2&ISO", REF_HOSTILE);
            values(c, P1, ValueAttribute.DE_REFERENCE_ID, D4, "ref1^^^&1.2&ISO", "ref2^^^&1.2&ISO");

            fd(c, F1, P1, 1, "1.2.840.3.1", 20240105000000L);
            fd(c, F2, P1, 1, "1.2.840.3.2", 20240301000000L);
            values(c, P1, ValueAttribute.FOLDER_CODE, F1, "fc1^^S", "fc2^^S");
            values(c, P1, ValueAttribute.FOLDER_CODE, F2, "fc2^^S");

            String hm = Vocabulary.HAS_MEMBER;
            as(c, A_SS1_D1, hm, SS1, D1, SS1);
            as(c, A_SS1_D2, hm, SS1, D2, SS1);
            as(c, A_SS1_F1, hm, SS1, F1, SS1);
            as(c, A_F1_D1, hm, F1, D1, SS1);
            as(c, A_F1_D2, hm, F1, D2, SS1);
            as(c, A_SS1_AF1D1, hm, SS1, A_F1_D1, SS1);
            as(c, A_SS1_AF1D2, hm, SS1, A_F1_D2, SS1);
            as(c, A_XFRM_D2_D1, Vocabulary.XFRM, D2, D1, SS1);
            as(c, A_SS2_D3, hm, SS2, D3, SS2);
            as(c, A_SS2_D4, hm, SS2, D4, SS2);
            as(c, A_SS2_D5, hm, SS2, D5, SS2);
            as(c, A_SS2_F2, hm, SS2, F2, SS2);
            as(c, A_RPLC_D4_D3, Vocabulary.RPLC, D4, D3, SS2);
            as(c, A_SS3_D6, hm, SS3, D6, SS3);
        }
    }

    /** {@code count} extra approved entries for P2 (for XDSTooManyResults). */
    static void bulk(DataSource ds, String patient, int count) throws SQLException {
        try (Connection c = ds.getConnection()) {
            for (int i = 0; i < count; i++) {
                String uuid = id(String.format("b%03d", i));
                de(c, uuid, patient, 1, "1.2.840.9." + i, 1, "bulk^^S", null, null, null, null,
                        20200101000000L, null, null, SS3);
            }
        }
    }

    private static void patient(Connection c, String pid, String mergedInto) throws SQLException {
        exec(c, "INSERT INTO patient (pid, merged_into, updated) VALUES (?,?,?)", pid, mergedInto,
                new Timestamp(System.currentTimeMillis()));
    }

    private static void ss(Connection c, String uuid, String pid, int status, String uniqueId, String sourceId,
                           long time, String contentType) throws SQLException {
        String xml = "<rim:RegistryPackage xmlns:rim=\"" + Schemas.NS_RIM + "\" id=\"" + uuid + "\""
                + " objectType=\"urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage\">"
                + "<rim:Slot name=\"submissionTime\"><rim:ValueList><rim:Value>" + time
                + "</rim:Value></rim:ValueList></rim:Slot>"
                + "<rim:ExternalIdentifier id=\"" + uuid + "-uid\" registryObject=\"" + uuid + "\" identificationScheme=\""
                + Vocabulary.SS_UNIQUE_ID + "\" value=\"" + uniqueId + "\"><rim:Name><rim:LocalizedString value=\""
                + Vocabulary.SS_UNIQUE_ID_NAME + "\"/></rim:Name></rim:ExternalIdentifier>"
                + "</rim:RegistryPackage>";
        exec(c, "INSERT INTO submission_set (uuid, patient_id, status, unique_id, source_id, submission_time,"
                + " content_type_code, ebrim_deflated) VALUES (?,?,?,?,?,?,?,?)", uuid, pid, status, uniqueId, sourceId, time,
                contentType, EbrimCodec.encode(xml));
    }

    private static void de(Connection c, String uuid, String pid, int status, String uniqueId, int objectType,
                           String cls, String type, String format, String hcft, String practice, Long creation,
                           Long start, Long stop, String ss) throws SQLException {
        String xml = "<rim:ExtrinsicObject xmlns:rim=\"" + Schemas.NS_RIM + "\" xmlns:x=\"urn:example:extra\" id=\""
                + uuid + "\" lid=\"" + uuid + "\" mimeType=\"text/xml\" objectType=\""
                + (objectType == 2 ? Vocabulary.ON_DEMAND_DOCUMENT : Vocabulary.STABLE_DOCUMENT) + "\">"
                + "<rim:Slot name=\"creationTime\"><rim:ValueList><rim:Value>" + creation
                + "</rim:Value></rim:ValueList></rim:Slot>"
                + "<rim:ExternalIdentifier id=\"" + uuid + "-uid\" registryObject=\"" + uuid + "\" identificationScheme=\""
                + Vocabulary.DE_UNIQUE_ID + "\" value=\"" + uniqueId + "\"><rim:Name><rim:LocalizedString value=\""
                + Vocabulary.DE_UNIQUE_ID_NAME + "\"/></rim:Name></rim:ExternalIdentifier>"
                + "</rim:ExtrinsicObject>";
        exec(c, "INSERT INTO document_entry (uuid, lid, version, patient_id, status, unique_id, object_type, class_code,"
                + " type_code, format_code, hcft_code, practice_code, creation_time, service_start, service_stop, hash,"
                + " size_bytes, repository_uid, mime_type, submission_set, ebrim_deflated)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                uuid, uuid, 1, pid, status, uniqueId, objectType, cls, type, format, hcft, practice,
                creation, start, stop, "da39a3ee5e6b4b0d3255bfef95601890afd80709", 0L, "1.2.3", "text/xml", ss,
                EbrimCodec.encode(xml));
    }

    private static void fd(Connection c, String uuid, String pid, int status, String uniqueId, long lastUpdate)
            throws SQLException {
        String xml = "<rim:RegistryPackage xmlns:rim=\"" + Schemas.NS_RIM + "\" id=\"" + uuid + "\" lid=\"" + uuid
                + "\"><rim:Slot name=\"lastUpdateTime\"><rim:ValueList><rim:Value>" + lastUpdate
                + "</rim:Value></rim:ValueList></rim:Slot></rim:RegistryPackage>";
        exec(c, "INSERT INTO folder (uuid, lid, version, patient_id, status, unique_id, last_update_time,"
                + " ebrim_deflated) VALUES (?,?,?,?,?,?,?,?)", uuid, uuid, 1, pid, status, uniqueId, lastUpdate,
                EbrimCodec.encode(xml));
    }

    private static void as(Connection c, String uuid, String type, String source, String target, String ss)
            throws SQLException {
        String xml = "<rim:Association xmlns:rim=\"" + Schemas.NS_RIM + "\" id=\"" + uuid + "\" associationType=\""
                + type + "\" sourceObject=\"" + source + "\" targetObject=\"" + target + "\"/>";
        exec(c, "INSERT INTO association (uuid, assoc_type, source_uuid, target_uuid, status, submission_set,"
                + " ebrim_deflated) VALUES (?,?,?,?,?,?,?)", uuid, type, source, target, 1, ss, EbrimCodec.encode(xml));
    }

    private static void values(Connection c, String pid, ValueAttribute attr, String uuid, String... vals)
            throws SQLException {
        for (String v : vals) {
            value(c, pid, attr, v, uuid);
        }
    }

    private static void value(Connection c, String pid, ValueAttribute attr, String val, String uuid)
            throws SQLException {
        exec(c, "INSERT INTO object_value (patient_id, attr, val, uuid) VALUES (?,?,?,?)", pid, attr.id(), val, uuid);
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a == null) {
                    ps.setNull(i + 1, sql.contains("patient (") ? Types.VARCHAR : guessNull(sql, i));
                } else if (a instanceof String s) {
                    ps.setString(i + 1, s);
                } else if (a instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else if (a instanceof Long n) {
                    ps.setLong(i + 1, n);
                } else if (a instanceof Timestamp t) {
                    ps.setTimestamp(i + 1, t);
                } else if (a instanceof byte[] b) {
                    ps.setBytes(i + 1, b);
                }
            }
            ps.executeUpdate();
        }
    }

    /** document_entry: indexes 12..14 (0-based) are BIGINT times, the rest of the nullable ones VARCHAR. */
    private static int guessNull(String sql, int index) {
        return sql.startsWith("INSERT INTO document_entry") && index >= 12 && index <= 14 ? Types.BIGINT : Types.VARCHAR;
    }

    // ---- requests

    /** Builds an AdhocQueryRequest; each slot is name + one or more rim:Value texts; names may repeat. */
    static final class Request {
        private final String queryId;
        private String returnType = "LeafClass";
        private String home;
        private final List<Map.Entry<String, String[]>> slots = new ArrayList<>();

        Request(String queryId) {
            this.queryId = queryId;
        }

        Request objectRef() {
            returnType = "ObjectRef";
            return this;
        }

        Request returnType(String t) {
            returnType = t;
            return this;
        }

        Request home(String h) {
            home = h;
            return this;
        }

        Request slot(String name, String... values) {
            slots.add(Map.entry(name, values));
            return this;
        }

        AdhocQueryRequest build() {
            StringBuilder sb = new StringBuilder();
            sb.append("<query:AdhocQueryRequest xmlns:query=\"").append(Schemas.NS_QUERY).append("\" xmlns:rim=\"")
                    .append(Schemas.NS_RIM).append("\"><query:ResponseOption returnComposedObjects=\"true\" returnType=\"")
                    .append(returnType).append("\"/><rim:AdhocQuery id=\"").append(esc(queryId)).append('"');
            if (home != null) {
                sb.append(" home=\"").append(esc(home)).append('"');
            }
            sb.append('>');
            for (Map.Entry<String, String[]> s : slots) {
                sb.append("<rim:Slot name=\"").append(esc(s.getKey())).append("\"><rim:ValueList>");
                for (String v : s.getValue()) {
                    sb.append("<rim:Value>").append(esc(v)).append("</rim:Value>");
                }
                sb.append("</rim:ValueList></rim:Slot>");
            }
            sb.append("</rim:AdhocQuery></query:AdhocQueryRequest>");
            try {
                return Schemas.unmarshal(sb.toString(), AdhocQueryRequest.class);
            } catch (jakarta.xml.bind.JAXBException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String esc(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
        }
    }

    /** {@code 'v'} with embedded quotes doubled, as a stored-query parameter value. */
    public static String q(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** {@code ('a','b')}, a multi-valued stored-query parameter value. */
    public static String list(String... values) {
        StringBuilder sb = new StringBuilder("(");
        for (String v : values) {
            sb.append(sb.length() > 1 ? "," : "").append(q(v));
        }
        return sb.append(')').toString();
    }
}
