package org.xdsi.registry.wire;

class StoredQueriesOverTheWireDerbyTest extends StoredQueriesOverTheWireContract {
    @Override
    String database() {
        return "derby";
    }
}
