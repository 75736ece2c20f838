package org.xdsi.registry.patient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLServerSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Minimal MLLP listener for ITI-8: frames are {@code 0x0B message 0x1C 0x0D}, any number per connection, each
 * answered with the ACK from {@link PatientFeedHandler} before the next one is read.
 */
public final class MllpServer implements AutoCloseable {

    static final int START_BLOCK = 0x0B;
    static final int END_BLOCK = 0x1C;
    static final int CARRIAGE_RETURN = 0x0D;

    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(MllpServer.class);

    private final String host;
    private final int requestedPort;
    private final PatientFeedHandler handler;
    private final ServerSocketFactory socketFactory;
    private final Duration readTimeout;
    private final int maxMessageBytes;
    private final Charset fallbackCharset;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private volatile ServerSocket serverSocket;
    private volatile boolean closed;
    private ExecutorService workers;
    private Thread acceptor;

    public MllpServer(String host, int port, PatientFeedHandler handler) {
        this(host, port, handler, ServerSocketFactory.getDefault());
    }

    /** For TLS (ITI-19 secure node) pass an {@link SSLServerSocketFactory}. */
    public MllpServer(String host, int port, PatientFeedHandler handler, ServerSocketFactory socketFactory) {
        this(host, port, handler, socketFactory, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_MESSAGE_BYTES,
                StandardCharsets.UTF_8);
    }

    /**
     * @param readTimeout     idle time after which a connection is closed
     * @param maxMessageBytes larger messages close the connection (protects the heap from a runaway peer)
     * @param fallbackCharset used when MSH-18 is empty or unknown
     */
    public MllpServer(String host, int port, PatientFeedHandler handler, ServerSocketFactory socketFactory,
                      Duration readTimeout, int maxMessageBytes, Charset fallbackCharset) {
        this.host = host;
        this.requestedPort = port;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.socketFactory = Objects.requireNonNull(socketFactory, "socketFactory");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.maxMessageBytes = maxMessageBytes;
        this.fallbackCharset = Objects.requireNonNull(fallbackCharset, "fallbackCharset");
    }

    public synchronized void start() throws IOException {
        if (serverSocket != null || closed) {
            throw new IllegalStateException("MLLP server already started or closed");
        }
        InetAddress address = host == null || host.isBlank() ? null : InetAddress.getByName(host);
        serverSocket = socketFactory.createServerSocket(requestedPort, 50, address);
        AtomicInteger connectionNumber = new AtomicInteger();
        workers = Executors.newCachedThreadPool(runnable -> daemon(runnable, "mllp-" + port() + "-conn-" + connectionNumber.incrementAndGet()));
        acceptor = daemon(this::acceptLoop, "mllp-" + port() + "-accept");
        acceptor.start();
        log.info("MLLP patient feed listening on {}:{}", serverSocket.getInetAddress().getHostAddress(), port());
    }

    /** The bound port (useful when constructed with port 0); -1 before {@link #start()}. */
    public int port() {
        ServerSocket socket = serverSocket;
        return socket == null ? -1 : socket.getLocalPort();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (serverSocket != null) {
            try {
                serverSocket.close();
            } catch (IOException e) {
                log.debug("closing MLLP server socket", e);
            }
        }
        connections.forEach(MllpServer::closeQuietly);
        if (workers != null) {
            workers.shutdownNow();
        }
        if (acceptor != null) {
            try {
                acceptor.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
                connections.add(socket);
                if (closed) { // close() may have run between accept and add
                    closeQuietly(socket);
                    return;
                }
                workers.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    log.warn("MLLP accept failed", e);
                }
            } catch (RuntimeException e) { // executor rejected after shutdown
                if (!closed) {
                    log.error("MLLP accept loop", e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        log.debug("MLLP connection from {}", peer);
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = socket.getOutputStream()) {
            byte[] message;
            while ((message = readFrame(in, maxMessageBytes)) != null) {
                byte[] ack = handler.handle(message, fallbackCharset);
                out.write(frame(ack));
                out.flush();
            }
        } catch (MessageTooLargeException e) {
            log.warn("MLLP message from {} exceeds {} bytes; connection closed", peer, maxMessageBytes);
        } catch (SocketTimeoutException e) {
            log.debug("MLLP connection from {} idle; closed", peer);
        } catch (IOException e) {
            if (!closed && !(e instanceof SocketException)) {
                log.warn("MLLP connection from {} failed", peer, e);
            }
        } finally {
            connections.remove(socket);
            log.debug("MLLP connection from {} closed", peer);
        }
    }

    /**
     * Reads the next framed message; null at end of stream (also in the middle of a frame: the peer gave up).
     * Bytes outside a frame are skipped. A lone 0x1C not followed by CR still ends the frame, since some senders
     * omit the CR.
     */
    static byte[] readFrame(InputStream in, int maxBytes) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
        } while (b != START_BLOCK);
        ByteArrayOutputStream message = new ByteArrayOutputStream(1024);
        while ((b = in.read()) >= 0) {
            if (b == END_BLOCK) {
                in.mark(1);
                if (in.read() != CARRIAGE_RETURN) {
                    in.reset();
                }
                return message.toByteArray();
            }
            if (b == START_BLOCK) { // the previous frame was never ended: start over with this one
                message.reset();
                continue;
            }
            if (message.size() >= maxBytes) {
                throw new MessageTooLargeException();
            }
            message.write(b);
        }
        return null;
    }

    static byte[] frame(byte[] payload) {
        byte[] framed = new byte[payload.length + 3];
        framed[0] = START_BLOCK;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = END_BLOCK;
        framed[framed.length - 1] = CARRIAGE_RETURN;
        return framed;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static final class MessageTooLargeException extends IOException {
        MessageTooLargeException() {
            super(null, null);
        }
    }
}
