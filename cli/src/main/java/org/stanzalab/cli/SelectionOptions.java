package org.stanzalab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.stanzalab.report.profile.Profile;

import picocli.CommandLine.Option;

/** Which tests to run or list. */
final class SelectionOptions {
    @Option(names = "--spec", paramLabel = "DOC", split = ",",
            description = "Only tests of these specifications, e.g. RFC6120, XEP-0030 (repeatable, comma-separated).")
    List<String> specs = new ArrayList<>();

    @Option(names = "--test", paramLabel = "PATTERN", split = ",",
            description = "Only tests whose id matches: a glob (* and ?) or an id prefix such as rfc6120.StartTls.")
    List<String> tests = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PATTERN", split = ",", description = "Leave out tests whose id matches.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME|FILE", split = ",",
            description = "Only the tests that decide these profiles (names in profiles/, e.g. xep0479-im-core, nta7532, "
                    + "or a YAML file of your own), and print each profile's verdict.")
    List<String> profileNames = new ArrayList<>();

    /**
     * Set by a command, not a flag: when not empty, only tests whose id matches one of these patterns are selected,
     * whatever else selects them (the federated run's parts). Not a narrowing by the user.
     */
    List<String> within = List.of();

    private List<Profile> profiles;

    /** The same selection, kept within these patterns. */
    SelectionOptions within(List<String> patterns) {
        SelectionOptions copy = new SelectionOptions();
        copy.specs = specs;
        copy.tests = tests;
        copy.excludes = excludes;
        copy.profileNames = profileNames;
        copy.profiles = profiles;
        copy.within = List.copyOf(patterns);
        return copy;
    }

    /** Whether any option narrows the run to part of the suite (so tests it leaves out are not missing). */
    boolean narrowed() {
        return !specs.isEmpty() || !tests.isEmpty() || !excludes.isEmpty() || !profileNames.isEmpty();
    }

    /** The profiles named by --profile, loaded once. */
    List<Profile> profiles() {
        if (profiles == null) {
            List<Profile> loaded = new ArrayList<>();
            for (String name : profileNames) {
                try {
                    loaded.add(Profile.load(name.trim(), profileFolder()));
                } catch (IOException e) {
                    throw UserError.usage(e.getMessage());
                }
            }
            profiles = List.copyOf(loaded);
        }
        return profiles;
    }

    static Path profileFolder() {
        return Path.of(System.getenv().getOrDefault("STANZALAB_HOME", "."), "profiles");
    }
}
