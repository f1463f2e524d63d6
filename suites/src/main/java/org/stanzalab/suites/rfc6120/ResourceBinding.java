package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession.Binding;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** RFC 6120 §7: binding a resource to an authenticated stream. */
@StanzalabTest
class ResourceBinding {

    @Spec(document = "RFC 6120", section = "7.6", level = MUST,
          requirement = "a client that asks for no resource is bound to a full JID of its account with a random resource "
                  + "the server generates (§7.6), unique among the account's connected resources (§7.5)")
    @Test
    void serverGeneratesResourceWhenNoneIsRequested(Lab lab) {
        User alice = lab.newUser();
        List<String> generated = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            Binding binding = lab.raw().authenticate(alice).requestBinding(null);
            assertBoundToAccount(alice, binding);
            generated.add(binding.resource());
        }

        assertEquals(generated.size(), Set.copyOf(generated).size(),
                "connected resources of " + alice.role() + " got the same generated resource (§7.5: it must be unique): " + generated);
        assertFalse(GuessableValues.looksLikeACounter(generated), "generated resources must be random (§7.6), but these of "
                + "three sessions bound one after the other look like a counter: " + generated);
    }

    // §7.7.1: the server should accept the resource asked for, and may override it with one of its own.
    @Spec(document = "RFC 6120", section = "7.7.1", level = SHOULD,
          requirement = "a client that asks for a resource nobody uses is bound to a full JID with exactly that resource")
    @Test
    void requestedFreeResourceIsBound(Lab lab) {
        User alice = lab.newUser();
        RawSession client = lab.raw().authenticate(alice);
        String resource = "stanzalab-desk";

        Binding binding = client.requestBinding(resource);

        assertBoundToAccount(alice, binding);
        assertEquals(resource, binding.resource(), "resource of the bound JID " + binding.fullJid());
    }

    @Spec(document = "RFC 6120", section = "7.7.2.2", level = MUST,
          requirement = "binding a resource that a connected session already uses either refuses the new binding "
                  + "with <conflict/>, or ends the old session with a <conflict/> stream error, or binds the new "
                  + "client to another resource")
    @Test
    void resourceAlreadyInUseIsResolvedInAnAllowedWay(Lab lab) {
        User alice = lab.newUser();
        String resource = "stanzalab-conflict";
        RawSession first = lab.raw().authenticate(alice).bind(resource);
        RawSession second = lab.raw().authenticate(alice);

        Binding binding = second.requestBinding(resource);

        if (binding.isRefused()) {
            assertEquals("conflict", binding.refusal(),
                    "condition refusing to bind a resource in use, in " + binding.errorReply().toXml());
            first.expectSessionGoesOn("the second binding was refused, so the first session must be kept");
        } else if (binding.resource().equals(resource)) {
            assertBoundToAccount(alice, binding);
            StreamError error = first.expectStreamError();
            assertEquals("conflict", error.condition(),
                    "the first session lost its resource to the second, so it must end with a <conflict/> stream error; got "
                            + error.element().toXml());
        } else {
            assertBoundToAccount(alice, binding);
            first.expectSessionGoesOn("the second client got another resource (" + binding.resource()
                    + "), so the first session must be kept");
        }
    }

    /** Resourceparts that are valid (RFC 7622 §3.4) though unusual, which the server must bind as asked. */
    enum UnusualResource {
        SPACES("spaces", "stanzalab desk top"),
        NON_ASCII("non-ascii", "stanzalab-b\u00fcro-\u00e9t\u00e9"),
        CJK("cjk", "stanzalab-\u684c\u9762"),
        SLASH("slash", "stanzalab/with/slashes"),
        AT_SIGN("at-sign", "stanzalab@desk"),
        XML_SPECIALS("xml-specials", "stanzalab<&>'\"");

        private final String key;
        final String resource;

        UnusualResource(String key, String resource) {
            this.key = key;
            this.resource = resource;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "7.7.1", level = SHOULD,
          requirement = "a requested resource that is a valid resourcepart, though it has spaces, non-ASCII letters, "
                  + "symbols or slashes, is bound as requested")
    @ParameterizedTest(name = "{0}")
    @EnumSource(UnusualResource.class)
    void unusualButValidResourceIsBound(UnusualResource unusual, Lab lab) {
        User alice = lab.newUser();
        RawSession client = lab.raw().authenticate(alice);

        Binding binding = client.requestBinding(unusual.resource);

        assertBoundToAccount(alice, binding);
        assertEquals(Normalizer.normalize(unusual.resource, Normalizer.Form.NFC), binding.resource(),
                "resource of the bound JID " + binding.fullJid() + " for the requested resource '" + unusual.resource + "'");
    }

    /**
     * The conditions that refuse a resourcepart breaking the address rules: RFC 6120 §7.7.2.1 names bad-request,
     * RFC 7622 §4 names jid-malformed for a stanza whose JID slot breaks them.
     */
    private static final Set<String> REFUSING_A_RESOURCEPART = Set.of("bad-request", "jid-malformed");

    /** Resourceparts that no XMPP address may have (RFC 7622 §3.4), though they are well-formed XML. */
    enum InvalidResource {
        TOO_LONG("too-long", "r".repeat(1024)),
        NONCHARACTER("noncharacter", "stanzalab-\ufdd0"),
        C1_CONTROL("c1-control", "stanzalab-\u0085-\u009f");

        private final String key;
        final String resource;

        InvalidResource(String key, String resource) {
            this.key = key;
            this.resource = resource;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "a requested resource that is not a valid resourcepart is not bound: the server refuses it "
                  + "with <bad-request/> or <jid-malformed/> (or binds a resource of its own choosing instead, RFC 6120 §7.7.2.1; "
                  + "the server enforces the address rules in the bind resource slot)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(InvalidResource.class)
    void invalidResourceIsNotBound(InvalidResource invalid, Lab lab) {
        User alice = lab.newUser();
        RawSession client = lab.raw().authenticate(alice);

        Binding binding = client.requestBinding(invalid.resource);

        if (binding.isRefused()) {
            assertTrue(REFUSING_A_RESOURCEPART.contains(binding.refusal()), "condition refusing the " + invalid
                    + " resource, one of " + REFUSING_A_RESOURCEPART + " expected, in " + binding.errorReply().toXml());
        } else {
            assertBoundToAccount(alice, binding);
            assertNotEquals(invalid.resource, binding.resource(),
                    "the server bound the " + invalid + " resource, which is not a valid resourcepart (RFC 7622 §3.4)");
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "a bind request whose resource element is empty is refused with <bad-request/> or "
                  + "<jid-malformed/>, or the server "
                  + "generates a resource as if none had been requested "
                  + "(RFC 6120 §7.7.2.1; a resourcepart is never empty, RFC 7622 §3.4, "
                  + "and the server enforces that in the bind resource slot)")
    @Test
    void emptyResourceElementIsRefusedOrReplaced(Lab lab) {
        User alice = lab.newUser();
        RawSession client = lab.raw().authenticate(alice);
        String id = client.newId("bind-empty");

        XmlElement reply = client.request("<iq type='set' id='" + id + "'><bind xmlns='" + XmppNamespaces.BIND
                + "'><resource/></bind></iq>", id);

        if ("error".equals(reply.attribute("type").orElse(null))) {
            assertTrue(REFUSING_A_RESOURCEPART.contains(Stanzas.errorCondition(reply)), "condition refusing an empty resource, one of "
                    + REFUSING_A_RESOURCEPART + " expected: " + reply.toXml());
        } else {
            String jid = reply.child("bind", XmppNamespaces.BIND).flatMap(b -> b.childText("jid", XmppNamespaces.BIND))
                    .orElseThrow(() -> new ServerFailure("result of the bind request has no <jid/>: " + reply.toXml()));
            Binding binding = Binding.bound(jid.strip());
            assertBoundToAccount(alice, binding);
            assertFalse(binding.resource().isEmpty(), "bound JID with an empty resource: " + jid);
        }
    }

    @Spec(document = "RFC 6120", section = "4.9.3.12", level = MUST,
          requirement = "a bind request before SASL authentication does not bind a resource: the server answers with "
                  + "a not-authorized error or closes the stream with a stream error "
                  + "(the server does not process data sent before authentication; "
                  + "the bind feature is offered only after it, §7.4)")
    @Test
    void bindingBeforeAuthenticationIsRefused(Lab lab) {
        RawSession client = lab.raw().secure();
        String id = client.newId("bind-early");

        client.send("<iq type='set' id='" + id + "'><bind xmlns='" + XmppNamespaces.BIND + "'/></iq>");

        XmlElement answer = client.expect("a stream error or the reply to a bind request sent before SASL",
                e -> StreamError.isStreamError(e) || Stanzas.hasId(e, id));
        if (StreamError.isStreamError(answer)) {
            assertTrue(Set.of("not-authorized", "policy-violation").contains(StreamError.from(answer).condition()),
                    "stream error closing a stream that tried to bind before SASL: " + answer.toXml());
        } else {
            assertEquals("error", answer.attribute("type").orElse(null),
                    "a bind request before SASL was answered without an error: " + answer.toXml());
            assertEquals("not-authorized", Stanzas.errorCondition(answer),
                    "condition refusing a bind request before SASL: " + answer.toXml());
        }
    }

    /*
     * A reply the server generates may leave out 'to' (RFC 6120 §8.1.1.1), so that alone could pass without showing
     * anything. What always shows the bound JID in use: the server stamps it as 'from' on what the client sends
     * (§8.1.2.1), here a message to that same JID, which must come back on this stream (§10.5.4).
     */
    @Spec(document = "RFC 6120", section = "8.1.2.1", level = MUST,
          requirement = "after binding, the full JID the server returned is the client's address: the server stamps it as 'from' on "
                  + "the client's stanzas, routes stanzas addressed to it to the client, and puts no other JID in a reply's 'to'")
    @Test
    void boundJidIsTheClientsAddress(Lab lab) {
        User alice = lab.newUser();
        RawSession client = lab.raw().authenticate(alice);
        Binding binding = client.requestBinding("stanzalab-addressed");
        assertBoundToAccount(alice, binding);
        String selfId = client.newId("self");
        String pingId = client.newId("whoami");

        client.send("<message type='chat' id='" + selfId + "' to='" + XmlEscape.attribute(binding.fullJid())
                + "'><body>to the JID just bound</body></message>");
        XmlElement echoed = client.expect("the message sent to the bound JID " + binding.fullJid() + " (RFC 6120 §10.5.4)",
                e -> Stanzas.isStanza(e, "message") && selfId.equals(e.attribute("id").orElse(null)));
        XmlElement reply = client.request("<iq type='get' id='" + pingId + "' to='" + lab.domain()
                + "'><ping xmlns='urn:xmpp:ping'/></iq>", pingId);

        if ("error".equals(echoed.attribute("type").orElse(null))) {
            throw new ServerFailure("a message to the bound JID " + binding.fullJid() + " was refused: " + echoed.toXml());
        }
        assertEquals(binding.fullJid(), echoed.attribute("from").orElse(null),
                "'from' stamped on the client's message after binding " + binding.fullJid() + ": " + echoed.toXml());
        reply.attribute("to").ifPresent(to -> assertEquals(binding.fullJid(), to,
                "'to' of the server's reply after binding " + binding.fullJid() + ": " + reply.toXml()));
    }

    // §7.4 allows the bind feature only once the client has authenticated: a client must not be invited to bind
    // on a stream that is not yet its own.
    @Spec(document = "RFC 6120", section = "7.4", level = MUST,
          requirement = "the server does not offer resource binding before the client has authenticated: the features "
                  + "of the initial stream and of the stream restarted over TLS carry no <bind/>")
    @Test
    void bindingIsNotOfferedBeforeAuthentication(Lab lab) {
        RawSession client = lab.raw().secure();

        for (RawSession.Stage stage : List.of(RawSession.Stage.OPENED, RawSession.Stage.SECURED)) {
            client.features(stage).ifPresent(features -> assertFalse(features.hasChild("bind", XmppNamespaces.BIND),
                    "the features of the " + stage.name().toLowerCase(Locale.ROOT) + " stream, before authentication, "
                            + "offer <bind xmlns='" + XmppNamespaces.BIND + "'/>: " + features.toXml()));
        }
    }

    private static void assertBoundToAccount(User user, Binding binding) {
        if (binding.isRefused()) {
            throw new ServerFailure("resource binding for " + user.role() + " was refused with <" + binding.refusal() + "/>: "
                    + binding.errorReply().toXml());
        }
        assertEquals(user.jid(), binding.jid().asEntityBareJidIfPossible(),
                "bare JID of the bound JID " + binding.fullJid());
    }
}
