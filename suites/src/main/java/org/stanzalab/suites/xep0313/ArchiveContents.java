package org.stanzalab.suites.xep0313;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.suites.xep0313.Archive.Page;
import org.stanzalab.suites.xep0313.Archive.Result;

/** XEP-0313 §3.5 and §6.1.1, with XEP-0334's hints: what goes into a user's archive, once, and under which id. */
@StanzalabTest
@FreshAccounts("the archive must hold only what this test sent")
class ArchiveContents {
    private static final String CARBONS = "urn:xmpp:carbons:2";

    /** The stanza-id elements of a message (XEP-0359), by their 'by'. */
    static List<StandardExtensionElement> stanzaIds(Message message) {
        return message.getExtensions("stanza-id", Archive.SID).stream()
                .filter(StandardExtensionElement.class::isInstance).map(StandardExtensionElement.class::cast).toList();
    }

    static StandardExtensionElement stanzaIdBy(Message message, Object by) {
        return stanzaIds(message).stream().filter(e -> by.toString().equals(e.getAttributeValue("by"))).findFirst().orElse(null);
    }

    private static void enableCarbons(Lab lab, Session session) {
        lab.requireFeature(CARBONS);
        lab.setUp("enabling carbons for " + session.label(),
                () -> session.requestResult(new RawIq(IQ.Type.set, null, "enable", CARBONS, "")));
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "3.5", level = MUST,
          requirement = "a message the server archives for its recipient is delivered with a stanza-id, by the recipient's bare JID, equal to its archive id")
    @Test
    void deliveredStanzaIdIsTheArchiveId(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Archive.require(lab, bob);
        String body = Archive.body("stanza-id");

        alice.sendMessage(bob.jid(), Message.Type.chat, body);
        Message delivered = bob.expectMessage("the message from alice", m -> body.equals(m.getBody()));
        Page page = Archive.runOk(bob, Archive.query());

        StandardExtensionElement stanzaId = stanzaIdBy(delivered, bob.bareJid());
        assertNotNull(stanzaId, "the delivered message has no <stanza-id by='" + bob.bareJid() + "'/>: " + delivered.toXML());
        assertEquals(1, page.results.size(), page.describe());
        assertEquals(page.results.get(0).id(), stanzaId.getAttributeValue("id"), "the stanza-id against the archive id of the same message");
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "3.5", level = MUST,
          requirement = "a message delivered to a contact carries no stanza-id of the sender's archive, which the contact may not read")
    @Test
    void outgoingMessageCarriesNoStanzaIdOfTheSendersArchive(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        String body = Archive.body("no sender id");

        alice.sendMessage(bob.jid(), Message.Type.chat, body);
        Message delivered = bob.expectMessage("the message from alice", m -> body.equals(m.getBody()));

        StandardExtensionElement leaked = stanzaIdBy(delivered, alice.bareJid());
        assertTrue(leaked == null, "bob received a stanza-id of alice's archive: " + delivered.toXML());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "3.5", level = SHOULD,
          requirement = "a sent carbon copy carries, inside the forwarded message, the stanza-id under which the sender's archive keeps it")
    @Test
    void sentCarbonCarriesTheSendersStanzaId(Lab lab) {
        User aliceAccount = lab.newUser();
        // Available resources: a server may keep carbons for resources that have sent presence.
        Session phone = aliceAccount.connect("phone").available();
        Archive.require(lab, phone);
        Session laptop = aliceAccount.connect("laptop").available();
        enableCarbons(lab, laptop);
        Session bob = lab.newUser().connect();
        String body = Archive.body("carbon id");

        Archive.deliver(phone, bob, Message.Type.chat, body);
        Message copy = laptop.expectMessage("the sent carbon", m -> m.getExtension("sent", CARBONS) != null);
        Page page = Archive.runOk(phone, Archive.query());

        StandardExtensionElement forwarded = ((StandardExtensionElement) copy.getExtension("sent", CARBONS)).getFirstElement("forwarded", Archive.FORWARD);
        StandardExtensionElement inner = Archive.childNamed(forwarded, "message");
        StandardExtensionElement id = inner == null ? null : inner.getElements("stanza-id", Archive.SID).stream()
                .filter(e -> aliceAccount.jid().toString().equals(e.getAttributeValue("by"))).findFirst().orElse(null);
        assertNotNull(id, "the sent carbon's message has no <stanza-id by='" + aliceAccount.jid() + "'/>: " + copy.toXML());
        assertEquals(1, page.results.size(), page.describe());
        assertEquals(page.results.get(0).id(), id.getAttributeValue("id"), "the carbon's stanza-id against the archive id");
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.1.1", level = SHOULD,
          requirement = "a chat message with a body sent to a user who is offline is in that user's archive when the user comes online")
    @Test
    void messageToOfflineUserIsArchived(Lab lab) {
        Session alice = lab.newUser().connect();
        User bobAccount = lab.newUser();
        String body = Archive.body("while offline");

        alice.sendMessage(bobAccount.jid(), Message.Type.chat, body);
        alice.settled();
        Session bob = bobAccount.connect();
        Archive.require(lab, bob);
        Page page = Archive.runOk(bob, Archive.query());

        assertEquals(List.of(body), page.bodiesAmong(List.of(body)), "the message sent while bob was offline, in his archive: " + page.describe());
    }

