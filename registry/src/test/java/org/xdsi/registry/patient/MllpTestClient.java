package org.xdsi.registry.patient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/** Frames messages like an ITI-8 Patient Identity Source and reads the framed ACK back. */
final class MllpTestClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    MllpTestClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    byte[] exchange(byte[] message) throws IOException {
        sendRaw(MllpServer.frame(message));
        return readAck();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The ACK payload without framing; null when the server closed the connection. */
    byte[] readAck() throws IOException {
        int b;
        while ((b = in.read()) != MllpServer.START_BLOCK) {
            if (b < 0) {
                return null;
            }
        }
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        while ((b = in.read()) != MllpServer.END_BLOCK) {
            if (b < 0) {
                throw new IOException("connection closed inside an ACK frame");
            }
            ack.write(b);
        }
        if (in.read() != MllpServer.CARRIAGE_RETURN) {
            throw new IOException("0x1C not followed by CR");
        }
        return ack.toByteArray();
    }

    /** True when the server closed its side (reading gives end of stream or a reset). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
