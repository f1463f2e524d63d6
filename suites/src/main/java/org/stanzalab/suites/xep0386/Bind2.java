package org.stanzalab.suites.xep0386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.suites.xep0388.Sasl2Login;
import org.stanzalab.wire.Sasl2;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** XEP-0386 Bind 2: a resource bound inside the SASL2 login. */
@StanzalabTest
class Bind2 {
    private static final String TAG = "Stanzalab";

    /** SASL2 with Bind 2 offered inline; impossible otherwise. */
    private static Sasl2Login offered(Lab lab) {
        Sasl2Login login = Sasl2Login.offered(lab);
        lab.requireThat(Sasl2.inlineFeature(login.features(), "bind", Sasl2.BIND2).isPresent(),
                "SASL2 offers no inline <bind xmlns='" + Sasl2.BIND2 + "'/>, so Bind 2 is missing");
        return login;
    }

    private static String resourceOf(String fullJid) {
        int slash = fullJid.indexOf('/');
        return slash < 0 ? "" : fullJid.substring(slash + 1);
    }

    @Spec(document = "XEP-0386", version = "1.1.0", section = "3.2", level = MUST,
          requirement = "a login that asks for Bind 2 ends in <success/> with the full JID bound and a <bound/> element")
    @Test
    void inlineBindEndsInSuccessWithFullJidAndBound(Lab lab) {
        Sasl2Login login = offered(lab);
        User alice = lab.newUser();

        Sasl2.Outcome outcome = Sasl2Login.requireSuccess(login.scram(login.scramMechanism(lab), alice.username(), alice.password(),
                Sasl2.bind(TAG)), "a SASL2 login with Bind 2");

        String jid = outcome.authorizationIdentifier().orElse("");
        assertTrue(jid.startsWith(alice.jid() + "/") && !resourceOf(jid).isEmpty(), "authorization identifier is not a full JID of "
                + alice.jid() + ": " + outcome.element().toXml());
        assertTrue(outcome.child("bound", Sasl2.BIND2).isPresent(), "no <bound/> in the <success/>: " + outcome.element().toXml());
    }

    @Spec(document = "XEP-0386", version = "1.1.0", section = "3.2.1", level = SHOULD,
          requirement = "the tag the client gave appears unchanged in the resource the server generates")
    @Test
    void tagAppearsInTheGeneratedResource(Lab lab) {
        Sasl2Login login = offered(lab);
        User alice = lab.newUser();

        Sasl2.Outcome outcome = Sasl2Login.requireSuccess(login.scram(login.scramMechanism(lab), alice.username(), alice.password(),
                Sasl2.bind(TAG)), "a SASL2 login with Bind 2");

        String resource = resourceOf(outcome.authorizationIdentifier().orElse(""));
        assertTrue(resource.contains(TAG), "the resource '" + resource + "' does not contain the tag '" + TAG + "'");
        assertFalse(resource.contains(login.userAgentId), "the resource exposes the user-agent id: " + resource);
    }

    @Spec(document = "XEP-0386", version = "1.1.0", section = "3.2", level = MUST,
          requirement = "the resource of a Bind 2 login is bound to the stream: a message to that full JID arrives on it")
    @Test
    void boundResourceReceivesMessages(Lab lab) {
        Sasl2Login login = offered(lab);
        User alice = lab.newUser();
        Session bob = lab.newUser().connect();
        Sasl2.Outcome outcome = Sasl2Login.requireSuccess(login.scram(login.scramMechanism(lab), alice.username(), alice.password(),
                Sasl2.bind(TAG)), "a SASL2 login with Bind 2");
        String jid = outcome.authorizationIdentifier().orElse("");
        login.featuresAfterSuccess();

        bob.sendMessage(JidCreate.fromOrThrowUnchecked(jid), Message.Type.chat, "to the Bind 2 resource");

        XmlElement received = login.session().expect("bob's message to " + jid, e -> e.name().equals("message")
                && "to the Bind 2 resource".equals(e.childText("body", XmppNamespaces.CLIENT).orElse(null)));
        assertEquals(jid, received.attribute("to").orElse(null), "'to' of the delivered message");
    }

    @Spec(document = "XEP-0386", version = "1.1.0", section = "3.2", level = MUST,
          requirement = "a bind request in a login that fails is not processed: the failure carries no <bound/> and no resource is bound")
    @Test
    void failedLoginBindsNothing(Lab lab) {
        Sasl2Login login = offered(lab);
        User alice = lab.newUser();

        Sasl2.Outcome outcome = login.scram(login.scramMechanism(lab), alice.username(), alice.password() + "-wrong", Sasl2.bind(TAG));

        assertTrue(outcome.isFailure(), "a wrong password with Bind 2 got " + outcome.element().toXml());
        assertFalse(outcome.child("bound", Sasl2.BIND2).isPresent(), "the failure carries <bound/>: " + outcome.element().toXml());
    }
}
