package org.stanzalab.engine.federation;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.TestError;
import org.stanzalab.wire.StreamClosedException;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.server.ServerNamespaces;

/**
 * The two ways a test sees whether a server-to-server stream carried anything: a message the tool sends on a stream
 * it authenticated reaching a real user, and a message a real user sends to the tool's domain reaching the tool.
 */
public final class PeerProbes {
    private PeerProbes() {
    }

    /**
     * Sends a chat message from {@code someone@DOMAIN} on the authenticated stream and waits for {@code user} to
     * receive it; a server that accepted the stream but drops what comes on it fails the test.
     */
    public static void messageReachesUser(Lab lab, RemoteServer remote, RemoteServer.Outgoing stream, Session user) {
        String body = "from " + remote.domain() + " " + UUID.randomUUID();
        try {
            stream.send("<message xmlns='" + ServerNamespaces.SERVER + "' from='someone@" + XmlEscape.attribute(remote.domain())
                    + "/desk' to='" + XmlEscape.attribute(user.jid().toString()) + "' type='chat' id='"
                    + UUID.randomUUID() + "'><body>" + XmlEscape.text(body) + "</body></message>");
        } catch (WireException e) {
            throw new ServerFailure("the stream " + lab.domain() + " accepted from " + remote.domain()
                    + " broke when the message was sent: " + e.getMessage());
        }
        user.expectMessage("the message from someone@" + remote.domain() + " over the authenticated stream",
                m -> body.equals(m.getBody()));
    }

    private static Optional<Message> bounceTo(Session user) {
        try {
            return Optional.of(user.expectWithin(Duration.ofMillis(1), Message.class, "an error bounce",
                    m -> m.getType() == Message.Type.error));
        } catch (ServerFailure none) {
            return Optional.empty();
        }
    }

    /** What became of a message a user sent to someone at the tool's domain. */
    public record Sent(String body, Optional<XmlElement> arrived, Optional<Message> bounce) {
    }

    /**
     * {@code user} writes to {@code someone@DOMAIN}; waits at most {@code within} for the message to reach the tool,
     * or until an error bounce reaches the user, whichever comes first.
     */
    public static Sent userWritesToRemote(Lab lab, RemoteServer remote, Session user, Duration within) {
        String body = "to " + remote.domain() + " " + UUID.randomUUID();
        try {
            user.sendMessage(JidCreate.entityBareFrom("someone@" + remote.domain()), Message.Type.chat, body);
        } catch (XmppStringprepException e) {
            throw new TestError("not a valid address: someone@" + remote.domain(), e);
        }
        // Whichever comes first ends the wait: the message at the tool, or an error bounce to the user. A server that
        // drops the message silently leaves only the bound, which is recorded as a fixed wait.
        long started = System.nanoTime();
        long deadline = started + within.toNanos();
        Optional<XmlElement> arrived = Optional.empty();
        Optional<Message> bounce = Optional.empty();
        while (arrived.isEmpty() && bounce.isEmpty() && System.nanoTime() < deadline) {
            arrived = remote.awaitStanza(e -> e.name().equals("message")
                    && e.childText("body", ServerNamespaces.SERVER).map(body::equals).orElse(false), Duration.ofMillis(250));
            if (arrived.isEmpty()) {
                bounce = bounceTo(user);
            }
        }
        if (arrived.isEmpty() && bounce.isEmpty()) {
            lab.recordFixedWait(Duration.ofNanos(System.nanoTime() - started));
        }
        return new Sent(body, arrived, bounce);
    }

    /**
     * How a stream the tool opened went on after a fault: the server ended it (with a stream error, or without one),
     * the test saw the stream go on ({@code goingOn}), or neither within the wait.
     */
    public record Ending(Optional<StreamError> error, boolean ended, boolean goingOn) {
        public String describe() {
            if (error.isPresent()) {
                return "stream error " + error.get().describe();
            }
            return ended ? "the connection closed without a stream error" : goingOn ? "the stream went on"
                    : "nothing happened on the stream";
        }
    }

    /**
     * Reads {@code stream} until the server sends a stream error or closes it, or {@code goingOn} says the stream
     * evidently went on (say, a stanza sent after the fault reached its addressee), or {@code within} passes. Polls
     * the condition every 100 ms; a wait that ends only at the bound is recorded as a fixed wait.
     */
    public static Ending awaitEnding(Lab lab, WireStream stream, Duration within, BooleanSupplier goingOn) {
        long started = System.nanoTime();
        long deadline = started + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                XmlElement next = stream.next(Duration.ofMillis(100));
                if (StreamError.isStreamError(next)) {
                    return new Ending(Optional.of(StreamError.from(next)), true, false);
                }
            } catch (StreamClosedException closed) {
                return new Ending(stream.lastStreamError(), true, false);
            } catch (WireTimeoutException quiet) {
                if (goingOn.getAsBoolean()) {
                    return new Ending(Optional.empty(), false, true);
                }
            } catch (WireException broken) {
                return new Ending(stream.lastStreamError(), true, false);
            }
        }
        lab.recordFixedWait(Duration.ofNanos(System.nanoTime() - started));
        return new Ending(Optional.empty(), false, false);
    }
}
