package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.wire.Closure;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** RFC 6120 §5: STARTTLS as the server advertises it on a fresh, unencrypted stream. */
@StanzalabTest
class StartTls {

    @Spec(document = "RFC 6120", section = "5.4.1", level = MUST,
          requirement = "on an unencrypted stream the server's features offer STARTTLS")
    @Test
    void starttlsIsOfferedBeforeTls(Lab lab) {
        RawSession client = lab.raw().openWithoutTls();

        XmlElement features = client.features();

        assertTrue(features.hasChild("starttls", XmppNamespaces.TLS),
                "the features before TLS offer no <starttls xmlns='" + XmppNamespaces.TLS + "'/>: " + features.toXml());
    }

    @Spec(document = "RFC 6120", section = "5.4.1", level = MUST,
          requirement = "when STARTTLS is the only feature offered before TLS, which makes TLS mandatory-to-negotiate "
                  + "(§5.3.1), it carries <required/>")
    @Test
    void mandatoryStarttlsIsMarkedRequired(Lab lab) {
        RawSession client = lab.raw().openWithoutTls();
        XmlElement features = client.features();
        XmlElement starttls = client.requireFeature(XmppNamespaces.TLS, "starttls");
        boolean markedRequired = starttls.hasChild("required", XmppNamespaces.TLS);
        // Marked required, it meets the requirement whatever else is offered; unmarked, only STARTTLS offered alone
        // shows that TLS is mandatory here.
        lab.requireThat(markedRequired || features.children().size() == 1, "besides STARTTLS the server offers "
                + Stanzas.featureNames(features) + " before TLS, without <required/>, so TLS is not evidently mandatory-to-negotiate");

        assertTrue(markedRequired, "STARTTLS is the only feature before TLS but lacks <required/>: " + features.toXml());
    }

    @Spec(document = "RFC 6120", section = "5.4.2.3", level = MUST,
          requirement = "the server answers a well-formed <starttls/> it can honour with <proceed/> in the TLS namespace")
    @Test
    void starttlsIsAnsweredWithProceed(Lab lab) {
        RawSession client = lab.raw().openWithoutTls();
        client.requireFeature(XmppNamespaces.TLS, "starttls");

        client.send("<starttls xmlns='" + XmppNamespaces.TLS + "'/>");

        XmlElement answer = client.expectNextElement("<proceed/> or <failure/> after <starttls/>");
        assertTrue(answer.is("proceed", XmppNamespaces.TLS), "expected <proceed xmlns='" + XmppNamespaces.TLS
                + "'/> after <starttls/>, got " + answer.toXml());
    }

    @Spec(document = "RFC 6120", section = "5.4.3.3", level = MUST,
          requirement = "the features of the stream restarted over TLS do not offer STARTTLS again")
    @Test
    void starttlsIsNotOfferedAfterTls(Lab lab) {
        lab.requireThat(lab.target().tls() == TlsMode.STARTTLS, "the target is not reached with STARTTLS");
        RawSession client = lab.raw().secure();

        assertFalse(client.features().hasChild("starttls", XmppNamespaces.TLS),
                "the features after TLS offer STARTTLS again: " + client.features().toXml());
    }

    @Spec(document = "RFC 6120", section = "5.4.3.2", level = MUST,
          requirement = "when the TLS handshake after <proceed/> fails, the server closes the TCP connection without first "
                  + "sending a closing </stream> tag (the failure is below XMPP)")
    @Test
    void failedTlsHandshakeClosesTheConnection(Lab lab) {
        RawSession client = lab.raw().openWithoutTls();
        client.send("<starttls xmlns='" + XmppNamespaces.TLS + "'/>");
        XmlElement answer = client.expectNextElement("<proceed/> after <starttls/>");
        lab.requireThat(answer.is("proceed", XmppNamespaces.TLS), "the server did not proceed with TLS: " + answer.toXml());

        // Not a TLS record: the handshake cannot succeed, so the server must give up on the connection.
        client.send("this is not a TLS ClientHello\r\n\r\n".repeat(8));

        Closure closure = client.awaitClosure();
        assertTrue(closure == Closure.EOF, closure.closingTagReceived()
                ? "the server sent a closing </stream> tag after a failed TLS handshake (" + closure + "); it must only close the connection"
                : "expected the server to close the connection after a failed TLS handshake, but it was still open (" + closure + ")");
    }

    @Spec(document = "RFC 6120", section = "13.7.1.2.1", level = SHOULD,
          requirement = "the certificate the server presents on a client-to-server stream names the service domain "
                  + "(as a DNS subject alternative name)")
    @Test
    void certificateNamesTheServiceDomain(Lab lab) {
        SSLSession session = lab.raw().secure().tlsSession()
                .orElseThrow(() -> new TestError("the secured stream has no TLS session"));

        X509Certificate certificate = leafCertificate(session);
        List<String> dnsNames = dnsNames(certificate);

        assertTrue(dnsNames.stream().anyMatch(name -> matchesDomain(name, lab.domain())),
                "the server's certificate (" + certificate.getSubjectX500Principal() + ") names " + dnsNames
                        + " in its subjectAltName, not " + lab.domain());
    }

