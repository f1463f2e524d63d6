package org.stanzalab.engine.junit;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;

import org.jivesoftware.smack.XMPPException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.engine.UniqueId;
import org.opentest4j.MultipleFailuresError;
import org.opentest4j.TestAbortedException;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.accounts.ProvisioningException;
import org.stanzalab.engine.run.Run;
import org.stanzalab.engine.run.ServerUnderTest;
import org.stanzalab.engine.smack.SmackErrors;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.model.TestId;

/**
 * Gives each test its own {@link Lab}, closes it afterwards, and sorts what a test throws into the verdict words:
 * a broken requirement is a failure, a missing feature is impossible, anything else is an error of the test run,
 * never blamed on the server.
 */
public final class StanzalabExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver,
        TestExecutionExceptionHandler, ExecutionCondition {

    /** The report entry key under which each test publishes its transcript (JSON, see {@link ResultsJson}). */
    public static final String TRANSCRIPT_ENTRY = "stanzalab.transcript";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StanzalabExtension.class);
    /** Store key of the run whose gate (see {@link org.stanzalab.engine.run.Throttle}) the test passed. */
    private static final String GATE = "gate";

    /**
     * Applies --test and --exclude to the cases of parameterised tests, which JUnit only creates while running,
     * after its discovery filters have seen the method.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Run.lookup(context.getConfigurationParameter(Run.ID_PARAMETER).orElse(null)).map(Run::isStopping).orElse(false)) {
            return ConditionEvaluationResult.disabled(Run.NOT_RUN);
        }
        UniqueId.Segment last = UniqueId.parse(context.getUniqueId()).getLastSegment();
        if (!last.getType().endsWith("-invocation") || context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("not a case of a parameterised test");
        }
        Method method = context.getRequiredTestMethod();
        String id = TestId.of(method.getDeclaringClass().getName(), method.getName(),
                TestId.caseKey(context.getDisplayName(), last.getValue().replace("#", "")));
        boolean selected = TestId.selected(id,
                TestId.globs(context.getConfigurationParameter(TestId.INCLUDE_PARAMETER).orElse(null)),
                TestId.globs(context.getConfigurationParameter(TestId.EXCLUDE_PARAMETER).orElse(null)));
        return selected ? ConditionEvaluationResult.enabled("selected")
                : ConditionEvaluationResult.disabled(TestId.NOT_SELECTED);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        Method method = context.getRequiredTestMethod();
        if (method.getAnnotation(Spec.class) == null) {
            throw new TestError(method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + " has no @Spec: every compliance test must cite the requirement it checks");
        }
        Run run = run(context);
        // The gate is passed before the test's timeout starts, so a test waiting for its turn is not timed.
        if (!run.distress().throttle().enter(run::isStopping)) {
            throw new TestAbortedException(Run.NOT_RUN);
        }
        context.getStore(NAMESPACE).put(GATE, run);
        for (ServerUnderTest server : run.servers()) {
            if (server.watch().isGone()) {
                throw new TestError("not run: the server " + server.domain() + " stopped accepting connections at "
                        + server.watch().goneSince());
            }
        }
    }

    /** The run the launch request names; see {@link Run#ID_PARAMETER}. */
    private static Run run(ExtensionContext context) {
        return Run.lookup(context.getConfigurationParameter(Run.ID_PARAMETER).orElse(null)).orElseThrow(() -> new TestError(
                "no Stanzalab run is active: start the tests with 'stanzalab run' or the engine's Runner, which set the servers"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Run run = run(context);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Lab.class, key -> {
            Lab lab = Lab.open(run);
            freshAccounts(context).ifPresent(lab::needFreshAccounts);
            return lab;
        }, Lab.class);
    }

    /** Why the test needs accounts with no history, from its method or its class; empty when any account will do. */
    private static java.util.Optional<String> freshAccounts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        org.stanzalab.engine.FreshAccounts fresh = method.getAnnotation(org.stanzalab.engine.FreshAccounts.class);
        if (fresh == null) {
            fresh = method.getDeclaringClass().getAnnotation(org.stanzalab.engine.FreshAccounts.class);
        }
        return java.util.Optional.ofNullable(fresh).map(org.stanzalab.engine.FreshAccounts::value);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Lab lab = context.getStore(NAMESPACE).remove(Lab.class, Lab.class);
        try {
            if (lab != null) {
                lab.close();
                // The evidence travels with JUnit's own reporting, so any listener of the launch gets it.
                context.publishReportEntry(TRANSCRIPT_ENTRY, ResultsJson.transcriptToJson(lab.transcript().entries()));
            }
        } finally {
            Run gated = context.getStore(NAMESPACE).remove(GATE, Run.class);
            if (gated != null) {
                gated.distress().throttle().leave();
            }
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw classify(run(context), thrown);
    }

    /** Maps what a test threw onto failure (server's fault), impossible, or error (nobody's verdict). */
    static Throwable classify(Run run, Throwable thrown) {
        thrown = unwrapAssertAll(thrown);
        if (thrown instanceof TestAbortedException) {
            return thrown;
        }
        if (isCeilingTimeout(thrown)) {
            return new TestError("the test ran longer than its ceiling of " + run.primary().target().timeouts().testCeiling().toMillis() / 1000.0
                    + " s (--test-timeout); its own waits are bounded, so a slow server or many waits add up", thrown);
        }
        // Whatever went wrong, a server that stopped accepting connections is the explanation, not a verdict:
        // a stanza that never came, a login that broke off, an account that could not be made.
        if (!run.servers().stream().allMatch(server -> server.watch().confirmReachable())) {
            return new TestError("the server went away during the test: " + describe(thrown), thrown);
        }
        if (thrown instanceof AssertionError || thrown instanceof TestError) {
            return thrown;
        }
        if (thrown instanceof XMPPException.XMPPErrorException e) {
            // The server refused something the test relies on and the test did not expect the refusal.
            return new ServerFailure("the server answered " + e.getStanza().getClass().getSimpleName()
                    + " with error <" + e.getStanzaError().getCondition() + "/> where the test expected success");
        }
        if (thrown instanceof ProvisioningException) {
            return new TestError("not run: " + thrown.getMessage(), thrown);
        }
        return new TestError(SmackErrors.describe(thrown), thrown);
    }

    /**
     * {@code assertAll} gathers whatever its checks throw. A check that could not run (a test error, a missing
     * feature) decides the verdict over the failures beside it, and a single failure speaks for itself.
     */
    static Throwable unwrapAssertAll(Throwable thrown) {
        if (!(thrown instanceof MultipleFailuresError multiple) || multiple.getFailures().isEmpty()) {
            return thrown;
        }
        List<Throwable> failures = multiple.getFailures();
        Throwable notAFailure = failures.stream().filter(f -> !(f instanceof AssertionError) || f instanceof TestAbortedException)
                .findFirst().orElse(null);
        if (notAFailure != null || failures.size() == 1) {
            return notAFailure != null ? notAFailure : failures.get(0);
        }
        // JUnit's own message names each failure's class; the heading and the messages are what a reader needs.
        String heading = multiple.getMessage().lines().findFirst().orElse("");
        return new ServerFailure(heading + ":\n- " + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("\n- ")));
    }

    /** JUnit's timeout (junit.jupiter.execution.timeout.default) reports with exception types of its own. */
    private static boolean isCeilingTimeout(Throwable thrown) {
        return thrown instanceof java.util.concurrent.TimeoutException
                || "ExecutionTimeoutException".equals(thrown.getClass().getSimpleName());
    }

    private static String describe(Throwable thrown) {
        return thrown instanceof AssertionError || thrown instanceof TestError || thrown instanceof ProvisioningException
                ? thrown.getMessage() : SmackErrors.describe(thrown);
    }

}
