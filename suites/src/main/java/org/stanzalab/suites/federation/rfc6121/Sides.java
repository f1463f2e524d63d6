package org.stanzalab.suites.federation.rfc6121;

import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;

/**
 * The two servers of a cross-domain test: alice's (home) and bob's (away), as the {@link Crossing} case says. The
 * transcript names the direction once, so a reader knows which server each role is on.
 */
record Sides(Lab home, Lab away) {
    static Sides of(Crossing crossing, Lab lab) {
        Sides sides = new Sides(crossing.home(lab), crossing.away(lab));
        lab.transcript().note("lab", "across the federation " + crossing.describe(lab) + ": alice is on " + sides.home.domain()
                + ", bob on " + sides.away.domain());
        return sides;
    }
}
