package org.stanzalab.suites.rfc6120;

import static org.stanzalab.engine.Level.MUST;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.federation.PeerProbes;
import org.stanzalab.engine.federation.RemoteServer;
import org.stanzalab.engine.federation.RemoteServer.Tls;
import org.stanzalab.wire.StreamClosedException;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;

/**
 * RFC 6120 server-to-server streams from the receiving side, with the tool as the initiating server: a stream
 * header for a domain the server does not serve (§4.9.1.2, §4.9.3.6), and stanzas on a secured stream that was
 * never authenticated (§4.9.3.12). The addressing rules on an authenticated stream are in
 * {@link ServerToServerAddressing}.
 */
@StanzalabTest
class ServerToServerStreams {
    /** A domain no server serves: the .invalid top-level domain is reserved (RFC 6761 §6.4). */
    static final String UNSERVED = "not-served.invalid";

    // §4.9.3.6 names the condition; §4.9.1.2 says the response header comes first. host-gone (§4.9.3.5) is the
    // same answer for a domain the server once served, and a server cannot be faulted for believing that.
    @Spec(document = "RFC 6120", section = "4.9.1.2", level = MUST,
          requirement = "a server-to-server stream header whose 'to' names a domain the server does not serve gets a"
                  + " response header and then the <host-unknown/> stream error (or <host-gone/>)")
    @Test
    void headerForUnservedDomainGetsHostUnknown(Lab lab) throws WireException {
        RemoteServer remote = lab.trustedRemoteServer("good.tool.test");
        // The initial header: a restarted one whose 'to' differs from the first raises another question (a changed
        // 'to'), which RFC 6120 does not settle.
        WireStream stream = remote.connectRaw(Tls.STARTTLS);
        RemoteServer.sendHeader(stream, remote.domain(), UNSERVED);
        try {
            StreamHeader header = stream.readStreamHeader();
            lab.transcript().note("header", "response header from '" + header.from() + "'");
        } catch (StreamClosedException e) {
            throw new ServerFailure("RFC 6120 §4.9.1.2 (MUST): " + lab.domain() + " answered a header for " + UNSERVED
                    + " without a response header first: " + stream.lastStreamError().map(StreamError::describe)
                    .orElse("the connection closed"));
        }
        expectStreamError(lab, stream, "a header for " + UNSERVED, Set.of("host-unknown", "host-gone"));
    }

    @Spec(document = "RFC 6120", section = "4.9.3.12", level = MUST,
          requirement = "a stanza sent on a secured server-to-server stream before the peer authenticated is not"
                  + " processed: the server closes the stream with <not-authorized/> and nothing is delivered")
    @Test
    void stanzaBeforeAuthenticationIsNotAuthorized(Lab lab) throws WireException {
        RemoteServer remote = lab.trustedRemoteServer(ServerToServerAddressing.TO_DOMAIN);
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        RemoteServer.Secured secured = remote.secureOut(Tls.STARTTLS, lab.domain());
        String body = "unauthenticated " + UUID.randomUUID();

        secured.stream().send(ServerToServerAddressing.message("someone@" + remote.domain() + "/desk",
                alice.jid().toString(), body));

        // Delivery is checked first: a server that processed the stanza broke the rule whatever it said afterwards.
        PeerProbes.Ending ending = PeerProbes.awaitEnding(lab, secured.stream(), lab.timeouts().reply().multipliedBy(2),
                () -> false);
        ServerToServerAddressing.expectNotDelivered(lab, alice, bob, body, "the stanza sent before authentication", true);
        if (ending.error().isEmpty() || !"not-authorized".equals(ending.error().get().condition())) {
            throw new ServerFailure(lab.domain() + " did not deliver a stanza sent by " + remote.domain() + " before"
                    + " authenticating, but answered with: " + ending.describe() + " (expected <not-authorized/>)");
        }
    }

    @Spec(document = "RFC 6120", section = "4.7.1", level = MUST,
          requirement = "a server connecting out to a peer that requires TLS (a user wrote to someone there) secures"
                  + " the stream, names its domain in 'from' of the header after TLS, and delivers the message once"
                  + " authenticated")
    @Test
    void outgoingStreamIsSecuredAndNamesItsDomain(Lab lab) {
        RemoteServer remote = lab.trustedRemoteServer("good.tool.test");
        Session alice = lab.newUser().connect();

        PeerProbes.Sent sent = PeerProbes.userWritesToRemote(lab, remote, alice, lab.timeouts().reply().multipliedBy(3));

        if (remote.incomingStreams().isEmpty()) {
            throw new ServerFailure(lab.domain() + " did not open a TLS-secured stream to " + remote.domain()
                    + " for " + alice.bareJid() + "'s message (" + remote.incomingConnections() + " connection(s) opened)"
                    + sent.bounce().map(b -> "; the user got " + b.toXML()).orElse(""));
        }
        RemoteServer.Incoming first = remote.incomingStreams().get(0);
        if (!lab.domain().equalsIgnoreCase(String.valueOf(first.securedHeader().from()))) {
            throw new ServerFailure(lab.domain() + " opened its secured stream to " + remote.domain() + " with 'from' '"
                    + first.securedHeader().from() + "', not its own domain");
        }
        // A client certificate is what SASL EXTERNAL needs; a server that authenticates by dialback may present none.
        lab.transcript().note("certificate", lab.peerCa().checkPeer(first.peerCertificates(), lab.domain())
                .map(problem -> "the certificate it presented does not validate for " + lab.domain() + ": " + problem)
                .orElse("it presented a certificate that validates for " + lab.domain()));
        if (sent.arrived().isEmpty()) {
            throw new ServerFailure(lab.domain() + " secured its stream to " + remote.domain() + " but the message never"
                    + " arrived" + sent.bounce().map(b -> "; the user got " + b.toXML()).orElse(""));
        }
    }

    /** Waits for the stream error and checks its condition; a silent close or no answer fails. */
    static StreamError expectStreamError(Lab lab, WireStream stream, String after, Set<String> allowed) {
        StreamError error;
        try {
            error = stream.expectStreamError(lab.timeouts().reply().multipliedBy(2));
        } catch (StreamClosedException e) {
            throw new ServerFailure(lab.domain() + " closed the stream after " + after + " without a stream error"
                    + " (expected " + allowed + ")");
        } catch (WireException e) {
            throw new ServerFailure(lab.domain() + " sent no stream error after " + after + " (expected " + allowed
                    + "): " + e.getMessage() + lastReceived(stream));
        }
        if (!allowed.contains(error.condition())) {
            throw new ServerFailure(lab.domain() + " answered " + after + " with " + error.describe()
                    + (error.text() == null ? "" : " (" + error.text() + ")") + ", not one of " + allowed);
        }
        return error;
    }

    private static String lastReceived(WireStream stream) {
        var received = stream.received();
        return received.isEmpty() ? "" : "; last received: " + received.get(received.size() - 1).toXml();
    }
}
