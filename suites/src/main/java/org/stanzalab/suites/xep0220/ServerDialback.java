package org.stanzalab.suites.xep0220;

import static org.stanzalab.engine.Level.MUST;

import java.time.Duration;
import java.util.UUID;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.federation.RemoteServer;
import org.stanzalab.engine.federation.RemoteServer.DialbackKey;
import org.stanzalab.engine.federation.RemoteServer.Tls;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.server.ServerNamespaces;

/**
 * XEP-0220 server dialback with the tool on the other side. As authoritative server (§2.2.2) the server under test
 * is asked by the tool, playing a receiving server, whether a key it sent is genuine: its own key for the stream
 * it was sent on is valid, an altered key or another stream id is invalid. As receiving server (§2.2.1) it answers a
 * request for a domain it does not serve with a dialback error and keeps the stream. Refusing a peer whose key the
 * authoritative server denies is checked in rfc6120.PeerCertificates and rfc7590.PeerServerAuthentication.
 */
@StanzalabTest
class ServerDialback {
    static final String FEATURE = "urn:xmpp:features:dialback";

    /** What the tool, as a receiving server, asks the server under test to confirm. */
    enum Verify {
        OWN_KEY("own-key", true),
        ALTERED_KEY("altered-key", false),
        OTHER_STREAM_ID("other-stream-id", false);

        private final String key;
        final boolean valid;

        Verify(String key, boolean valid) {
            this.key = key;
            this.valid = valid;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0220", version = "1.1.1", section = "2.2.2", level = MUST,
          requirement = "as authoritative server, a server answers <db:verify/> with from and to swapped, the id copied"
                  + " and type 'valid' for the key it sent on that stream, 'invalid' for an altered key or another"
                  + " stream id")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Verify.class)
    void authoritativeServerAnswersKeyCheck(Verify ask, Lab lab) throws WireException {
        RemoteServer remote = lab.trustedRemoteServer("tool.test").offerDialbackOnly();
        RemoteServer.Secured secured = remote.secureOut(Tls.STARTTLS, lab.domain());
        // A server that does not advertise dialback (§2.4) is not asked to originate it: it would be waited for in vain.
        lab.requireThat(secured.features().hasChild("dialback", FEATURE), lab.domain() + " does not offer server"
                + " dialback on its secured s2s stream: " + secured.features().toXml());
        DialbackKey sent = keyFromServerUnderTest(lab, remote);
        String key = ask == Verify.ALTERED_KEY ? alter(sent.key()) : sent.key();
        String id = ask == Verify.OTHER_STREAM_ID ? "other-" + UUID.randomUUID() : sent.streamId();
        WireStream stream = secured.stream();

        stream.send("<db:verify from='" + XmlEscape.attribute(remote.domain()) + "' to='"
                + XmlEscape.attribute(sent.originating()) + "' id='" + XmlEscape.attribute(id) + "'>" + XmlEscape.text(key)
                + "</db:verify>");

        XmlElement answer = answerOn(lab, stream, "verify", "the answer to <db:verify/>");
        String problem = wrongAttributes(answer, sent.originating(), remote.domain(), id);
        if (problem != null) {
            throw new ServerFailure("XEP-0220 §2.2.2: " + lab.domain() + " answered the key check " + problem + ": "
                    + answer.toXml());
        }
        String type = answer.attribute("type").orElse("");
        if (!type.equals(ask.valid ? "valid" : "invalid")) {
            throw new ServerFailure(lab.domain() + " called " + (ask == Verify.OWN_KEY ? "the key it sent itself"
                    : ask == Verify.ALTERED_KEY ? "an altered copy of its key" : "its key, asked about another stream id,")
                    + " type='" + type + "': " + answer.toXml());
        }
    }

