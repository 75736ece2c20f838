package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -cp <test classpath> org.xdsi.server.Xdsi run ...} as a child process, the way scripts and CI run
 * xdsi: stdout is read line by line, stderr is collected.
 */
final class XdsiProcess implements AutoCloseable {
    private static final String EOF = "\u0000EOF";

    final Process process;
    final List<String> command;
    private final BlockingQueue<String> stdoutQueue = new LinkedBlockingQueue<>();
    private final List<String> stdout = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stderrReader;

    private XdsiProcess(List<String> command) {
        this.command = command;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Thread out = new Thread(() -> pump(process.getInputStream(), line -> stdoutQueue.add(line)), "xdsi-stdout");
        out.setDaemon(true);
        out.start();
        stderrReader = new Thread(() -> pump(process.getErrorStream(), line -> stderr.append(line).append('\n')),
                "xdsi-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    private void pump(InputStream in, java.util.function.Consumer<String> sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                sink.accept(line);
            }
        } catch (IOException ignored) {
            // process gone
        } finally {
            if (Thread.currentThread().getName().equals("xdsi-stdout")) {
                stdoutQueue.add(EOF);
            }
        }
    }

    /** The JVM options of {@link #run}: a heap a small server gets. */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m");

    /** {@code xdsi run} with the given arguments, in a JVM with {@link #DEFAULT_JVM_OPTIONS}. */
    static XdsiProcess run(String... runArgs) {
        return run(DEFAULT_JVM_OPTIONS, runArgs);
    }

    /** {@code xdsi run} with the given arguments, in a JVM with exactly these options (e.g. {@code -Xmx128m}). */
    static XdsiProcess run(List<String> jvmOptions, String... runArgs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(testClasspath());
        command.add("org.xdsi.server.Xdsi");
        command.add("run");
        command.addAll(List.of(runArgs));
        return new XdsiProcess(command);
    }

    /** The default actors (registry and repository) on ephemeral ports with the test domain. */
    static XdsiProcess runRegistry(Path data) {
        return run("--data", data.toString(), "--http-port", "0", "--mllp-port", "0", "--domain", Registry.DOMAIN);
    }

    /** The default actors (registry and repository) on ephemeral ports with the test domain, in a JVM so set up. */
    static XdsiProcess runAll(Path data, List<String> jvmOptions) {
        return run(jvmOptions, "--data", data.toString(), "--http-port", "0", "--mllp-port", "0",
                "--domain", Registry.DOMAIN);
    }

    /** {@code --actors registry} alone, on ephemeral ports with the test domain. */
    static XdsiProcess runRegistryOnly(Path data) {
        return run("--data", data.toString(), "--http-port", "0", "--mllp-port", "0", "--domain", Registry.DOMAIN,
                "--actors", "registry");
    }

    /** {@code --actors repository} alone, registering with the remote registry at {@code registryUrl}. */
    static XdsiProcess runRepositoryOnly(Path data, String registryUrl) {
        return run("--data", data.toString(), "--http-port", "0", "--domain", Registry.DOMAIN,
                "--actors", "repository", "--registry-url", registryUrl);
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, and the exit status (137) once the process is gone. */
    int kill9(Duration timeout) throws InterruptedException {
        process.destroyForcibly();
        return awaitExit(timeout);
    }

    /**
     * SIGTERM through the ProcessHandle (Process.destroy() would also close our end of the child's stdout), and the
     * exit status.
     */
    int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    static String testClasspath() {
        String cp = System.getProperty("java.class.path");
        // surefire may run the tests through a manifest-only booter jar; its real classpath is kept here
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank() && (cp == null || !cp.contains("xdsi-server")
                && !cp.contains("server" + java.io.File.separator + "target"))) {
            return surefire;
        }
        return cp;
    }

    /** Reads stdout until {@code xdsi ready}; fails (with stderr) if the process exits or the timeout passes. */
    StartupLines awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : stdoutQueue.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                fail("no 'xdsi ready' within " + timeout + "; stdout " + stdout + "; stderr:\n" + stderr());
            }
            if (line.equals(EOF)) {
                process.waitFor(5, TimeUnit.SECONDS);
                fail("xdsi ended before 'xdsi ready' (exit " + (process.isAlive() ? "?" : process.exitValue())
                        + "); stdout " + stdout + "; stderr:\n" + stderr());
            }
            stdout.add(line);
            if (line.equals("xdsi ready")) {
                return StartupLines.parse(stdout);
            }
        }
    }

    /** Lines printed on stdout after {@code xdsi ready}, until the end of the stream or the timeout. */
    List<String> remainingStdout(Duration timeout) throws InterruptedException {
        List<String> rest = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : stdoutQueue.poll(left, TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                return rest;
            }
            stdout.add(line);
            rest.add(line);
        }
    }

    /** Waits for the exit and returns the status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(ended, () -> "xdsi did not exit within " + timeout + "; stderr:\n" + stderr());
        stderrReader.join(5_000);
        return process.exitValue();
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
