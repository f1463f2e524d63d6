package org.stanzalab.engine.launch;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.stanzalab.model.CrossDomain;
import org.stanzalab.model.TestId;

/**
 * The cross-domain tests (package {@value #PACKAGE}, ids {@code federation.*}), which a run with one server leaves
 * out: they need two servers that federate, so in a one-server run they would say nothing about the server.
 */
public final class CrossDomainTests {
    public static final String PACKAGE = TestId.SUITES_PACKAGE + "federation";

    /** Excludes every class and method of the cross-domain package. */
    static final PostDiscoveryFilter LEFT_OUT = new PostDiscoveryFilter() {
        @Override
        public FilterResult apply(TestDescriptor descriptor) {
            return isCrossDomain(descriptor)
                    ? FilterResult.excluded("a cross-domain test needs two servers that federate; this run has one")
                    : FilterResult.included("not cross-domain");
        }
    };

    private CrossDomainTests() {
    }

    static boolean isCrossDomain(TestDescriptor descriptor) {
        TestSource source = descriptor.getSource().orElse(null);
        String className = source instanceof MethodSource method ? method.getClassName()
                : source instanceof ClassSource type ? type.getClassName() : null;
        return className != null && CrossDomain.isCrossDomain(TestId.of(className, "x", null));
    }
}
