package org.xdsi.conformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xdsi.server.ServerSettings;
import org.xdsi.server.XdsiServer;

/** The whole system started in this JVM through {@link XdsiServer}, as {@code xdsi run} does. */
final class InProcessXdsi implements AutoCloseable {
    final XdsiServer server;
    final StartupLines startup;

    private InProcessXdsi(XdsiServer server, StartupLines startup) {
        this.server = server;
        this.startup = startup;
    }

    /** Starts on ephemeral loopback ports; {@code domain} null: the data folder's (generated once). */
    static InProcessXdsi start(Path data, String domain) {
        return start(data, domain, Map.of());
    }

    /** As {@link #start(Path, String)} with further settings ({@link ServerSettings} keys). */
    static InProcessXdsi start(Path data, String domain, Map<String, String> more) {
        Map<String, String> flags = new HashMap<>(more);
        flags.put(ServerSettings.DATA, data.toString());
        flags.put(ServerSettings.HTTP_PORT, "0");
        flags.put(ServerSettings.MLLP_PORT, "0");
        flags.put(ServerSettings.BIND, "127.0.0.1");
        flags.put(ServerSettings.DOMAIN, domain);
        ServerSettings settings = ServerSettings.resolve(null, flags, data.getParent());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        XdsiServer server = new XdsiServer(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            server.start(settings);
            List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
            return new InProcessXdsi(server, StartupLines.parse(lines));
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    Soap soap() {
        return startup.soap();
    }

    Mllp mllp() {
        return startup.mllp();
    }

    @Override
    public void close() {
        server.close();
    }
}
