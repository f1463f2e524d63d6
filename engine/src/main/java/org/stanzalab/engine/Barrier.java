package org.stanzalab.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.ping.packet.Ping;

/**
 * A wait over several sessions of a test at once: until each of them has seen something, or until the server has
 * processed what each has sent. All parties share one bound (the reply timeout), so N parties cost no more than
 * the slowest, and a failure names every party still waiting. Made by {@link Lab#barrier}.
 */
public final class Barrier {
    private final Lab lab;
    private final List<Session> parties;

    Barrier(Lab lab, List<Session> parties) {
        this.lab = lab;
        this.parties = List.copyOf(parties);
    }

    /**
     * Returns once the server has processed everything each party has sent so far: every party pings its server
     * at once, and a server handles one stream's stanzas in order (RFC 6120 §10.1), so each answer comes after.
     * An unanswered ping is a server failure (RFC 6120 §8.2.3 requires an answer to every IQ).
     */
    public void settled() {
        SynchronisationCheck.requireWorking(lab);
        Map<Session, String> pings = new LinkedHashMap<>();
        for (Session party : parties) {
            Ping ping = new Ping(party.smack(), lab.domainJid());
            party.send(ping);
            pings.put(party, ping.getStanzaId());
        }
        List<Session> unanswered = await(party -> s -> s instanceof IQ iq && iq.isResponseIQ()
                && pings.get(party).equals(s.getStanzaId()));
        if (!unanswered.isEmpty()) {
            throw new ServerFailure(labels(unanswered) + " got no reply within " + Session.seconds(lab.timeouts().reply())
                    + " to a ping (RFC 6120 §8.2.3 requires one)");
        }
    }

    /**
     * Waits until every party has received a stanza that matches (one not yet matched or forgotten), and returns
     * them in the order of the parties; fails naming the parties that had none within the reply timeout.
     */
    public <S extends Stanza> List<S> expectEach(Class<S> type, String description, Predicate<? super S> matcher) {
        Map<Session, S> found = new LinkedHashMap<>();
        List<Session> missing = await(party -> s -> {
            if (type.isInstance(s) && matcher.test(type.cast(s))) {
                found.put(party, type.cast(s));
                return true;
            }
            return false;
        });
        if (!missing.isEmpty()) {
            throw new ServerFailure(labels(missing) + " expected " + description + " within " + Session.seconds(lab.timeouts().reply())
                    + ", but it did not arrive. Last traffic:\n" + lab.transcript().tail(6));
        }
        List<S> inOrder = new ArrayList<>();
        parties.forEach(p -> inOrder.add(found.get(p)));
        return inOrder;
    }

    /**
     * Waits until each party has received a stanza that its own matcher accepts, all within the reply timeout;
     * consumes one per party and returns the parties that had none (empty: all did).
     */
    public List<Session> await(Function<Session, Predicate<Stanza>> matcherFor) {
        return awaitWithin(lab.timeouts().reply(), matcherFor);
    }

    /**
     * Waits until at least one party has received a stanza that its matcher accepts, at most the reply timeout,
     * and returns the first such party; the stanza is consumed.
     */
    public Optional<Session> awaitAny(Function<Session, Predicate<Stanza>> matcherFor) {
        Session[] first = new Session[1];
        waitOnMailboxes(lab.timeouts().reply(), () -> {
            for (Session party : parties) {
                if (party.inbox().takeNow(Stanza.class, matcherFor.apply(party)).isPresent()) {
                    first[0] = party;
                    return true;
                }
            }
            return false;
        });
        return Optional.ofNullable(first[0]);
    }

    private List<Session> awaitWithin(Duration timeout, Function<Session, Predicate<Stanza>> matcherFor) {
        List<Session> waiting = new ArrayList<>(parties);
        waitOnMailboxes(timeout, () -> {
            waiting.removeIf(party -> party.inbox().takeNow(Stanza.class, matcherFor.apply(party)).isPresent());
            return waiting.isEmpty();
        });
        return waiting;
    }

    private void waitOnMailboxes(Duration timeout, java.util.function.BooleanSupplier done) {
        Object lock = lab.mailboxLock();
        synchronized (lock) {
            try {
                Inbox.awaitUntil(lock, timeout, done);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestError("interrupted while waiting for " + labels(parties), e);
            }
        }
    }

    private static String labels(List<Session> sessions) {
        return String.join(", ", sessions.stream().map(Session::label).toList());
    }
}
