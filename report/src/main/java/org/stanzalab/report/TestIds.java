package org.stanzalab.report;

import java.util.Optional;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.stanzalab.engine.SpecRef;

/** Stable, readable test ids: "rfc6120.StartTls.isOfferedBeforeAuthentication", "[n]" added per parameter case. */
public final class TestIds {
    /** Suites live below this package; ids start after it. */
    public static final String SUITES_PACKAGE = "org.stanzalab.suites.";

    private TestIds() {
    }

    public static String id(TestIdentifier test) {
        MethodSource source = methodSource(test).orElse(null);
        if (source == null) {
            return test.getDisplayName();
        }
        String className = source.getClassName();
        if (className.startsWith(SUITES_PACKAGE)) {
            className = className.substring(SUITES_PACKAGE.length());
        }
        String id = className.replace('$', '.') + "." + source.getMethodName();
        UniqueId.Segment last = UniqueId.parse(test.getUniqueId()).getLastSegment();
        if (last.getType().endsWith("-invocation")) {
            id += "[" + last.getValue().replace("#", "") + "]";
        }
        return id;
    }

    public static Optional<SpecRef> spec(TestIdentifier test) {
        return methodSource(test).flatMap(source -> {
            try {
                return SpecRef.of(source.getJavaMethod());
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
