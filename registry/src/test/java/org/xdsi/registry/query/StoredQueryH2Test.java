package org.xdsi.registry.query;

/** {@link StoredQueryContract} on H2. */
class StoredQueryH2Test extends StoredQueryContract {
    @Override
    String url(String name) {
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }
}
