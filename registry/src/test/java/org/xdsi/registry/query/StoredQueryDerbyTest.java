package org.xdsi.registry.query;

/** {@link StoredQueryContract} on Derby. */
class StoredQueryDerbyTest extends StoredQueryContract {
    @Override
    String url(String name) {
        return "jdbc:derby:memory:" + name + ";create=true";
    }
}
