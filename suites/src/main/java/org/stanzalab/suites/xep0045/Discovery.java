package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0045 §6: discovering the service, its rooms, a room's identity and features, and occupants. */
@StanzalabTest
class Discovery {

    private static DiscoverInfo info(IQ reply) {
        if (!(reply instanceof DiscoverInfo info) || reply.getType() != IQ.Type.result) {
            throw new ServerFailure("expected a disco#info result, got " + reply.toXML());
        }
        return info;
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.2", level = MUST,
          requirement = "the group-chat service answers disco#info with its conference identity and the muc feature")
    @Test
    void serviceReturnsIdentityAndMucFeature(Lab lab) {
        Session alice = lab.newUser().connect();

        DiscoverInfo info = info(alice.request(Room.discoInfoRequest(alice, Room.service(lab))));

        assertTrue(info.hasIdentity("conference", "text"), "no conference/text identity: " + info.toXML());
        assertTrue(info.containsFeature(Room.MUC), "no " + Room.MUC + " feature: " + info.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.4", level = MUST,
          requirement = "a room answers disco#info with its conference identity")
    @Test
    void roomReturnsConferenceIdentity(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        DiscoverInfo info = info(room.discoInfo(alice));

        assertTrue(info.getIdentities().stream().anyMatch(i -> "conference".equals(i.getCategory())), "no conference identity: " + info.toXML());
    }

    /** A configuration setting and the disco#info feature of the room that says so (§6.4, registry of §16.3). */
    enum Setting {
        persistent("muc#roomconfig_persistentroom", "1", "muc_persistent"),
        temporary("muc#roomconfig_persistentroom", "0", "muc_temporary"),
        publicRoom("muc#roomconfig_publicroom", "1", "muc_public"),
        hidden("muc#roomconfig_publicroom", "0", "muc_hidden"),
        membersOnly("muc#roomconfig_membersonly", "1", "muc_membersonly"),
        open("muc#roomconfig_membersonly", "0", "muc_open"),
        moderated("muc#roomconfig_moderatedroom", "1", "muc_moderated"),
        unmoderated("muc#roomconfig_moderatedroom", "0", "muc_unmoderated"),
        nonAnonymous("muc#roomconfig_whois", "anyone", "muc_nonanonymous"),
        semiAnonymous("muc#roomconfig_whois", "moderators", "muc_semianonymous"),
        passwordProtected("muc#roomconfig_roomsecret", "Feature-s3cret", "muc_passwordprotected"),
        unsecured("muc#roomconfig_roomsecret", "", "muc_unsecured");

        final String field;
        final String value;
        final String feature;

        Setting(String field, String value, String feature) {
            this.field = field;
            this.value = value;
            this.feature = feature;
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.4", level = SHOULD,
          requirement = "a room's disco#info features reflect its configuration (persistent or temporary, public or hidden, members-only or open, moderated or not, anonymity, password)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Setting.class)
    void roomFeaturesReflectConfiguration(Setting setting, Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = setting == Setting.passwordProtected
                ? Room.passwordProtected(lab, alice, setting.value)
                : Room.reserved(lab, alice, "alice", Room.fields(setting.field, setting.value));

        DiscoverInfo info = info(room.discoInfo(alice));

        assertTrue(info.containsFeature(setting.feature), "a room configured " + setting.field + "=" + setting.value
                + " should list " + setting.feature + ": " + info.toXML());
    }

    private static List<String> roomsOf(Session session, Lab lab) {
        DiscoverItems request = new DiscoverItems();
        request.setTo(Room.service(lab));
        IQ reply = session.request(request);
        if (!(reply instanceof DiscoverItems items) || reply.getType() != IQ.Type.result) {
            throw new ServerFailure("expected a disco#items result from the service, got " + reply.toXML());
        }
        return items.getItems().stream().map(i -> i.getEntityID().toString()).toList();
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.3", level = SHOULD,
          requirement = "the service's disco#items lists a public room it hosts")
    @Test
    void publicRoomIsListed(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_publicroom", "1"));

        List<String> rooms = roomsOf(bob, lab);

        assertTrue(rooms.contains(room.jid.toString()), "the public room " + room.jid + " is not among the service's items (" + rooms.size() + " listed)");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.3", level = SHOULD,
          requirement = "the service's disco#items does not list a hidden room")
    @Test
    void hiddenRoomIsNotListed(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_publicroom", "0"));

        List<String> rooms = roomsOf(bob, lab);

        assertFalse(rooms.contains(room.jid.toString()), "the hidden room " + room.jid + " is listed by the service");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.6", level = MUST,
          requirement = "a disco request from a non-occupant to an occupant JID is refused with bad-request")
    @Test
    void nonOccupantDiscoToOccupantIsBadRequest(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        IQ reply = bob.request(Room.discoInfoRequest(bob, room.occupant("alice")));

        Room.expectError(reply, StanzaError.Condition.bad_request, "bob's disco#info to alice's occupant JID");
    }
}
