package org.xdsi.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.xdsi.server.cli.FeedCommand;
import org.xdsi.server.cli.ImportCommand;
import org.xdsi.server.cli.PublishCommand;
import org.xdsi.server.cli.StatusCommand;
import org.xdsi.server.cli.QueryCommand;
import org.xdsi.server.cli.RegisterCommand;
import org.xdsi.server.cli.RetrieveCommand;
import org.xdsi.server.cli.SubmitCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code xdsi} command line. */
@Command(name = "xdsi", mixinStandardHelpOptions = true, versionProvider = Xdsi.Version.class,
        description = {"IHE XDS.b / XDS-I.b document registry, repository and imaging document source.",
                "'run' starts the actors; submit, register, query, retrieve and feed act as Document Source,"
                        + " Document Consumer and Patient Identity Source against any XDS.b endpoints."},
        subcommands = {RunCommand.class, SubmitCommand.class, RegisterCommand.class, QueryCommand.class,
                RetrieveCommand.class, FeedCommand.class, ImportCommand.class,
                PublishCommand.class, StatusCommand.class,
                CommandLine.HelpCommand.class})
public final class Xdsi implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // CXF logs through java.util.logging unless told otherwise; send it to SLF4J/logback (stderr).
        System.setProperty("org.apache.cxf.Logger", "org.apache.cxf.common.logging.Slf4jLogger");
        quietClientLogs(args);
        System.exit(commandLine().execute(args));
    }

    private static final Set<String> CLIENT_COMMANDS = Set.of("submit", "register", "query", "retrieve", "feed",
            "import", "publish", "status");

    /**
     * The client commands report every problem in one {@code xdsi <command>: ...} line on stderr; the warnings the
     * libraries log about the same problem would only repeat it. They are kept with {@code -v}, or when
     * {@code -Dxdsi.log.level} is set. Must run before the first logger exists (logback reads the property then).
     */
    static void quietClientLogs(String[] args) {
        if (args.length == 0 || !CLIENT_COMMANDS.contains(args[0]) || System.getProperty("xdsi.log.level") != null) {
            return;
        }
        for (String arg : args) {
            if (arg.equals("-v") || arg.equals("--verbose")) {
                return;
            }
        }
        System.setProperty("xdsi.log.level", "ERROR");
    }

    /** The command line with every subcommand and xdsi's error handling (tests run commands through it). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Xdsi());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Object command = commandLine.getCommand();
            if (command instanceof RunCommand run && run.verbose) {
                e.printStackTrace(err);
            }
            err.println("xdsi: " + describe(e));
            if (e instanceof SettingsException s && s.exitCode() == 2) {
                err.println("Try 'xdsi " + commandLine.getCommandName() + " --help'.");
            }
            err.flush();
            return e instanceof SettingsException s ? s.exitCode() : 1;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'xdsi run'");
    }

    /** The working directory the user called xdsi from (the launcher script may pass it as -Dxdsi.cwd). */
    static Path callerDirectory() {
        return Path.of(System.getProperty("xdsi.cwd", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** One line: the distinct first lines of the messages along the cause chain. */
    static String describe(Throwable e) {
        if (e instanceof SettingsException) {
            return e.getMessage();
        }
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank()) {
                continue;
            }
            String first = m.strip().lines().findFirst().orElse("").strip();
            if (parts.stream().noneMatch(p -> p.contains(first))) {
                parts.add(first);
            }
        }
        return parts.isEmpty() ? e.getClass().getName() : String.join(": ", parts);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Xdsi.class.getPackage().getImplementationVersion();
            return new String[] {"xdsi " + (v == null ? "(development build)" : v)};
        }
    }
}
