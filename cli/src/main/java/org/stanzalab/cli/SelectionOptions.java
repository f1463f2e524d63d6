package org.stanzalab.cli;

import java.util.ArrayList;
import java.util.List;

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
}
