package org.stanzalab.engine;

import java.util.Optional;

import org.jivesoftware.smack.packet.Stanza;
import org.stanzalab.engine.run.Run;
import org.stanzalab.engine.run.ServerUnderTest;

/**
 * The precondition of every absence the suites decide and of every "settled" they wait for: a ping to the server
 * is answered after what was sent before it, a marker message reaches the full JID it is sent to, and a marker IQ
 * to another session comes back answered (see {@link Barrier} and {@link Marker}). Checked once per server before
 * the tests: if the server gets it wrong, the run says so once and the tests that rely on it end as errors naming
 * that cause, instead of each failing under its own requirement.
 */
public final class SynchronisationCheck {
    private SynchronisationCheck() {
    }

    /**
     * Runs the round trips on one server of the run with two accounts of its own. Returns what went wrong, or empty
     * when the synchronisation works. When the check cannot run at all (no accounts for it), it says nothing: the
     * tests themselves will show it.
     */
    public static Optional<String> run(Run run, ServerUnderTest server) {
        try (Lab lab = Lab.open(run).domain(server.domain())) {
            Session alice = lab.newUser().connect();
            Session bob = lab.newUser().connect();
            return check(lab, alice, bob);
        } catch (ServerFailure e) {
            return Optional.of(firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            // No accounts or no login for the check: the tests will meet the same trouble and say so themselves.
            return Optional.empty();
        }
    }

    private static Optional<String> check(Lab lab, Session alice, Session bob) {
        lab.barrier(alice, bob).settled();
        // One check decides every test that relies on it, so a slow first round trip (a loaded machine, a BOSH
        // session's first requests) gets a few reply timeouts before it counts as broken; a working server answers
        // at once and costs nothing more.
        java.time.Duration patience = lab.timeouts().reply().multipliedBy(3);
        Marker message = alice.sendMarkerTo(bob);
        if (bob.poll(Stanza.class, message::is, patience).isEmpty()) {
            return Optional.of("a marker message from " + alice.jid() + " to " + bob.jid() + " did not arrive within "
                    + Session.seconds(patience) + " (RFC 6121 §8.5.3.1 requires its delivery)");
        }
        Marker iq = alice.sendMarkerIq(bob.jid());
        if (alice.poll(Stanza.class, iq::is, patience).isEmpty()) {
            return Optional.of("a marker IQ from " + alice.jid() + " to " + bob.jid() + ", answered by " + bob.jid()
                    + ", brought no reply back within " + Session.seconds(patience) + alice.unparsableNote());
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    /** Used where a test relies on the synchronisation: a test error naming the cause, if the check found one. */
    static void requireWorking(Lab lab) {
        lab.server().synchronisationBroken().ifPresent(reason -> {
            throw new TestError("not run: the synchronisation the test relies on does not work on " + lab.domain()
                    + " (checked before the run: " + reason + ")");
        });
    }
}
