package org.stanzalab.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cross-domain tests: those that need two servers federating with each other (ids under {@value #ID_PREFIX}), and
 * the direction each case of one went. A cross-domain test is parameterised by the engine's {@code Crossing}, whose
 * case keys name the roles ({@value #FIRST_TO_SECOND}: users of the run's first server start the exchange with users
 * of its second; {@value #SECOND_TO_FIRST} the other way); a report turns them into domains with the run's servers.
 */
public final class CrossDomain {
    /** Test ids of cross-domain tests start with this (package org.stanzalab.suites.federation). */
    public static final String ID_PREFIX = "federation.";
    public static final String FIRST_TO_SECOND = "first-to-second";
    public static final String SECOND_TO_FIRST = "second-to-first";

    /**
     * The case key of a Crossing case, alone or followed by more of the key after a separator
     * ({@code [first-to-second]}, {@code [second-to-first-chat]}): a test may combine the direction with cases of its own.
     */
    private static final Pattern DIRECTION_KEY = Pattern.compile(".*\\[(" + FIRST_TO_SECOND + "|" + SECOND_TO_FIRST + ")([-._+][^\\]]*)?]$");

    private CrossDomain() {
    }

    public static boolean isCrossDomain(String testId) {
        return testId != null && testId.startsWith(ID_PREFIX);
    }

    /** One way across the federation: the servers' domains as the run named them, in order. */
    public record Way(String from, String to) {
        /** "prosody.test -> ejabberd.test". */
        public String label() {
            return from + " -> " + to;
        }
    }

    /**
     * The way a test case went, from its case key and the run's servers (the first two, in run order); empty for a
     * test that is not cross-domain, has no direction in its key, or comes from a run with fewer than two servers.
     */
    public static Optional<Way> way(String testId, List<TargetInfo> servers) {
        if (!isCrossDomain(testId) || servers == null || servers.size() < 2) {
            return Optional.empty();
        }
        Matcher m = DIRECTION_KEY.matcher(testId);
        if (!m.matches()) {
            return Optional.empty();
        }
        String first = servers.get(0).domain();
        String second = servers.get(1).domain();
        return Optional.of(FIRST_TO_SECOND.equals(m.group(1)) ? new Way(first, second) : new Way(second, first));
    }

    /**
     * The test id without its direction ({@code federation.rfc6120.CrossDomainBasics.chatCrosses[first-to-second]}
     * becomes {@code federation.rfc6120.CrossDomainBasics.chatCrosses}; a key with more after the direction keeps the
     * rest, {@code [chat]}), so the two directions of one requirement share a row of the interop matrix.
     */
    public static String withoutDirection(String testId) {
        Matcher m = DIRECTION_KEY.matcher(testId);
        if (!isCrossDomain(testId) || !m.matches()) {
            return testId;
        }
        String base = testId.substring(0, m.start(1) - 1);
        String rest = m.group(2);
        return rest == null ? base : base + "[" + rest.substring(1) + "]";
    }
}
