package org.stanzalab.engine.launch;

import java.util.Optional;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TestId;

/** Test ids ({@link TestId}) and @Spec metadata of the tests in a JUnit test plan. */
public final class TestIds {
    private TestIds() {
    }

    public static String id(TestIdentifier test) {
        MethodSource source = methodSource(test).orElse(null);
        if (source == null) {
            return test.getDisplayName();
        }
        String id = TestId.of(source.getClassName(), source.getMethodName(), null);
        UniqueId.Segment last = UniqueId.parse(test.getUniqueId()).getLastSegment();
        if (last.getType().endsWith("-invocation")) {
            id += "[" + TestId.caseKey(test.getDisplayName(), last.getValue().replace("#", "")) + "]";
        }
        return id;
    }

    public static Optional<SpecRef> spec(TestIdentifier test) {
        return methodSource(test).flatMap(source -> {
            try {
                return SpecRefs.of(source.getJavaMethod());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    public static Optional<MethodSource> methodSource(TestIdentifier test) {
        Optional<TestSource> source = test.getSource();
        return source.filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
    }
}
