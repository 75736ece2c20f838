package org.xdsi.registry.query;

import org.xdsi.registry.testing.TestDatabases;

/** {@link RegisteredRoundTripContract} on H2. */
class RegisteredRoundTripH2Test extends RegisteredRoundTripContract {
    @Override
    String url() {
        return TestDatabases.url("h2");
    }
}
