package org.stanzalab.cli;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.stanzalab.engine.SpecRef;
import org.stanzalab.report.TestIds;

/** --spec, --test and --exclude as a JUnit post-discovery filter, matching on our test ids and @Spec. */
final class TestSelection implements PostDiscoveryFilter {
    private final Set<String> specs;
    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    TestSelection(SelectionOptions options) {
        this.specs = options.specs.stream().map(SpecRef::normalize).collect(Collectors.toSet());
        this.includes = options.tests.stream().map(TestSelection::pattern).toList();
        this.excludes = options.excludes.stream().map(TestSelection::pattern).toList();
    }

    /** A glob with * and ?, or, without wildcards, an id or id prefix ("rfc6120.StartTls"). */
    static Pattern pattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.trim().toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        boolean wildcard = glob.contains("*") || glob.contains("?");
        return Pattern.compile(wildcard ? regex.toString() : regex + "([.\\[].*)?", Pattern.CASE_INSENSITIVE);
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!descriptor.isTest()) {
            return FilterResult.included("container");
        }
        TestIdentifier test = TestIdentifier.from(descriptor);
        String id = TestIds.id(test);
        if (!specs.isEmpty()) {
            String key = TestIds.spec(test).map(SpecRef::documentKey).orElse("");
            if (!specs.contains(key)) {
                return FilterResult.excluded("not in --spec");
            }
        }
        if (!includes.isEmpty() && includes.stream().noneMatch(p -> p.matcher(id).matches())) {
            return FilterResult.excluded("not matched by --test");
        }
        if (excludes.stream().anyMatch(p -> p.matcher(id).matches())) {
            return FilterResult.excluded("matched by --exclude");
        }
        return FilterResult.included("selected");
    }
}
