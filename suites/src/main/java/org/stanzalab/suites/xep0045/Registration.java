package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0045 §7.10, §7.12, §7.13 and §8.6: registering with a room, reserved nicknames, voice requests. */
@StanzalabTest
class Registration {
    private static final String REGISTER = "jabber:iq:register";
    private static final String ROOMUSER_NODE = "x-roomuser-item";

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.10", level = MUST,
          requirement = "a registration request to a room that does not exist is answered with item-not-found")
    @Test
    void registrationWithMissingRoomIsItemNotFound(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.unborn(lab);

        IQ reply = alice.request(RawIq.get(room.jid, "query", REGISTER));

        Room.expectError(reply, StanzaError.Condition.item_not_found, "a registration request to a room that does not exist");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.10", level = MUST,
          requirement = "an unaffiliated occupant asking a room for registration gets a data form, or not-allowed where registration is restricted, or service-unavailable where it is not supported")
    @Test
    void registrationRequestGetsFormOrRefusal(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        IQ reply = bob.request(RawIq.get(room.jid, "query", REGISTER));

        if (reply.getType() == IQ.Type.error) {
            StanzaError.Condition c = Room.condition(reply);
            assertTrue(c == StanzaError.Condition.not_allowed || c == StanzaError.Condition.service_unavailable,
                    "a refused registration request must say not-allowed or service-unavailable: " + reply.toXML());
        } else {
            assertNotNull(DataForm.from(reply), "the registration requirements carry no data form: " + reply.toXML());
        }
    }

    private static DiscoverInfo reservedNickInfo(Session session, Room room, Lab lab) {
        DiscoverInfo request = DiscoverInfo.builder(session.smack()).to(room.jid).ofType(IQ.Type.get).setNode(ROOMUSER_NODE).build();
        IQ reply = session.request(request);
        if (reply.getType() == IQ.Type.error) {
            assertEquals(StanzaError.Condition.feature_not_implemented, Room.condition(reply),
                    "a room without the x-roomuser-item node must answer feature-not-implemented: " + reply.toXML());
            lab.requireThat(false, "the room does not support the x-roomuser-item node (it said feature-not-implemented, as §7.12 requires)");
        }
        assertTrue(reply instanceof DiscoverInfo, "the x-roomuser-item reply is no disco#info: " + reply.toXML());
        return (DiscoverInfo) reply;
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.12", level = MUST,
          requirement = "asked for the reserved nickname of a user who has none, a room answers with an empty disco#info query, or feature-not-implemented where it lacks the node")
    @Test
    void noReservedNickGivesEmptyAnswer(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        DiscoverInfo info = reservedNickInfo(bob, room, lab);

        assertTrue(info.getIdentities().isEmpty(), "bob has no reserved nickname, but the room names one: " + info.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.12", level = MUST,
          requirement = "a nickname reserved by a member is refused to another user with conflict")
    @Test
    void reservedNickIsConflictForOthers(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        lab.setUp("make bob a member with the nickname 'bobby'", () -> Room.expectResult(
                room.admin(alice, "<item jid='" + bob.bareJid() + "' affiliation='member' nick='bobby'/>")));
        IQ reserved = bob.request(DiscoverInfo.builder(bob.smack()).to(room.jid).ofType(IQ.Type.get).setNode(ROOMUSER_NODE).build());
        lab.requireThat(reserved instanceof DiscoverInfo info && info.getIdentities().stream().anyMatch(i -> "bobby".equals(i.getName())),
                "the room did not reserve 'bobby' for bob from the member item's nick (which §9.3 leaves optional)");

        Presence answer = room.enter(carol, "bobby");

        assertEquals(StanzaError.Condition.conflict, Room.condition(answer), "carol entering as bob's reserved 'bobby': " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.6", level = SHOULD,
          requirement = "a visitor's voice request is passed to the moderators as a voice approval form in a message from the room")
    @Test
    void voiceRequestReachesModerators(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_moderatedroom", "1"));
        room.joined(bob, "bob");
        lab.setUp("make bob a visitor", () -> Room.expectResult(room.setRole(alice, "bob", MUCRole.visitor)));

        bob.send(bob.smack().getStanzaFactory().buildMessageStanza().to(room.jid)
                .addExtension(StandardExtensionElement.builder("x", "jabber:x:data").addAttribute("type", "submit")
                        .addElement(StandardExtensionElement.builder("field", "jabber:x:data").addAttribute("var", "FORM_TYPE")
                                .addElement("value", "http://jabber.org/protocol/muc#request").build())
                        .addElement(StandardExtensionElement.builder("field", "jabber:x:data").addAttribute("var", "muc#role")
                                .addElement("value", "participant").build())
                        .build())
                .build());

        Message approval = alice.expectMessage("a voice approval form from the room", m -> room.jid.equals(m.getFrom())
                && DataForm.from(m) != null && "http://jabber.org/protocol/muc#request".equals(DataForm.from(m).getFormType()));
        assertNotNull(DataForm.from(approval).getField("muc#role"), "the approval form lacks muc#role: " + Room.describe(approval));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.3", level = MUST,
          requirement = "a membership granted to a user who is in the room is announced to the occupants with affiliation member")
    @Test
    void grantedMembershipIsAnnounced(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");
        room.joined(carol, "carol");

        Room.expectResult(room.setAffiliation(alice, bob.bareJid(), MUCAffiliation.member));

        room.expectFrom(carol, "bob", "bob's presence as member", p -> Room.affiliation(p) == MUCAffiliation.member);
    }
}
