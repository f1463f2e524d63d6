package org.stanzalab.cli;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The stanzalab command: run compliance tests against an XMPP server, or list them. */
@Command(name = "stanzalab", mixinStandardHelpOptions = true, versionProvider = Stanzalab.Version.class,
        description = "XMPP interoperability and compliance test lab.",
        subcommands = {RunCommand.class, FederateCommand.class, ListCommand.class, CatalogCommand.class, ReportCommand.class, CompareCommand.class,
                MergeCommand.class, AccountsCommand.class, ServeBadCommand.class,
                SummaryCommand.class, CommandLine.HelpCommand.class})
public final class Stanzalab {

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; used by main and by the CLI's own tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(new CommandLine(new Stanzalab()), args, out, err);
    }

    /** Runs a command line with the tool's error handling: one line on stderr, and the exit code that says why. */
    static int execute(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
        silenceLibraryLogging();
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("stanzalab: " + e.getMessage() + " (see 'stanzalab " + commandName(e.getCommandLine()) + " --help')");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserError user) {
                err.println("stanzalab: " + user.getMessage());
                return user.exitCode();
            }
            // Not the user's doing and not the server's verdict: a bug in the tool, said as such, in one line.
            String what = e.getMessage() == null ? e.getClass().getName() : e.getClass().getName() + ": " + e.getMessage().lines().findFirst().orElse("");
            err.println("stanzalab: internal error (exit " + ExitCode.INTERNAL + "), please report it: " + what);
            return ExitCode.INTERNAL;
        });
        return cli.execute(args);
    }

    private static String commandName(CommandLine commandLine) {
        String name = commandLine.getCommandName();
        return "stanzalab".equals(name) ? "" : name;
    }

    /**
     * Smack logs through java.util.logging to the console. The run's own output says what matters, and library
     * logs could carry protocol payloads, so they are switched off.
     */
    private static void silenceLibraryLogging() {
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.OFF);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Stanzalab.class.getPackage().getImplementationVersion();
            return new String[] {"stanzalab " + (v == null ? "development build" : v)};
        }
    }
}
