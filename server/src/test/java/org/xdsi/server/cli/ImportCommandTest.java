package org.xdsi.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.imaging.ImagingSourceActor;
import org.xdsi.imaging.ImagingSourceConfig;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.server.Xdsi;
import picocli.CommandLine;

/**
 * {@code xdsi import} against a running imaging source: a folder of dcmtk-made instances (nested folders, a text
 * file, a truncated instance) in several requests, a second run, an unreachable server, a missing folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportCommandTest {
    static final String STUDY = "1.2.826.0.1.3680043.2.1143.3";

    private Path tmp;
    private ImagingSourceActor actor;
    private String base;
    private final AtomicInteger published = new AtomicInteger();

    record Run(int exit, String out, String err) {
        List<String> lines(String prefix) {
            return out.lines().filter(l -> l.startsWith(prefix + " ")).toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run xdsi(String... args) {
        CommandLine cl = Xdsi.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        tmp = dir;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port + "/xdsi";
        actor = ImagingSourceActor.start(ImagingSourceConfig.of(tmp.resolve("imaging"), "1.2.3.4.5",
                "1.3.6.1.4.1.21367.13.20.1000"), (submission, documents) -> {
                    published.incrementAndGet();
                    throw new AssertionError("the archive does not publish");
                }, base);
    }

    @AfterAll
    void stop() {
        if (actor != null) {
            actor.close();
        }
    }

    @Test
    void importsAFolderAndReportsEachFile() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path ct = Files.createDirectories(in.resolve("ct"));
        Path mr = Files.createDirectories(in.resolve("deeper/mr"));
        List<Path> good = List.of(make(ct, "2.25.31", "2.25.31.1", "CT", 1), make(ct, "2.25.31", "2.25.31.2", "CT", 2),
                make(ct, "2.25.31", "2.25.31.3", "CT", 3), make(mr, "2.25.32", "2.25.32.1", "MR", 1),
                make(mr, "2.25.32", "2.25.32.2", "MR", 2));
        Files.writeString(in.resolve("README.txt"), "not an image");
        Path dicomdir = dicomdir(in);
        Path whole = make(tmp.resolve("scratch"), "2.25.33", "2.25.33.1", "CT", 1);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(in.resolve("truncated.dcm"), Arrays.copyOf(bytes, bytes.length - 100));

        Run r = xdsi("import", in.toString(), "--url", base, "--batch", "2");

        assertEquals(1, r.exit(), r::toString);
        assertEquals(5, r.lines("stored").size(), r::toString);
        for (Path f : good) {
            assertTrue(r.lines("stored").contains("stored " + f), r::toString);
            String sop = f.getFileName().toString().replace(".dcm", "");
            String series = sop.substring(0, sop.lastIndexOf('.'));
            StoredInstance s = actor.archive().locator().instance(STUDY, series, sop).orElseThrow();
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(s.file()));
        }
        assertEquals(List.of("skipped " + dicomdir + ": a DICOMDIR (media directory), not an instance",
                "skipped " + in.resolve("README.txt") + ": not a DICOM file (no DICM prefix)"),
                r.lines("skipped"), r::toString);
        List<String> failed = r.lines("failed");
        assertEquals(1, failed.size(), r::toString);
        assertTrue(failed.get(0).startsWith("failed " + truncated + ": error: cannot understand (C000H): "),
                r::toString);
        assertTrue(failed.get(0).contains("truncated"), r::toString);
        assertEquals(List.of("summary 5 stored, 0 already stored, 1 failed, 2 skipped"),
                r.lines("summary"), r::toString);
        assertTrue(actor.archive().locator().study("2.25.33").isEmpty());

        Files.delete(truncated);
        Run again = xdsi("import", in.toString(), "--url", base);
        assertEquals(0, again.exit(), again::toString);
        assertEquals(5, again.lines("already-stored").size(), again::toString);
        assertEquals(List.of("summary 0 stored, 5 already stored, 0 failed, 2 skipped"),
                again.lines("summary"), again::toString);
        assertEquals(5, actor.archive().locator().study(STUDY).size());
        assertEquals(0, published.get());
    }

    @Test
    void anUnreachableServerIsExitCode2() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("unreachable"));
        make(in, "2.25.41", "2.25.41.1", "CT", 1);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run r = xdsi("import", in.toString(), "--url", "http://127.0.0.1:" + closed + "/xdsi");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().startsWith("xdsi import: cannot reach http://127.0.0.1:" + closed), r::toString);
    }

    @Test
    void aServerThatIsNotStowRsFailsEachFile() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("wrong-url"));
        Path file = make(in, "2.25.42", "2.25.42.1", "CT", 1);
        Run r = xdsi("import", in.toString(), "--url", base + "/not-here");
        assertEquals(1, r.exit(), r::toString);
        assertEquals(1, r.lines("failed").size(), r::toString);
        assertTrue(r.lines("failed").get(0).matches("failed " + Pattern.quote(file.toString())
                + ": HTTP 4\\d\\d from " + Pattern.quote(base) + "/not-here/dicomweb/studies.*"),
                r::toString);
        assertTrue(actor.archive().locator().study(STUDY).stream().noneMatch(i -> i.seriesInstanceUid()
                .equals("2.25.42")));
    }

    @Test
    void aMissingFolderIsAUsageError() {
        Run r = xdsi("import", tmp.resolve("nowhere").toString(), "--url", base);
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("no such directory"), r::toString);
    }

    /** A DICOMDIR-like file (Media Storage Directory Storage) made by dump2dcm. */
    private Path dicomdir(Path target) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dump2dcm"));
        Files.writeString(dir.resolve("DICOMDIR.dump"), String.join("\n",
                "(0002,0002) UI [1.2.840.10008.1.3.10]",
                "(0002,0003) UI [2.25.50]",
                "(0004,1130) CS [XDSI]",
                "(0004,1200) up 0",
                "(0004,1202) up 0",
                "(0004,1212) US 0",
                "(0004,1220) SQ (Sequence with undefined length #=0)",
                "(fffe,e0dd) na (SequenceDelimitationItem)", ""), StandardCharsets.UTF_8);
        dump2dcm(dir, "DICOMDIR.dump", "DICOMDIR");
        return Files.move(dir.resolve("DICOMDIR"), target.resolve("DICOMDIR"));
    }

    /** An instance made by dcmtk's dump2dcm (explicit VR little endian, 32 KiB of pixel data). */
    private Path make(Path target, String series, String sop, String modality, int number) throws Exception {
        Files.createDirectories(target);
        Path dir = Files.createDirectories(tmp.resolve("dump2dcm"));
        Path pixels = dir.resolve("pixels.raw");
        if (!Files.exists(pixels)) {
            Files.write(pixels, new byte[128 * 128 * 2]);
        }
        String dump = String.join("\n",
                "(0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]",
                "(0008,0018) UI [" + sop + "]",
                "(0008,0060) CS [" + modality + "]",
                "(0008,0064) CS [WSD]",
                "(0010,0010) PN [Doe^Jane]",
                "(0010,0020) LO [PID-1]",
                "(0020,000d) UI [" + (series.equals("2.25.33") ? "2.25.33" : STUDY) + "]",
                "(0020,000e) UI [" + series + "]",
                "(0020,0013) IS [" + number + "]",
                "(0028,0002) US 1",
                "(0028,0004) CS [MONOCHROME2]",
                "(0028,0010) US 128",
                "(0028,0011) US 128",
                "(0028,0100) US 16",
                "(0028,0101) US 16",
                "(0028,0102) US 15",
                "(0028,0103) US 0",
                "(7fe0,0010) OW =pixels.raw", "");
        Path dumpFile = dir.resolve(sop + ".dump");
        Files.writeString(dumpFile, dump, StandardCharsets.UTF_8);
        Path out = dir.resolve(sop + ".dcm");
        dump2dcm(dir, dumpFile.getFileName().toString(), out.getFileName().toString());
        Files.delete(dumpFile);
        return Files.move(out, target.resolve(out.getFileName()));
    }

    private static void dump2dcm(Path dir, String dump, String out) throws Exception {
        Process p = new ProcessBuilder("dump2dcm", "-q", "+te", dump, out).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dump2dcm did not finish");
        assertEquals(0, p.exitValue(), () -> "dump2dcm failed (dcmtk is a test prerequisite): " + output);
    }
}
