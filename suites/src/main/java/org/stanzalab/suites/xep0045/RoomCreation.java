package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0045 §10.1 and §10.2: creating a room (instant and reserved) and configuring it later. */
@StanzalabTest
class RoomCreation {

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.1.1", level = MUST,
          requirement = "the first presence from a new room to its creator carries status 201 (room created) besides 110 (self-presence)")
    @Test
    void creatorsSelfPresenceSaysRoomCreated(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.unborn(lab);
        lab.cleanup("destroy " + room.jid, () -> room.destroy(alice, "<destroy/>"));

        Presence self = room.join(alice, "alice");

        assertTrue(Room.codes(self).contains(201), "the creator's self-presence lacks status 201: " + Room.describe(self));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.1.1", level = MUST,
          requirement = "the creator of a new room becomes its owner, and the room says so in the creator's first presence")
    @Test
    void creatorBecomesOwner(Lab lab) {
        Session alice = lab.newUser().connect();

        Room room = Room.createLocked(lab, alice, "alice");

        assertEquals(MUCAffiliation.owner, Room.affiliation(room.created),
                "affiliation in the creator's self-presence: " + Room.describe(room.created));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.10", level = MUST,
          requirement = "while a new room awaits its first configuration, anyone else who tries to enter is refused with item-not-found")
    @Test
    void lockedRoomRefusesOthersWithItemNotFound(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.createLocked(lab, alice, "alice");

        Presence answer = room.enter(bob, "bob");

        assertEquals(StanzaError.Condition.item_not_found, Room.condition(answer),
                "the answer to entering a locked room: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.1.2", level = MUST,
          requirement = "an owner's request for an instant room (an empty submitted form) unlocks the room so that others can enter")
    @Test
    void instantRoomRequestUnlocksRoom(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.createLocked(lab, alice, "alice");

        IQ reply = room.submitInstant(alice);
        Presence answer = room.enter(bob, "bob");

        assertEquals(IQ.Type.result, reply.getType(), "reply to the instant-room request: " + reply.toXML());
        assertEquals(Presence.Type.available, answer.getType(), "bob entering the instant room: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.1.3", level = MUST,
          requirement = "an owner who asks a new room for its configuration gets a result with a data form (or an empty query when there are no options)")
    @Test
    void newRoomReturnsConfigurationForm(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.createLocked(lab, alice, "alice");

        IQ reply = room.requestForm(alice);

        assertEquals(IQ.Type.result, reply.getType(), "reply to the configuration request: " + reply.toXML());
        DataForm form = DataForm.from(reply);
        if (form != null) {
            assertEquals(DataForm.Type.form, form.getType(), "type of the configuration form");
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.1.3", level = MUST,
          requirement = "a submitted initial configuration is acknowledged with a result and unlocks the room")
    @Test
    void submittedConfigurationUnlocksRoom(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.createLocked(lab, alice, "alice");

        IQ reply = room.submit(alice, Room.fields("muc#roomconfig_roomname", "Reserved by Stanzalab"));
        Presence answer = room.enter(bob, "bob");

        assertEquals(IQ.Type.result, reply.getType(), "reply to the submitted configuration: " + reply.toXML());
        assertEquals(Presence.Type.available, answer.getType(), "bob entering the configured room: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.1.3", level = MUST,
          requirement = "when the owner cancels the initial configuration the room is destroyed, and the owner is sent unavailable presence")
    @Test
    void cancelledInitialConfigurationDestroysRoom(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.createLocked(lab, alice, "alice");

        alice.request(new RawIq(IQ.Type.set, room.jid, "query", Room.OWNER, "<x xmlns='jabber:x:data' type='cancel'/>"));

        room.expectFrom(alice, "alice", "unavailable presence after the cancelled configuration",
                p -> p.getType() == Presence.Type.unavailable);
        // Destroyed, the room no longer exists: bob entering creates a new room, with status 201.
        Presence bobs = room.enter(bob, "bob");
        lab.cleanup("destroy the room bob re-created", () -> room.destroy(bob, "<destroy/>"));
        assertTrue(bobs.getType() == Presence.Type.available && Room.codes(bobs).contains(201),
                "after the cancel, bob's entry should create the room anew (status 201): " + Room.describe(bobs));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2", level = MUST,
          requirement = "a request for the configuration form from someone who is not an owner is refused with forbidden")
    @Test
    void nonOwnerIsRefusedTheConfigurationForm(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        IQ reply = room.requestForm(bob);

        Room.expectError(reply, StanzaError.Condition.forbidden, "a participant asking for the configuration form");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2", level = MUST,
          requirement = "the configuration form sent to an owner later shows the room's current settings as its values")
    @Test
    void laterConfigurationFormShowsCurrentSettings(Lab lab) {
        Session alice = lab.newUser().connect();
        String name = "Stanzalab room " + Long.toHexString(System.nanoTime());
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_roomname", name));

        DataForm form = room.form(alice);

        FormField field = form.getField("muc#roomconfig_roomname");
        assertNotNull(field, "the later form lacks muc#roomconfig_roomname");
        assertEquals(name, field.getFirstValue(), "the room name in the later configuration form");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2", level = MUST,
          requirement = "when the owner cancels a later configuration, the room keeps the settings it had")
    @Test
    void cancelledLaterConfigurationKeepsSettings(Lab lab) {
        Session alice = lab.newUser().connect();
        String name = "Stanzalab kept " + Long.toHexString(System.nanoTime());
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_roomname", name));

        room.form(alice);
        alice.request(new RawIq(IQ.Type.set, room.jid, "query", Room.OWNER, "<x xmlns='jabber:x:data' type='cancel'/>"));
        DataForm form = room.form(alice);

        assertEquals(name, form.getField("muc#roomconfig_roomname").getFirstValue(), "the room name after a cancelled configuration");
    }
}
