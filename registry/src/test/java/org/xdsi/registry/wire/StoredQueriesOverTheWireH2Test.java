package org.xdsi.registry.wire;

class StoredQueriesOverTheWireH2Test extends StoredQueriesOverTheWireContract {
    @Override
    String database() {
        return "h2";
    }
}
