package org.stanzalab.cli;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.stanzalab.engine.TestCases;
import org.stanzalab.engine.launch.TestIds;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TestId;
import org.stanzalab.report.profile.ProfileJudge;

/**
 * --spec, --test and --exclude as a JUnit post-discovery filter, matching on our test ids and @Spec. A
 * parameterised method stays when at least one of its cases is selected; the engine then skips the cases that are
 * not (see the configuration parameters in {@link TestId}).
 */
final class TestSelection implements PostDiscoveryFilter {
    private final Set<String> specs;
    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    private final boolean byProfile;
    private final Set<String> profileSpecs;
    private final List<Pattern> profileTests;
    private final List<Pattern> within;

    TestSelection(SelectionOptions options) {
        this.specs = options.specs.stream().map(SpecRef::normalize).collect(Collectors.toSet());
        this.includes = options.tests.stream().map(TestId::glob).toList();
        this.excludes = options.excludes.stream().map(TestId::glob).toList();
        List<String> selectors = options.profiles().stream().flatMap(p -> p.selectors().stream()).toList();
        this.byProfile = !options.profiles().isEmpty();
        this.profileSpecs = Set.copyOf(ProfileJudge.specSelectors(selectors));
        this.profileTests = ProfileJudge.testSelectors(selectors).stream().map(TestId::glob).toList();
        this.within = options.within.stream().map(TestId::glob).toList();
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        TestIdentifier test = TestIdentifier.from(descriptor);
        MethodSource source = TestIds.methodSource(test).orElse(null);
        if (source == null) {
            return FilterResult.included("container");
        }
        if (!specs.isEmpty()) {
            String key = TestIds.spec(test).map(SpecRef::documentKey).orElse("");
            if (!specs.contains(key)) {
                return FilterResult.excluded("not in --spec");
            }
        }
        String specKey = TestIds.spec(test).map(SpecRef::documentKey).orElse("");
        return caseIds(source).stream().anyMatch(id -> selected(id, specKey))
                ? FilterResult.included("selected")
                : FilterResult.excluded("not matched by --test or --profile, or matched by --exclude");
    }

    /** Whether a test (or case) with this id, of the document with this key, passes --test, --exclude and --profile. */
    boolean selected(String id, String specKey) {
        if (!within(id)) {
            return false;
        }
        if (byProfile && !profileSpecs.contains(specKey) && profileTests.stream().noneMatch(p -> p.matcher(id).matches())) {
            return false;
        }
        return TestId.selected(id, includes, excludes);
    }

    /** Whether an id lies within the patterns a command keeps its selection to (all ids when it sets none). */
    boolean within(String id) {
        return within.isEmpty() || within.stream().anyMatch(p -> p.matcher(id).matches());
    }

    /** The ids a test method stands for: itself, or each of its cases. */
    static List<String> caseIds(MethodSource source) {
        Method method = source.getJavaMethod();
        if (!TestCases.isParameterised(method)) {
            return List.of(TestId.of(source.getClassName(), source.getMethodName(), null));
        }
        return TestCases.keys(method).stream()
                .map(key -> TestId.of(source.getClassName(), source.getMethodName(), key))
                .toList();
    }
}