    @Spec(document = "XEP-0220", version = "1.1.1", section = "2.2.1", level = MUST,
          requirement = "a <db:result/> for a target domain the receiving server does not serve is answered with a"
                  + " dialback error, not a stream error: the stream stays open (where dialback errors are advertised)")
    @Test
    void unservedTargetDomainIsDialbackErrorNotStreamError(Lab lab) throws WireException {
        RemoteServer remote = lab.trustedRemoteServer("good.tool.test");
        RemoteServer.Secured secured = remote.secureOut(Tls.STARTTLS, lab.domain());
        requireDialbackErrors(lab, secured);
        String unserved = "not-served.invalid";

        secured.stream().send("<db:result from='" + XmlEscape.attribute(remote.domain()) + "' to='" + unserved + "'>"
                + "0123456789abcdef</db:result>");

        XmlElement answer;
        try {
            answer = answerOn(lab, secured.stream(), "result", "the answer to <db:result/> for " + unserved);
        } catch (WireException ended) {
            throw new ServerFailure(lab.domain() + " answered a dialback request for " + unserved + " with "
                    + secured.stream().lastStreamError().map(e -> "the stream error " + e.describe()).orElse(ended.getMessage())
                    + " instead of a dialback error (§2.2.1: it must not end the stream)");
        }
        expectDialbackError(lab, answer, unserved, remote.domain());
        // The stream is still usable: a second request for another domain it does not serve is answered the same way
        // (a request for a domain it serves would make it call the tool back, which proves nothing here).
        String another = "also-not-served.invalid";
        secured.stream().send("<db:result from='" + XmlEscape.attribute(remote.domain()) + "' to='" + another + "'>"
                + "0123456789abcdef</db:result>");
        try {
            expectDialbackError(lab, answerOn(lab, secured.stream(), "result", "the answer to a second <db:result/>"),
                    another, remote.domain());
        } catch (WireException ended) {
            throw new ServerFailure(lab.domain() + " did not go on after the dialback error: " + secured.stream()
                    .lastStreamError().map(e -> "stream error " + e.describe()).orElse(ended.getMessage())
                    + " (§2.2.1: a dialback error must not end the stream)");
        }
    }

    private static void expectDialbackError(Lab lab, XmlElement answer, String unserved, String peer) {
        if (!"error".equals(answer.attribute("type").orElse(""))) {
            throw new ServerFailure(lab.domain() + " answered a dialback request for " + unserved + ", a domain it"
                    + " does not serve, with " + answer.toXml() + " instead of type='error'");
        }
        String problem = wrongAttributes(answer, unserved, peer, null);
        if (problem != null) {
            throw new ServerFailure("XEP-0220 §2.2.1: " + lab.domain() + " addressed its dialback error " + problem + ": "
                    + answer.toXml());
        }
    }

    /** A user writes to someone@DOMAIN, so the server connects out to the tool and sends its dialback key. */
    static DialbackKey keyFromServerUnderTest(Lab lab, RemoteServer remote) {
        Session alice = lab.newUser().connect();
        Duration wait = lab.timeouts().reply().multipliedBy(3);
        alice.sendMessage(JidCreate.entityBareFromOrThrowUnchecked("someone@" + remote.domain()), Message.Type.chat,
                "dialback " + UUID.randomUUID());
        return remote.awaitDialbackKey(wait).orElseThrow(() -> remote.incomingConnections() == 0
                ? new TestError("not run: " + lab.domain() + " did not connect to " + remote.domain() + " within "
                + wait.toSeconds() + " s of a message to someone there")
                : new Impossible(lab.domain() + " connected to " + remote.domain() + " (offered dialback only, no SASL"
                + " EXTERNAL) but sent no dialback key (<db:result/>): it does not originate server dialback"));
    }

    static void requireDialbackErrors(Lab lab, RemoteServer.Secured secured) {
        XmlElement feature = secured.features().child("dialback", FEATURE).orElseThrow(() -> new Impossible(lab.domain()
                + " does not offer server dialback on its secured s2s stream (features: " + secured.features().toXml() + ")"));
        if (!feature.hasChild("errors", FEATURE)) {
            throw new Impossible(lab.domain() + " offers dialback without <errors/> (XEP-0220 §2.4.2): "
                    + feature.toXml());
        }
    }

    private static XmlElement answerOn(Lab lab, WireStream stream, String name, String what) throws WireException {
        return stream.expect(e -> e.is(name, ServerNamespaces.DIALBACK), what, lab.timeouts().reply().multipliedBy(2));
    }

    /** Null when the answer is addressed as §2.2.2 and §2.2.1 ask (from and to swapped, id copied if any). */
    private static String wrongAttributes(XmlElement answer, String from, String to, String id) {
        if (!from.equals(answer.attribute("from").orElse(null))) {
            return "from '" + answer.attribute("from").orElse("(none)") + "' (expected '" + from + "')";
        }
        if (!to.equals(answer.attribute("to").orElse(null))) {
            return "to '" + answer.attribute("to").orElse("(none)") + "' (expected '" + to + "')";
        }
        if (id != null && !id.equals(answer.attribute("id").orElse(null))) {
            return "with id '" + answer.attribute("id").orElse("(none)") + "' (expected '" + id + "')";
        }
        return null;
    }

    /** The same key with its last character changed: still hex, still the right length. */
    static String alter(String key) {
        char last = key.charAt(key.length() - 1);
        return key.substring(0, key.length() - 1) + (last == '0' ? '1' : '0');
    }
}
