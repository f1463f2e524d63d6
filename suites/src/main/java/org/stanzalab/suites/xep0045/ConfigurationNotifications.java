package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §10.2 and §10.2.1: the configuration form shows each changed setting, and the occupants are told of a
 * change (104 for most settings; 170 and 171 for logging; every occupant, whatever its role).
 */
@StanzalabTest
class ConfigurationNotifications {

    /** Standard settings (besides the name, anonymity and logging, which other tests cover) that an owner may change later. */
    enum Setting {
        roomdesc("muc#roomconfig_roomdesc"),
        lang("muc#roomconfig_lang"),
        persistentroom("muc#roomconfig_persistentroom"),
        publicroom("muc#roomconfig_publicroom"),
        membersonly("muc#roomconfig_membersonly"),
        moderatedroom("muc#roomconfig_moderatedroom"),
        changesubject("muc#roomconfig_changesubject"),
        maxusers("muc#roomconfig_maxusers"),
        allowinvites("muc#roomconfig_allowinvites"),
        allowpm("muc#roomconfig_allowpm"),
        presencebroadcast("muc#roomconfig_presencebroadcast"),
        maxhistoryfetch("muc#maxhistoryfetch");

        final String field;

        Setting(String field) {
            this.field = field;
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2", level = MUST,
          requirement = "after the owner changes a setting, the configuration form the owner gets next shows the new value as its current one")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Setting.class)
    void laterFormShowsTheChangedValue(Setting s, Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        List<String> value = RoomSettings.otherValue(RoomSettings.form(room, alice), s.field);

        RoomSettings.change(room, alice, Map.of(s.field, value));

        DataForm form = room.form(alice);
        assertTrue(form.getField(s.field) != null, "the form no longer has " + s.field + ": " + form.toXML());
        assertTrue(RoomSettings.valuesOf(form.getField(s.field)).equals(RoomSettings.normalised(value)),
                s.field + " was changed to " + value + " but the form shows " + form.getField(s.field).getValuesAsString());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2.1", level = SHOULD,
          requirement = "a change of a setting that does not concern logging or anonymity is announced to the occupants with status 104")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Setting.class)
    void changedSettingIsAnnouncedWith104(Setting s, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        List<String> value = RoomSettings.otherValue(RoomSettings.form(room, alice), s.field);
        // bob is a member, so that making the room members-only does not remove him (§10.2, status 322).
        room.grant(alice, bob.bareJid(), MUCAffiliation.member);
        room.joined(bob, "bob");

        RoomSettings.change(room, alice, Map.of(s.field, value));

        RoomSettings.notification(bob, room, 104);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2.1", level = MUST,
          requirement = "a password set on a room changes its security profile, so the occupants are sent a configuration-change notification (a status code from the room)")
    @Test
    void passwordChangeIsAnnounced(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        RoomSettings.change(room, alice, RoomSettings.password(room, alice, "Notified-s3cret"));

        bob.expectMessage("a configuration-change notification from " + room.jid,
                m -> room.jid.equals(m.getFrom()) && !Room.codes(m).isEmpty());
    }

    /** Who, besides the participant that Configuration checks, must get a privacy notification. */
    enum Recipient {
        owner, admin, visitor
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2.1", level = MUST,
          requirement = "the notification that a room became non-anonymous (status 172) reaches every occupant: the owner who made the change, an admin, a visitor")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Recipient.class)
    void privacyNotificationReachesEveryOccupant(Recipient r, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_whois", "moderators", "muc#roomconfig_moderatedroom", "1"));
        if (r == Recipient.admin) {
            room.grant(alice, bob.bareJid(), MUCAffiliation.admin);
        }
        room.joined(bob, "bob");
        if (r == Recipient.visitor) {
            lab.setUp("revoke bob's voice", () -> Room.expectResult(room.setRole(alice, "bob", MUCRole.visitor)));
        }
        Session watcher = r == Recipient.owner ? alice : bob;

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_whois", "anyone"));

        RoomSettings.notification(watcher, room, 172);
    }

    // ---- logging (§10.2.1, §7.2.12) ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2.1", level = MUST,
          requirement = "when the owner turns room logging on, the occupants are notified with status 170")
    @Test
    void loggingTurnedOnIsAnnouncedWith170(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        RoomSettings.configure(room, alice, RoomSettings.values("muc#roomconfig_enablelogging", "0"));
        room.joined(bob, "bob");

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_enablelogging", "1"));

        RoomSettings.notification(bob, room, 170);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2.1", level = MUST,
          requirement = "when the owner turns room logging off, the occupants are notified with status 171")
    @Test
    void loggingTurnedOffIsAnnouncedWith171(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        RoomSettings.configure(room, alice, RoomSettings.values("muc#roomconfig_enablelogging", "1"));
        room.joined(bob, "bob");

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_enablelogging", "0"));

        RoomSettings.notification(bob, room, 171);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.12", level = MUST,
          requirement = "a newcomer to a logged room is warned with status 170 in its self-presence")
    @Test
    void newcomerToLoggedRoomIsWarnedWith170(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        RoomSettings.configure(room, alice, RoomSettings.values("muc#roomconfig_enablelogging", "1"));

        Presence self = room.join(bob, "bob");

        assertTrue(Room.codes(self).contains(170), "bob's self-presence in a logged room lacks status 170: " + Room.describe(self));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2.1", level = MUST,
          requirement = "the notification of a privacy change is a message from the room JID whose muc#user element holds only status codes (no item)")
    @Test
    void privacyNotificationHoldsOnlyStatusCodes(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_whois", "anyone"));
        room.joined(bob, "bob");

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_whois", "moderators"));

        Message note = RoomSettings.notification(bob, room, 173);
        assertTrue(Room.item(note) == null, "the notification carries an item besides its status codes: " + Room.describe(note));
    }
}
