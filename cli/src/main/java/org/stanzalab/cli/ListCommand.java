package org.stanzalab.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.stanzalab.model.SpecRef;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the tests with the requirement each one checks; needs no server. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Stanzalab.Version.class,
        description = "List the tests with their specification references.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    SelectionOptions selection = new SelectionOptions();

    @Option(names = "--requirements", description = "Also print each requirement in words.")
    boolean requirements;

    @Option(names = "--target", paramLabel = "NAME[,NAME...]",
            description = "List what a run against these reference servers would run: with one server the cross-domain"
                    + " tests (federation.*) are left out, since they need two servers that federate. Contacts no server.")
    String target;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        List<Suites.PlannedTest> tests = target == null ? Suites.discover(selection) : Suites.discover(selection, servers());
        var out = command.commandLine().getOut();
        for (Suites.PlannedTest test : tests) {
            SpecRef spec = test.spec();
            String ref = spec == null ? "(no @Spec)" : spec.document() + " §" + spec.section() + " " + spec.level();
            out.println(String.format(Locale.ROOT, "%-64s %s", test.id(), ref));
            if (requirements && spec != null) {
                out.println("    " + spec.requirement());
            }
        }
        out.println(tests.size() + (tests.size() == 1 ? " test" : " tests"));
        return tests.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
    }

    private List<org.stanzalab.engine.target.Server> servers() {
        TargetOptions options = new TargetOptions();
        options.target = target;
        return new Settings(options, System.getenv()).servers();
    }
}
