package org.xdsi.registry.testing;

import java.util.UUID;
import java.util.stream.Stream;

/** The embedded databases every registry test runs against: the default H2 and the second embedded, Derby. */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static Stream<String> urls() {
        return Stream.of("h2", "derby");
    }

    public static String url(String kind) {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        return switch (kind) {
            case "h2" -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
            case "derby" -> "jdbc:derby:memory:" + name + ";create=true";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
