package org.stanzalab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.stanzalab.engine.accounts.AccountNames;
import org.stanzalab.engine.accounts.AdminCommands;
import org.stanzalab.engine.accounts.Credentials;
import org.stanzalab.engine.accounts.LoginRefused;
import org.stanzalab.engine.accounts.ProvisioningException;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.target.Server;
import org.stanzalab.model.LeftAccount;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.model.RunResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The accounts runs made on a server. */
@Command(name = "accounts", mixinStandardHelpOptions = true, versionProvider = Stanzalab.Version.class,
        description = "Accounts that runs made on a server.", subcommands = AccountsCommand.Sweep.class)
final class AccountsCommand {

    @Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Stanzalab.Version.class, sortOptions = false,
            description = {"Remove the accounts earlier runs left on a server: the names in earlier results.json files",
                "(leftAccounts), and, where the server lists its accounts (XEP-0133), every account named like ours",
                "(sl-TAG-N). Removes them with admin commands (--admin, or --target's admin); without admin, lists them.",
                "Never touches an account whose name is not one of ours."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:nothing is left", "1:accounts remain (listed)", "2:usage", "3:the server or its admin login failed"})
    static final class Sweep implements Callable<Integer> {
        @Mixin
        TargetOptions targetOptions = new TargetOptions();

        @Option(names = "--from", paramLabel = "RESULTS.JSON",
                description = "Results of earlier runs to take names from (repeatable; default: every reports/*/results.json).")
        List<Path> from = new ArrayList<>();

        @Option(names = "--min-age", paramLabel = "MINUTES", defaultValue = "120",
                description = "Accounts the server lists are swept only if their run started this long ago (default: 120),"
                        + " so that runs still going keep theirs; names from results files are always swept.")
        long minAgeMinutes;

        @Option(names = "--dry-run", description = "Only list what would be removed.")
        boolean dryRun;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = command.commandLine().getOut();
            Map<Path, RunResult> files = recorded();
            List<LeftAccount> recorded = files.values().stream().flatMap(r -> r.leftAccounts().stream()).toList();
            boolean remain = false;
            Set<String> gone = new HashSet<>();
            for (Server server : new Settings(targetOptions, System.getenv()).withoutAccountsRequired().servers()) {
                Set<String> names = new TreeSet<>();
                recorded.stream().filter(a -> a.domain().equalsIgnoreCase(server.domain())).map(LeftAccount::username)
                        .filter(AccountNames::isOurs).forEach(names::add);
                Optional<Credentials> admin = Settings.adminOf(server);
                if (admin.isEmpty()) {
                    if (!names.isEmpty()) {
                        remain = true;
                        out.println(server.domain() + ": " + names.size() + " account(s) earlier runs left; without --admin they"
                                + " are only listed, remove them with the server's own tools: " + AccountNames.firstTen(names));
                    } else {
                        out.println(server.domain() + ": no account of earlier runs recorded");
                    }
                    continue;
                }
                Sweeping sweeping = new Sweeping(server, names);
                remain |= sweeping.run(out, admin.get(), Duration.ofMinutes(minAgeMinutes), dryRun);
                sweeping.gone.forEach(name -> gone.add(key(server.domain(), name)));
            }
            forget(out, files, gone);
            return remain ? ExitCode.FAILURES : ExitCode.OK;
        }

        /**
         * Takes the accounts that are gone out of the results files they were listed in, so that the files keep
         * saying what is still on the server, and a second sweep has nothing to report.
         */
        private static void forget(PrintWriter out, Map<Path, RunResult> files, Set<String> gone) {
            files.forEach((file, result) -> {
                List<LeftAccount> still = result.leftAccounts().stream().filter(a -> !gone.contains(key(a.domain(), a.username()))).toList();
                if (still.size() == result.leftAccounts().size()) {
                    return;
                }
                try {
                    ResultsJson.write(result.withLeftAccounts(still), file);
                    out.println(file + ": " + (result.leftAccounts().size() - still.size()) + " account(s) no longer listed as left");
                } catch (IOException e) {
                    out.println(file + ": could not be updated (" + e.getMessage() + "); it still lists the removed accounts");
                }
            });
        }

        private static String key(String domain, String username) {
            return domain.toLowerCase(java.util.Locale.ROOT) + "/" + username;
        }

        /** One server's sweep: the names to remove, and those found gone (removed now, or already). */
        private static final class Sweeping {
            private final Server server;
            private final Set<String> names;
            private final List<String> gone = new ArrayList<>();

            Sweeping(Server server, Set<String> names) {
                this.server = server;
                this.names = names;
            }

            /** Deletes every name with add-user's counterpart; returns whether some remain. */
            boolean run(PrintWriter out, Credentials admin, Duration minAge, boolean dryRun) {
                AdminCommands commands = new AdminCommands(new SmackConnector(server.target()), admin);
                try {
                    long now = System.currentTimeMillis();
                    Optional<List<String>> registered = commands.registeredUsers();
                    registered.ifPresent(all -> {
                        // Recorded names the server no longer has were removed some other way: nothing to do.
                        Set<String> absent = new TreeSet<>(names);
                        absent.removeAll(all);
                        if (!absent.isEmpty()) {
                            names.removeAll(absent);
                            gone.addAll(absent);
                            out.println(server.domain() + ": " + absent.size() + " recorded account(s) already gone: "
                                    + AccountNames.firstTen(absent));
                        }
                        all.stream().filter(name -> AccountNames.age(name, now).filter(age -> age.compareTo(minAge) >= 0).isPresent())
                                .forEach(names::add);
                    });
                    if (dryRun) {
                        gone.clear();
                        out.println(server.domain() + ": would remove " + names.size() + " account(s) of earlier runs"
                                + (names.isEmpty() ? "" : ": " + AccountNames.firstTen(names)));
                        return false;
                    }
                    List<String> kept = new ArrayList<>();
                    String firstRefusal = null;
                    int removed = 0;
                    for (String name : names) {
                        try {
                            commands.delete(name);
                            gone.add(name);
                            removed++;
                        } catch (ProvisioningException e) {
                            kept.add(name);
                            firstRefusal = firstRefusal == null ? e.getMessage() : firstRefusal;
                        }
                    }
                    out.println(server.domain() + ": removed " + removed + " account(s) of earlier runs"
                            + (removed == 0 ? "" : ": " + AccountNames.firstTen(gone.subList(gone.size() - removed, gone.size()))));
                    if (!kept.isEmpty()) {
                        out.println(server.domain() + ": " + kept.size() + " not removed (" + (registered.isPresent() ? "refused"
                                : "already gone, or refused: the server does not list its accounts") + "; the first: "
                                + firstRefusal + "): " + AccountNames.firstTen(kept));
                    }
                    return !kept.isEmpty();
                } catch (LoginRefused e) {
                    throw UserError.target(e.getMessage());
                } finally {
                    commands.close();
                }
            }
        }

        private Map<Path, RunResult> recorded() throws IOException {
            List<Path> files = new ArrayList<>(from);
            if (files.isEmpty() && Files.isDirectory(Path.of("reports"))) {
                try (Stream<Path> dirs = Files.list(Path.of("reports"))) {
                    dirs.map(d -> d.resolve("results.json")).filter(Files::isReadable).sorted().forEach(files::add);
                }
            }
            Map<Path, RunResult> all = new LinkedHashMap<>();
            for (Path file : files) {
                try {
                    all.put(file, ResultsJson.read(file));
                } catch (IOException e) {
                    throw UserError.usage("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            return all;
        }
    }
}
