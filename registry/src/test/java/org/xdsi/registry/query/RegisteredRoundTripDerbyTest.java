package org.xdsi.registry.query;

import org.xdsi.registry.testing.TestDatabases;

/** {@link RegisteredRoundTripContract} on Derby. */
class RegisteredRoundTripDerbyTest extends RegisteredRoundTripContract {
    @Override
    String url() {
        return TestDatabases.url("derby");
    }
}
