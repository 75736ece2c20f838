package org.xdsi.registry.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.ErrorCollector;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.registry.store.SqlDialect;
import org.xdsi.schema.rim.SlotType1;
import org.xdsi.schema.rim.ValueListType;

/** Value coding of ITI-18 parameters (digest §4.1), without a database. */
class QueryParametersTest {

    private static SlotType1 slot(String name, String... values) {
        SlotType1 s = new SlotType1();
        s.setName(name);
        ValueListType vl = new ValueListType();
        vl.getValue().addAll(List.of(values));
        s.setValueList(vl);
        return s;
    }

    @Test
    void quotedStringsListsAndNumbers() {
        ErrorCollector errors = new ErrorCollector();
        QueryParameters p = QueryParameters.parse(List.of(
                slot("$a", "'Children''s'"),
                slot("$b", "('x','y, z')", " ( 'w' ) "),
                slot("$t", "200412252300"),
                slot("$c", "('1^^2')"), slot("$c", "('3^^4','5^^6')")), errors);
        assertEquals("Children's", p.single("$a", true));
        assertEquals(List.of("x", "y, z", "w"), p.list("$b", true));
        assertEquals(20041225230000L, p.time("$t"));
        assertEquals(List.of(List.of("1^^2"), List.of("3^^4", "5^^6")), p.codeGroups("$c"));
        assertEquals(List.of(), errors.all());
    }

    @Test
    void malformedValuesNameTheParameter() {
        for (String bad : new String[] {"'abc", "('a','b'", "('a',)", "'a'b'", "a,b", "()", "('a'))"}) {
            ErrorCollector errors = new ErrorCollector();
            QueryParameters p = QueryParameters.parse(List.of(slot("$XDSFolderCodeList", bad)), errors);
            assertEquals(1, errors.all().size(), bad);
            assertEquals(ErrorCode.XDSRegistryError, errors.all().get(0).code());
            assertTrue(errors.all().get(0).codeContext().startsWith("$XDSFolderCodeList"), bad);
            assertEquals(List.of(), p.codeGroups("$XDSFolderCodeList"));
            assertEquals(1, errors.all().size(), "no second error for a broken parameter: " + bad);
        }
    }

    @Test
    void counts() {
        ErrorCollector errors = new ErrorCollector();
        QueryParameters p = QueryParameters.parse(List.of(slot("$one", "('a','b')"), slot("$two", "'a'"),
                slot("$two", "'b'")), errors);
        assertNull(p.single("$one", true));
        assertNull(p.single("$two", true));
        assertNull(p.single("$missing", true));
        assertEquals(List.of(ErrorCode.XDSStoredQueryParamNumber, ErrorCode.XDSStoredQueryParamNumber,
                ErrorCode.XDSStoredQueryMissingParam), errors.all().stream().map(e -> e.code()).toList());
    }

    @Test
    void statusesAndTypes() {
        ErrorCollector errors = new ErrorCollector();
        QueryParameters p = QueryParameters.parse(List.of(
                slot("$s", "('" + Vocabulary.STATUS_DEPRECATED + "','urn:x','" + Vocabulary.STATUS_APPROVED + "')"),
                slot("$none", "('urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Approved')"),
                slot("$type", "('" + Vocabulary.ON_DEMAND_DOCUMENT + "')")), errors);
        assertEquals(List.of(2, 1), p.statuses("$s"));
        assertNull(p.statuses("$none"));
        assertEquals(ErrorCode.XDSStoredQueryMissingParam, errors.all().get(0).code());
        assertEquals(List.of(2), p.objectTypes("$type"));
        assertEquals(List.of(1), p.objectTypes("$absent"));
    }

    @Test
    void likePatternEscapesOnlyTheEscapeCharacter() {
        assertEquals("%a\\\\b_", StoredQueryHandler.likePattern("%a\\b_"));
    }

    @Test
    void databaseFailureIsNeutralXdsRegistryError() {
        DataSource broken = new DataSource() {
            @Override public Connection getConnection() throws SQLException {
                throw new SQLException("secret: password=hunter2 at db-host-7");
            }
            @Override public Connection getConnection(String u, String p) throws SQLException {
                return getConnection();
            }
            @Override public PrintWriter getLogWriter() { return null; }
            @Override public void setLogWriter(PrintWriter out) { }
            @Override public void setLoginTimeout(int seconds) { }
            @Override public int getLoginTimeout() { return 0; }
            @Override public Logger getParentLogger() { return Logger.getGlobal(); }
            @Override public <T> T unwrap(Class<T> iface) { return null; }
            @Override public boolean isWrapperFor(Class<?> iface) { return false; }
        };
        QueryResult r = new StoredQueryHandler(broken, SqlDialect.H2, QueryConfig.defaults())
                .execute(StoredQueryContract.findDocs().build());
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.status());
        assertEquals(ErrorCode.XDSRegistryError, r.errors().get(0).code());
        assertTrue(!r.toResponseXml().contains("hunter2") && !r.toResponseXml().contains("db-host"));
    }

    @Test
    void nullRequestAndEscaping() {
        QueryResult r = new StoredQueryHandler(null, SqlDialect.H2, QueryConfig.defaults()).execute(null);
        assertEquals(ErrorCode.XDSUnknownStoredQuery, r.errors().get(0).code());
        QueryResult unknown = new StoredQueryHandler(null, SqlDialect.H2, QueryConfig.defaults())
                .execute(new QueryFixture.Request("urn:uuid:\"<&>").build());
        String xml = unknown.toResponseXml();
        assertTrue(xml.contains("urn:uuid:&quot;&lt;&amp;&gt;"), xml);
        assertTrue(xml.startsWith("<query:AdhocQueryResponse xmlns:query="), xml);
    }
}
