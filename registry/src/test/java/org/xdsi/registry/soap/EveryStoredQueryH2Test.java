package org.xdsi.registry.soap;

class EveryStoredQueryH2Test extends EveryStoredQueryContract {
    @Override
    String database() {
        return "h2";
    }
}
