package org.xdsi.registry.soap;

class EveryStoredQueryDerbyTest extends EveryStoredQueryContract {
    @Override
    String database() {
        return "derby";
    }
}