    // §1 binds XMPP to the TLS best current practices (BCP 195, RFC 7525 §3.1.1): support TLS 1.2 and prefer it to
    // older versions; §3.1 is about offering STARTTLS and says nothing of versions.
    @Spec(document = "RFC 7590", section = "1", level = MUST,
          requirement = "with a client that offers TLS 1.2 and later, the TLS session the server negotiates for XMPP "
                  + "uses TLS 1.2 or later (RFC 7590 makes RFC 7525's version rules binding for XMPP)")
    @Test
    void tlsSessionUsesTls12OrLater(Lab lab) {
        SSLSession session = lab.raw().secure().tlsSession()
                .orElseThrow(() -> new TestError("the secured stream has no TLS session"));

        assertTrue(Set.of("TLSv1.2", "TLSv1.3").contains(session.getProtocol()),
                "negotiated TLS protocol " + session.getProtocol() + " with cipher suite " + session.getCipherSuite());
    }

    /**
     * Stanzas a client might send, before negotiating the TLS the server requires, to an entity other than the server
     * and its own account (here another user): the only stanzas for which §4.3.5 states what the server must do.
     */
    enum BeforeTls {
        MESSAGE("message", "<message to='%s' id='early-1'><body>before TLS</body></message>"),
        IQ("iq", "<iq type='get' to='%s' id='early-1'><ping xmlns='urn:xmpp:ping'/></iq>"),
        PRESENCE("presence", "<presence to='%s' id='early-1'/>");

        private final String key;
        private final String xml;

        BeforeTls(String key, String xml) {
            this.key = key;
            this.xml = xml;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    // §5.3.1 only makes TLS mandatory-to-negotiate; what a server does with stanzas sent before negotiation is complete
    // is §4.3.5's rule, which covers stanzas to entities other than the server and the client's own account.
    @Spec(document = "RFC 6120", section = "4.3.5", level = MUST,
          requirement = "a stanza sent to another entity before stream negotiation is complete (here before the TLS the "
                  + "server requires) is not accepted, and the server closes the stream with a <not-authorized/> stream error")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BeforeTls.class)
    void stanzasBeforeRequiredTlsAreRefused(BeforeTls stanza, Lab lab) {
        String otherUser = lab.newUser().jid().toString();
        RawSession client = openWhereTlsIsRequired(lab);

        client.send(stanza.xml.formatted(otherUser));

        XmlElement answer = client.expect("a stream error or a reply to the " + stanza + " sent before TLS",
                e -> StreamError.isStreamError(e) || Stanzas.hasId(e, "early-1"));
        if (!StreamError.isStreamError(answer)) {
            if (!"error".equals(answer.attribute("type").orElse(null))) {
                throw new SecurityBreach("the server processed a " + stanza + " to " + otherUser
                        + " sent before the TLS it requires: " + answer.toXml());
            }
            throw new ServerFailure("the server refused a " + stanza + " to " + otherUser + " sent before the TLS it requires "
                    + "with a stanza error but kept the stream open instead of closing it with <not-authorized/>: " + answer.toXml());
        }
        assertEquals("not-authorized", StreamError.from(answer).condition(),
                "stream error closing the stream after a " + stanza + " to " + otherUser + " before TLS: " + answer.toXml());
    }

    @Spec(document = "RFC 6120", section = "5.3.1", level = MUST,
          requirement = "where the server marks STARTTLS as required, it does not bind a resource on the stream before "
                  + "TLS (a client stripping STARTTLS gets no session)")
    @Test
    void resourceBindingBeforeRequiredTlsIsRefused(Lab lab) {
        RawSession client = openWhereTlsIsRequired(lab);

        client.send("<iq type='set' id='early-bind'><bind xmlns='" + XmppNamespaces.BIND + "'/></iq>");

        XmlElement answer = client.expect("a stream error or a reply to resource binding before TLS",
                e -> StreamError.isStreamError(e) || Stanzas.hasId(e, "early-bind"));
        if (!StreamError.isStreamError(answer) && !"error".equals(answer.attribute("type").orElse(null))) {
            throw new SecurityBreach("the server answered resource binding on a stream without the TLS it requires: "
                    + answer.toXml());
        }
        client.note("refusal", "binding before TLS was refused with " + answer.toXml());
    }

    /** A stream before TLS on a server that marks STARTTLS as required; the test is impossible elsewhere. */
    static RawSession openWhereTlsIsRequired(Lab lab) {
        RawSession client = lab.raw().openWithoutTls();
        XmlElement starttls = client.requireFeature(XmppNamespaces.TLS, "starttls");
        lab.requireThat(starttls.hasChild("required", XmppNamespaces.TLS), "the server does not mark STARTTLS as required: "
                + client.features().toXml());
        return client;
    }

    private static X509Certificate leafCertificate(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                throw new ServerFailure("the server presented no X.509 certificate");
            }
            return leaf;
        } catch (SSLPeerUnverifiedException e) {
            throw new ServerFailure("the server presented no verified certificate: " + e.getMessage());
        }
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream().filter(n -> ((Integer) n.get(0)) == 2).map(n -> (String) n.get(1)).toList();
        } catch (CertificateParsingException e) {
            throw new ServerFailure("the server's certificate has an unreadable subjectAltName: " + e.getMessage());
        }
    }

    private static boolean matchesDomain(String dnsName, String domain) {
        String name = dnsName.toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("*.")) {
            int dot = domain.indexOf('.');
            return dot > 0 && domain.substring(dot + 1).equalsIgnoreCase(name.substring(2));
        }
        return name.equalsIgnoreCase(domain);
    }
}
