package org.xdsi.registry.soap;

class RegistryOverTheWireH2Test extends RegistryOverTheWireContract {
    @Override
    String database() {
        return "h2";
    }
}
