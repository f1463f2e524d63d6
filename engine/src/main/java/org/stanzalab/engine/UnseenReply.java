package org.stanzalab.engine;

import java.time.Duration;
import java.util.Optional;

import org.jivesoftware.smack.filter.IQReplyFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.Jid;

/**
 * What became of the reply to an IQ request when Smack handed none to the test within the reply timeout. Smack
 * matches a reply by id and by its 'from', and drops a stanza it cannot parse; the session's mailbox sees every
 * stanza and every unparsable one, so the verdict says what the server did instead of "no reply": it answered from
 * another address, its reply was malformed, it answered late, or it did not answer at all. Every request of a test
 * goes through {@link Session#request}, and this is the one place that decides.
 */
final class UnseenReply {
    private final Session session;
    private final IQ request;
    private final long sentNanos;

    UnseenReply(Session session, IQ request, long sentNanos) {
        this.session = session;
        this.request = request;
        this.sentNanos = sentNanos;
    }

    /**
     * The failure that describes what happened. A reply not seen by the end of the reply timeout gets one more
     * reply timeout: one that comes then is reported as late, with its delay, rather than as missing.
     */
    ServerFailure failure() {
        Duration timeout = session.lab().timeouts().reply();
        Optional<ServerFailure> misdelivered = misaddressedOrUnparsable();
        if (misdelivered.isPresent()) {
            return misdelivered.get();
        }
        Object lock = session.lab().mailboxLock();
        synchronized (lock) {
            try {
                Inbox.awaitUntil(lock, timeout, () -> replyWithId().isPresent() || misaddressedOrUnparsable().isPresent());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestError("interrupted while waiting for a reply", e);
            }
        }
        String late = "the reply came late, " + Session.seconds(sinceSent()) + " after the request, where the reply timeout is "
                + Session.seconds(timeout);
        return misaddressedOrUnparsable().map(failure -> new ServerFailure(late + "; " + failure.getMessage()))
                .or(() -> replyWithId().map(reply -> new ServerFailure(late + " (RFC 6120 §8.2.3 requires a reply, and the"
                        + " tool waits that long for one): " + reply.toXML())))
                .orElseGet(() -> new ServerFailure("no reply within " + Session.seconds(timeout) + " (nor in the "
                        + Session.seconds(timeout) + " after) to " + Session.describe(request) + " (RFC 6120 §8.2.3 requires one)"));
    }

    /** A reply in the mailbox with the request's id, from whatever address. */
    private Optional<IQ> replyWithId() {
        String id = request.getStanzaId();
        return session.inbox().all().stream()
                .filter(s -> s instanceof IQ iq && iq.isResponseIQ() && id.equals(iq.getStanzaId()))
                .map(IQ.class::cast).findFirst();
    }

    /** The reply Smack could not take, as the failure it amounts to: from the wrong address, or unparsable. */
    private Optional<ServerFailure> misaddressedOrUnparsable() {
        Optional<IQ> reply = replyWithId();
        if (reply.isPresent()) {
            return new IQReplyFilter(request, session.smack()).accept(reply.get()) ? Optional.empty() : Optional.of(misaddressed(reply.get()));
        }
        return session.inbox().unparsedWithId(request.getStanzaId()).map(raw -> new ServerFailure("the server's reply to "
                + Session.describe(request) + " could not be parsed" + (raw.getValue().isEmpty() ? "" : " (" + raw.getValue() + ")")
                + ": " + raw.getKey()));
    }

    private Duration sinceSent() {
        return Duration.ofNanos(System.nanoTime() - sentNanos).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * A reply with the request's id that Smack did not take: its 'from' is not what a reply to this address may
     * carry. Which rule applies depends on who was addressed.
     */
    private ServerFailure misaddressed(IQ reply) {
        Jid to = request.getTo();
        String from = reply.getFrom() == null ? "no 'from'" : "'from' " + reply.getFrom();
        String addressed = to == null ? "no 'to' (the user's own account)" : "'to' " + to;
        return new ServerFailure("the reply to " + Session.describe(request) + " came with " + from
                + ", but the request had " + addressed + ": " + rule(to) + ". The reply: " + reply.toXML());
    }

    /** The addressing rule a reply to {@code to} follows, in our words. */
    private String rule(Jid to) {
        if (to == null || to.equals(session.bareJid())) {
            return "RFC 6120 §8.1.2.1 (MUST) and §10.3.3: the server answers for the account, so the reply carries no"
                    + " 'from' or the account's bare JID";
        }
        if (to.equals(session.lab().domainJid())) {
            return "RFC 6120 §8.1.2.1 (MUST): a stanza the server generates itself carries the server's domain as 'from'";
        }
        return "RFC 6120 §8.3.1 (SHOULD) and §8.1.2.1: the reply comes from the addressed entity, an error swapping the"
                + " request's 'from' and 'to'";
    }
}
