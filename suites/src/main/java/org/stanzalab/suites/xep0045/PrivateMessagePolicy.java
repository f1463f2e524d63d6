package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;

import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Marker;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §7.5: who may send private messages is controlled by muc#roomconfig_allowpm (none, moderators,
 * participants, anyone). The section states the control without a keyword, so a failure is graded at MAY.
 */
@StanzalabTest
class PrivateMessagePolicy {

    /** A setting, who sends (the participant bob or the moderator alice), and whether the message must get through. */
    enum Case {
        anyoneLetsParticipantSend("anyone", false, true),
        participantsLetsParticipantSend("participants", false, true),
        moderatorsRefusesParticipant("moderators", false, false),
        moderatorsLetsModeratorSend("moderators", true, true),
        noneRefusesParticipant("none", false, false);

        final String allowpm;
        final boolean moderatorSends;
        final boolean delivered;

        Case(String allowpm, boolean moderatorSends, boolean delivered) {
            this.allowpm = allowpm;
            this.moderatorSends = moderatorSends;
            this.delivered = delivered;
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.5", level = MAY,
          requirement = "a private message is delivered or refused as the room's muc#roomconfig_allowpm setting says for the sender's role; a refused one comes back as an error and never reaches the addressee")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Case.class)
    void privateMessagesFollowTheAllowpmSetting(Case c, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_moderatedroom", "0"));
        RoomSettings.configure(room, alice, RoomSettings.values("muc#roomconfig_allowpm", c.allowpm));
        room.joined(bob, "bob");
        room.joined(carol, "carol");
        Session sender = c.moderatorSends ? alice : bob;
        String nick = c.moderatorSends ? "alice" : "bob";
        String body = "pm with allowpm=" + c.allowpm;

        sender.sendMessage(room.occupant("carol"), Message.Type.chat, body);

        if (c.delivered) {
            carol.expectMessage("the private message from " + nick, m -> room.occupant(nick).equals(m.getFrom()) && body.equals(m.getBody()));
            return;
        }
        Message error = sender.expectMessage("an error for the private message refused by allowpm=" + c.allowpm,
                m -> m.getType() == Message.Type.error && room.jid.equals(m.getFrom().asBareJid()));
        assertTrue(error.getError() != null, "the refusal carries no error condition: " + Room.describe(error));
        // The room handled the refused message before the sender's marker; carol's marker, sent after that one came
        // back, is answered after anything the room sent carol for it.
        sender.sendMarkerIq(room.jid).await();
        Marker seen = carol.sendMarkerIq(room.jid);
        carol.expectNothingBefore(seen, Message.class, "the refused private message", m -> body.equals(m.getBody()));
    }
}
