package org.xdsi.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the dcmtk and dicom3tools command line tools that the interop tests compare against. A missing tool fails
 * the test (it never skips): the tools are a test prerequisite.
 */
public final class DicomTools {
    public static final String INSTALL_HINT = "apt-get install -y dcmtk dicom3tools";

    /** Exit code and output of one run; {@code stdout} and {@code stderr} decoded as UTF-8. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Lines of stderr starting with the given prefix, e.g. "E:" or "Error". */
        public List<String> stderrLines(String prefix) {
            return stderr.lines().filter(l -> l.startsWith(prefix)).toList();
        }
    }

    private DicomTools() {
    }

    public static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, locate(command[0]).toString());
        Path out = Files.createTempFile(workDir, "tool", ".out");
        Path err = Files.createTempFile(workDir, "tool", ".err");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
    }

    /** Runs a tool and asserts exit code 0. */
    public static Result runOk(Path workDir, String... command) throws IOException, InterruptedException {
        Result r = run(workDir, command);
        assertEquals(0, r.exitCode(), () -> String.join(" ", command) + " failed:\n" + r.stdout() + r.stderr());
        return r;
    }

    /** The tool's executable on PATH; fails the test with the install command when it is missing. */
    public static Path locate(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("the DICOM tool '" + tool + "' is not installed (not on PATH); the imaging tests need dcmtk and"
                + " dicom3tools: " + INSTALL_HINT);
    }
}
