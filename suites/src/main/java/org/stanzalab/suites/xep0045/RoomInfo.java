package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.SHOULD;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §6.4: what a room tells about itself in disco#info, and that it follows the room's current state: the
 * features after a later configuration change, and the optional muc#roominfo form (XEP-0128) with the name,
 * description, language, subject and number of occupants.
 */
@StanzalabTest
class RoomInfo {

    /** A setting changed after creation (from the opposite value) and the feature the room must then list. */
    enum Change {
        madeModerated("muc#roomconfig_moderatedroom", "0", "1", "muc_moderated"),
        madeUnmoderated("muc#roomconfig_moderatedroom", "1", "0", "muc_unmoderated"),
        madeMembersOnly("muc#roomconfig_membersonly", "0", "1", "muc_membersonly"),
        madeOpen("muc#roomconfig_membersonly", "1", "0", "muc_open"),
        madePublic("muc#roomconfig_publicroom", "0", "1", "muc_public"),
        madeHidden("muc#roomconfig_publicroom", "1", "0", "muc_hidden"),
        madePersistent("muc#roomconfig_persistentroom", "0", "1", "muc_persistent"),
        madeTemporary("muc#roomconfig_persistentroom", "1", "0", "muc_temporary"),
        madeNonAnonymous("muc#roomconfig_whois", "moderators", "anyone", "muc_nonanonymous"),
        madeSemiAnonymous("muc#roomconfig_whois", "anyone", "moderators", "muc_semianonymous"),
        passwordAdded(null, null, null, "muc_passwordprotected"),
        passwordRemoved(null, null, null, "muc_unsecured");

        final String field;
        final String before;
        final String after;
        final String feature;

        Change(String field, String before, String after, String feature) {
            this.field = field;
            this.before = before;
            this.after = after;
            this.feature = feature;
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.4", level = SHOULD,
          requirement = "after the owner changes a setting, the room's disco#info lists the feature of the new setting (moderated, members-only, public, persistent, anonymity, password) and not the old one")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Change.class)
    void featuresFollowALaterChange(Change c, Lab lab) {
        Session alice = lab.newUser().connect();
        Room room;
        if (c == Change.passwordAdded) {
            room = Room.instant(lab, alice, "alice");
            RoomSettings.change(room, alice, RoomSettings.password(room, alice, "Info-s3cret"));
        } else if (c == Change.passwordRemoved) {
            room = Room.passwordProtected(lab, alice, "Info-s3cret");
            RoomSettings.change(room, alice, RoomSettings.password(room, alice, ""));
        } else {
            room = Room.reserved(lab, alice, "alice", Room.fields(c.field, c.before));
            RoomSettings.change(room, alice, RoomSettings.values(c.field, c.after));
        }

        DiscoverInfo info = RoomSettings.info(alice, room);

        assertTrue(info.containsFeature(c.feature), "after the change the room should list " + c.feature + ": " + info.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.4", level = MAY,
          requirement = "where the room gives muc#roominfo_occupants, it is the current number of occupants, and it follows an entry and a departure")
    @Test
    void occupantCountFollowsEntriesAndDepartures(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        String withBob = RoomSettings.infoValue(RoomSettings.roomInfo(alice, room), "muc#roominfo_occupants");
        room.leave(bob, "bob");
        room.expectFrom(alice, "bob", "bob's departure", p -> p.getType() == Presence.Type.unavailable);
        String withoutBob = RoomSettings.infoValue(RoomSettings.roomInfo(alice, room), "muc#roominfo_occupants");

        assertEquals("2", withBob, "occupants while alice and bob are in the room");
        assertEquals("1", withoutBob, "occupants after bob left");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.4", level = MAY,
          requirement = "where the room gives muc#roominfo_description, it shows the description the owner set last")
    @Test
    void descriptionFollowsTheConfiguration(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_roomdesc", "The first description"));

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_roomdesc", "A later description"));

        assertEquals("A later description", RoomSettings.infoValue(RoomSettings.roomInfo(alice, room), "muc#roominfo_description"),
                "muc#roominfo_description after the change");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.4", level = MAY,
          requirement = "where the room gives muc#roominfo_lang, it shows the language the owner set last")
    @Test
    void languageFollowsTheConfiguration(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_lang", "en"));

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_lang", "de"));

        assertEquals("de", RoomSettings.infoValue(RoomSettings.roomInfo(alice, room), "muc#roominfo_lang"), "muc#roominfo_lang after the change");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.4", level = MAY,
          requirement = "where the room gives muc#roominfo_subject, it shows the current subject")
    @Test
    void subjectIsTheCurrentOne(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        Subject.subject(alice, room, "Info subject");
        lab.setUp("the subject is set", () -> alice.expectMessage("the new subject", m -> "Info subject".equals(m.getSubject())));

        assertEquals("Info subject", RoomSettings.infoValue(RoomSettings.roomInfo(alice, room), "muc#roominfo_subject"), "muc#roominfo_subject");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.4", level = MAY,
          requirement = "where the room gives muc#roominfo_subjectmod, it says whether occupants may change the subject as the configuration does")
    @Test
    void subjectModificationFollowsTheConfiguration(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_changesubject", "0"));

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_changesubject", "1"));

        String value = RoomSettings.infoValue(RoomSettings.roomInfo(alice, room), "muc#roominfo_subjectmod");
        assertEquals(java.util.Set.of("1"), RoomSettings.normalised(java.util.List.of(value)), "muc#roominfo_subjectmod after allowing subject changes");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.4", level = MAY,
          requirement = "where the room's identity carries a name, it is the room name the owner set last")
    @Test
    void identityNameFollowsTheRoomName(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_roomname", "First name"));

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_roomname", "Later name"));

        DiscoverInfo info = RoomSettings.info(alice, room);
        DiscoverInfo.Identity identity = info.getIdentities().stream().filter(i -> "conference".equals(i.getCategory())).findFirst().orElse(null);
        lab.requireThat(identity != null && identity.getName() != null && !identity.getName().isEmpty(),
                "the room's identity carries no name (which §6.4 allows): " + info.toXML());
        assertEquals("Later name", identity.getName(), "the identity's name after renaming the room");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.4", level = MAY,
          requirement = "the extended room information is a data form of type result whose hidden FORM_TYPE is muc#roominfo")
    @Test
    void roomInfoIsAResultFormWithItsFormType(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        DataForm form = RoomSettings.roomInfo(alice, room);

        assertEquals(DataForm.Type.result, form.getType(), "type of the muc#roominfo form: " + form.toXML());
        assertTrue(form.hasHiddenFormTypeField(), "the FORM_TYPE field is not hidden: " + form.toXML());
    }
}
