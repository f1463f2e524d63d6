package org.stanzalab.engine;

import java.util.List;

import org.stanzalab.model.CrossDomain;

/**
 * Which way a cross-domain test goes between the run's first two servers: users of the home server talk to users of
 * the away server, over the servers' own federation. A cross-domain test takes it as its first parameter,
 * {@code @ParameterizedTest(name = "{0}") @EnumSource(Crossing.class)}, so every requirement is checked in both
 * directions of the same run; the case keys name the roles, the transcript names the domains.
 */
public enum Crossing {
    FIRST_TO_SECOND(0, 1, CrossDomain.FIRST_TO_SECOND),
    SECOND_TO_FIRST(1, 0, CrossDomain.SECOND_TO_FIRST);

    private final int home;
    private final int away;
    /** The case key, which reports read back into domains (see {@link CrossDomain#way}). */
    private final String key;

    Crossing(int home, int away, String key) {
        this.home = home;
        this.away = away;
        this.key = key;
    }

    /** The server whose users start the exchange. */
    public Lab home(Lab lab) {
        return lab.domain(domains(lab).get(home));
    }

    /** The server across the federation. */
    public Lab away(Lab lab) {
        return lab.domain(domains(lab).get(away));
    }

    /**
     * How long a stanza may take to cross: the first stanza between two domains may wait for a server-to-server
     * stream to be set up (TCP, TLS and authentication, bounded like any connection by the connect timeout) before
     * it travels like any other (the reply timeout). Later stanzas use the stream already there and come sooner;
     * every wait for one ends as soon as it arrives.
     */
    public static java.time.Duration crossingTime(Lab lab) {
        return lab.timeouts().connect().plus(lab.timeouts().reply());
    }

    /** "prosody.test -> ejabberd.test", for notes and reports. */
    public String describe(Lab lab) {
        List<String> domains = domains(lab);
        return domains.get(home) + " -> " + domains.get(away);
    }

    private List<String> domains(Lab lab) {
        List<String> domains = lab.domains();
        if (domains.size() < 2) {
            throw new Impossible("a cross-domain test needs two servers that federate; this run has only "
                    + domains.get(0) + " (run with --target a,b, e.g. --target prosody,ejabberd)");
        }
        return domains;
    }

    @Override
    public String toString() {
        return key;
    }
}