    /** How one message reaches several resources of the same account. */
    enum Copies {
        /** bob has two carbons-enabled resources; alice writes to one of them, the other gets a received carbon. */
        receivedCarbon,
        /** alice sends from one of two carbons-enabled resources; the other gets a sent carbon. */
        sentCarbon
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.1.1", level = MUST,
          requirement = "a message copied to several resources (carbons) is stored only once in the archive")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Copies.class)
    void copiedMessageIsStoredOnce(Copies copies, Lab lab) {
        User owner = lab.newUser();
        // Available resources: a server may keep carbons for resources that have sent presence.
        Session first = owner.connect("first").available();
        Archive.require(lab, first);
        Session second = owner.connect("second").available();
        enableCarbons(lab, first);
        enableCarbons(lab, second);
        Session other = lab.newUser().connect();
        String body = Archive.body("stored once");

        if (copies == Copies.receivedCarbon) {
            Archive.deliver(other, first, Message.Type.chat, body);
            second.expectMessage("the received carbon", m -> m.getExtension("received", CARBONS) != null);
        } else {
            Archive.deliver(first, other, Message.Type.chat, body);
            second.expectMessage("the sent carbon", m -> m.getExtension("sent", CARBONS) != null);
        }
        Page page = Archive.runOk(first, Archive.query());

        assertEquals(List.of(body), page.bodiesAmong(List.of(body)), "the message in the archive of " + owner.jid() + ": " + page.describe());
    }

    /** A hint of XEP-0334 asking that the message not be kept. */
    enum NoStoreHint {
        noStore("no-store"), noPermanentStore("no-permanent-store");

        final String element;

        NoStoreHint(String element) {
            this.element = element;
        }
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "8.1", level = MAY,
          requirement = "a message the sender marked as not to be stored (XEP-0334 no-store or no-permanent-store) is kept out of the archive")
    @ParameterizedTest(name = "{0}")
    @EnumSource(NoStoreHint.class)
    void messageWithNoStoreHintIsNotArchived(NoStoreHint hint, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Archive.require(lab, bob);
        String body = Archive.body("hint " + hint);
        String element = hint.element;

        alice.send(alice.smack().getStanzaFactory().buildMessageStanza().to(bob.jid()).ofType(Message.Type.chat).setBody(body)
                .addExtension(new StandardExtensionElement(element, Archive.HINTS)).build());
        bob.expectMessage("the message with the " + element + " hint", m -> body.equals(m.getBody()));
        Page page = Archive.runOk(bob, Archive.query());

        assertEquals(List.of(), page.bodiesAmong(List.of(body)), "the message with <" + element + "/> in bob's archive: " + page.describe());
    }

    @Spec(document = "XEP-0334", version = "1.0.0", section = "4.4", level = SHOULD,
          requirement = "a message with the store hint is archived even when it has no body")
    @Test
    void bodilessMessageWithStoreHintIsArchived(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Archive.require(lab, bob);
        String tag = Archive.body("store").replace(' ', '-');

        alice.send(org.jivesoftware.smack.packet.StanzaBuilder.buildMessage(tag).to(bob.jid()).ofType(Message.Type.chat)
                .addExtension(new StandardExtensionElement("store", Archive.HINTS))
                .addExtension(StandardExtensionElement.builder("note", "urn:stanzalab:test:0").setText(tag).build()).build());
        bob.expectMessage("the message with the store hint", m -> tag.equals(m.getStanzaId()));
        Page page = Archive.runOk(bob, Archive.query());

        boolean found = page.results.stream().map(Result::message)
                .anyMatch(m -> m != null && tag.equals(m.getAttributeValue("id")));
        assertTrue(found, "the bodiless message " + tag + " with <store/> is not in bob's archive: " + page.describe());
    }
}
