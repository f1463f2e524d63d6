package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.util.StringUtils;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §7.8.2 and §9.5: mediated invitations and declines through the room. Everyone sends initial presence:
 * invitations and declines go to bare JIDs, which a server delivers only to available resources.
 */
@StanzalabTest
class Invitations {

    /** Sends {@code <x xmlns='…muc#user'><invite|decline to='…'><reason/></…></x>} to the room, as a normal message. */
    static void sendThroughRoom(Session from, Room room, String element, Jid to, String reason) {
        from.send(org.jivesoftware.smack.packet.StanzaBuilder.buildMessage().to(room.jid)
                .addExtension(org.jivesoftware.smack.packet.StandardExtensionElement.builder("x", Room.USER)
                        .addElement(org.jivesoftware.smack.packet.StandardExtensionElement.builder(element, Room.USER)
                                .addAttribute("to", to.toString())
                                .addElement("reason", reason).build())
                        .build())
                .build());
    }

    private static boolean isInvitationFrom(Room room, Message m) {
        MUCUser x = MUCUser.from(m);
        return room.jid.equals(m.getFrom()) && x != null && x.getInvite() != null;
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.8.2", level = MUST,
          requirement = "a mediated invitation is sent on by the room to the invitee, with a 'from' naming the inviter (bare, full or occupant JID)")
    @Test
    void mediatedInvitationNamesInviter(Lab lab) {
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Room room = Room.instant(lab, alice, "alice");

        sendThroughRoom(alice, room, "invite", bob.bareJid(), "join us");

        Message invitation = bob.expectMessage("the invitation from the room", m -> isInvitationFrom(room, m));
        Jid inviter = MUCUser.from(invitation).getInvite().getFrom();
        assertTrue(alice.bareJid().equals(inviter) || alice.jid().equals(inviter) || room.occupant("alice").equals(inviter),
                "the invitation's 'from' must name alice (bare, full or occupant JID), it is " + inviter + ": " + Room.describe(invitation));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.8.2", level = SHOULD,
          requirement = "an invitation to a password-protected room carries the room's password")
    @Test
    void invitationToPasswordRoomCarriesPassword(Lab lab) {
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Room room = Room.passwordProtected(lab, alice, "inv1te-secret");

        sendThroughRoom(alice, room, "invite", bob.bareJid(), "the secret is inside");

        Message invitation = bob.expectMessage("the invitation from the room", m -> isInvitationFrom(room, m));
        assertEquals("inv1te-secret", MUCUser.from(invitation).getPassword(), "password in the invitation: " + Room.describe(invitation));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.8.2", level = MAY,
          requirement = "an invitee's decline sent to the room is passed on to the inviter")
    @Test
    void declineReachesInviter(Lab lab) {
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Room room = Room.instant(lab, alice, "alice");

        sendThroughRoom(bob, room, "decline", alice.bareJid(), "busy");

        Message decline = alice.expectMessage("bob's decline from the room",
                m -> room.jid.equals(m.getFrom()) && MUCUser.from(m) != null && MUCUser.from(m).getDecline() != null);
        assertNotNull(decline);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.5", level = MUST,
          requirement = "in a members-only room whose invitations are restricted to admins, a member's invitation is refused with forbidden")
    @Test
    void memberInvitationInRestrictedRoomIsForbidden(Lab lab) {
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Session carol = lab.newUser().connect().available();
        Room room = Room.createLocked(lab, alice, "alice");
        // The standard switch where the form has it; Prosody names its own (members may invite, off by default).
        String invites = lab.setUp("read the form", () -> room.form(alice)).getField("muc#roomconfig_allowinvites") != null
                ? "muc#roomconfig_allowinvites" : "{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites";
        room.configure(alice, Room.fields("muc#roomconfig_membersonly", "1", invites, "0"));
        room.grant(alice, bob.bareJid(), MUCAffiliation.member);
        room.joined(bob, "bob");

        sendThroughRoom(bob, room, "invite", carol.bareJid(), "come in");

        Message error = bob.expectMessage("an error for bob's invitation",
                m -> m.getType() == Message.Type.error && room.jid.equals(m.getFrom().asBareJid()));
        assertEquals(StanzaError.Condition.forbidden, Room.condition(error), "condition: " + Room.describe(error));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.5", level = MUST,
          requirement = "an invitation through an open room does not put the invitee on the member list")
    @Test
    void invitationToOpenRoomGrantsNoMembership(Lab lab) {
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_membersonly", "0"));

        sendThroughRoom(alice, room, "invite", bob.bareJid(), "drop by");
        lab.setUp("the invitation arrives", () -> bob.expectMessage("the invitation", m -> isInvitationFrom(room, m)));
        IQ members = room.list(alice, "affiliation", "member");

        Room.expectResult(members);
        assertFalse(members.toXML().toString().contains(bob.bareJid().toString()), "the invitee became a member: " + members.toXML());
    }
}
