package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Marker;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §7.13 and §8.6: a visitor asks for voice with a muc#request form, the room turns it into an approval form
 * for the moderators, and a moderator's approval gives the visitor voice. Registration.voiceRequestReachesModerators
 * checks that the form arrives at all.
 */
@StanzalabTest
class VoiceRequests {

    /** alice owns a moderated room; bob is in it as a visitor (made one explicitly, whatever the default role). */
    private record Cast(Session alice, Session bob, Room room) {
    }

    private static Cast visitorInModeratedRoom(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_moderatedroom", "1"));
        room.joined(bob, "bob");
        lab.setUp("make bob a visitor", () -> Room.expectResult(room.setRole(alice, "bob", MUCRole.visitor)));
        return new Cast(alice, bob, room);
    }

    /** The voice request of §7.13: a submitted muc#request form asking for the participant role. */
    private static void requestVoice(Session from, Room room) {
        from.send(from.smack().getStanzaFactory().buildMessageStanza().to(room.jid)
                .addExtension(RoomSettings.submitForm(RoomSettings.REQUEST, RoomSettings.values("muc#role", "participant"))).build());
    }

    private static boolean isApprovalForm(Room room, Message m) {
        DataForm form = DataForm.from(m);
        return room.jid.equals(m.getFrom()) && form != null && RoomSettings.REQUEST.equals(form.getFormType());
    }

    private static DataForm approvalForm(Session moderator, Room room) {
        return DataForm.from(moderator.expectMessage("a voice approval form from " + room.jid, m -> isApprovalForm(room, m)));
    }

    /** The moderator's answer (§8.6): the approval form submitted back with muc#request_allow set. */
    private static void answer(Session moderator, Room room, DataForm approval, boolean allow) {
        Map<String, List<String>> fields = RoomSettings.fieldsOf(approval);
        fields.put("muc#request_allow", List.of(allow ? "true" : "false"));
        moderator.send(moderator.smack().getStanzaFactory().buildMessageStanza().to(room.jid)
                .addExtension(RoomSettings.submitForm(RoomSettings.REQUEST, fields)).build());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.6", level = SHOULD,
          requirement = "the voice approval form the moderators get names the visitor by its nickname and asks whether to allow the request")
    @Test
    void approvalFormNamesTheVisitor(Lab lab) {
        Cast c = visitorInModeratedRoom(lab);

        requestVoice(c.bob(), c.room());

        DataForm form = approvalForm(c.alice(), c.room());
        assertTrue(form.getField("muc#roomnick") != null && "bob".equals(form.getField("muc#roomnick").getFirstValue()),
                "the approval form does not name bob's nickname: " + form.toXML());
        assertTrue(form.getField("muc#request_allow") != null, "the approval form has no muc#request_allow field: " + form.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.6", level = SHOULD,
          requirement = "when a moderator approves a voice request, the visitor becomes a participant and the occupants are sent its new role")
    @Test
    void approvedRequestGivesVoice(Lab lab) {
        Cast c = visitorInModeratedRoom(lab);
        requestVoice(c.bob(), c.room());
        DataForm form = lab.setUp("the approval form reaches alice", () -> approvalForm(c.alice(), c.room()));

        answer(c.alice(), c.room(), form, true);

        Presence granted = c.room().expectFrom(c.bob(), "bob", "bob's presence as a participant",
                p -> p.getType() == Presence.Type.available && Room.role(p) == MUCRole.participant);
        assertTrue(Room.isSelf(granted), "bob's own presence with his new role lacks status 110: " + Room.describe(granted));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.6", level = SHOULD,
          requirement = "a visitor whose voice request was approved can then speak: its groupchat message is reflected to the occupants")
    @Test
    void approvedVisitorCanSpeak(Lab lab) {
        Cast c = visitorInModeratedRoom(lab);
        requestVoice(c.bob(), c.room());
        DataForm form = lab.setUp("the approval form reaches alice", () -> approvalForm(c.alice(), c.room()));
        answer(c.alice(), c.room(), form, true);
        lab.setUp("bob gets voice", () -> c.room().expectFrom(c.bob(), "bob", "bob's presence as a participant",
                p -> Room.role(p) == MUCRole.participant));

        c.room().say(c.bob(), "thanks for the voice");

        c.alice().expectMessage("bob's message reflected", m -> c.room().occupant("bob").equals(m.getFrom())
                && "thanks for the voice".equals(m.getBody()));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.6", level = SHOULD,
          requirement = "a voice request the moderator does not allow leaves the visitor a visitor: no new role is announced")
    @Test
    void deniedRequestLeavesTheVisitorWithoutVoice(Lab lab) {
        Cast c = visitorInModeratedRoom(lab);
        requestVoice(c.bob(), c.room());
        DataForm form = lab.setUp("the approval form reaches alice", () -> approvalForm(c.alice(), c.room()));
        // Only what follows the answer counts: bob may have entered as a participant before he was made a visitor.
        c.alice().forget(Presence.class);

        answer(c.alice(), c.room(), form, false);

        // The room handled alice's answer before her marker; anything it announced came to her before the reply.
        Marker marker = c.alice().sendMarkerIq(c.room().jid);
        c.alice().expectNothingBefore(marker, Presence.class, "bob's presence with voice after a denied request",
                p -> c.room().occupant("bob").equals(p.getFrom()) && Room.role(p) == MUCRole.participant);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.6", level = SHOULD,
          requirement = "the voice approval form goes to the moderators only: a participant is not sent it")
    @Test
    void approvalFormGoesToModeratorsOnly(Lab lab) {
        Cast c = visitorInModeratedRoom(lab);
        Session carol = lab.newUser().connect();
        lab.setUp("carol enters as a participant", () -> {
            c.room().join(carol, "carol");
            Room.expectResult(c.room().setRole(c.alice(), "carol", MUCRole.participant));
        });

        requestVoice(c.bob(), c.room());

        lab.setUp("the approval form reaches alice", () -> approvalForm(c.alice(), c.room()));
        Marker marker = carol.sendMarkerIq(c.room().jid);
        carol.expectNothingBefore(marker, Message.class, "a voice approval form sent to a participant", m -> isApprovalForm(c.room(), m));
    }
}
