package org.xdsi.registry.soap;

class RegistryOverTheWireDerbyTest extends RegistryOverTheWireContract {
    @Override
    String database() {
        return "derby";
    }
}
