package org.stanzalab.suites.xep0084;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0060.Pubsub;
import org.stanzalab.suites.xep0163.Caps;
import org.stanzalab.suites.xep0223.PepNodes;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0084 avatar metadata as contacts receive it (its §3.3): a contact that asks for metadata+notify in its entity
 * capabilities is told of a new avatar, and a resource that comes online later gets the current one.
 */
@StanzalabTest
@FreshAccounts("the account's PEP nodes and its contacts' interests must be only those this test made")
class AvatarNotifications {
    private static final String METADATA = "urn:xmpp:avatar:metadata";
    private static final String ADDRESS = "http://jabber.org/protocol/address";
    /** Stands in for the SHA-1 of an image: the server stores what it is given. */
    private static final String ID = "111f4b3c50d7b0df729d299bc6f8e9ef9066971f";
    private static final String METADATA_ITEM = "<metadata xmlns='" + METADATA + "'><info bytes='12345' id='" + ID
            + "' height='64' width='64' type='image/png'/></metadata>";

    private static void contacts(Lab lab, User a, User b) {
        lab.setUp("a mutual presence subscription of " + a.role() + " and " + b.role(), () -> {
            Session one = a.connect().available();
            Session two = b.connect().available();
            Subscription.establish(lab, one, two, true);
            Subscription.establish(lab, two, one, true);
            one.close();
            two.close();
        });
    }

    private static RawSession online(Lab lab, User user, List<String> features) {
        RawSession session = lab.raw().authenticate(user).bind();
        Caps.announce(session, features);
        return session;
    }

    @Spec(document = "XEP-0163", version = "1.2.2", section = "4.3.3", level = MUST,
          requirement = "a contact online with metadata+notify gets a notification of the new avatar metadata, naming the"
                  + " image by its id")
    @Test
    void contactIsNotifiedOfNewAvatar(Lab lab) {
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        contacts(lab, aliceAccount, bobAccount);
        RawSession alice = online(lab, aliceAccount, List.of());
        RawSession bob = online(lab, bobAccount, List.of(Caps.notify(METADATA)));

        PepNodes.published(lab, alice, METADATA, ID, METADATA_ITEM, null);

        XmlElement notification = bob.expect("a metadata notification of avatar " + ID, Pubsub.itemPublished(METADATA, ID));
        assertTrue(Pubsub.eventItem(notification, ID).flatMap(i -> i.child("metadata", METADATA)).map(m -> m.children("info", METADATA).stream()
                .anyMatch(info -> ID.equals(info.attribute("id").orElse(null)))).orElse(false), "the notification lacks the info: " + notification.toXml());
    }

    @Spec(document = "XEP-0084", version = "1.1.4", section = "7.1", level = SHOULD,
          requirement = "a metadata notification names the publishing resource in a replyto address, so per-resource"
                  + " avatars can be told apart")
    @Test
    void notificationNamesThePublishingResource(Lab lab) {
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        contacts(lab, aliceAccount, bobAccount);
        RawSession alice = online(lab, aliceAccount, List.of());
        RawSession bob = online(lab, bobAccount, List.of(Caps.notify(METADATA)));

        PepNodes.published(lab, alice, METADATA, ID, METADATA_ITEM, null);

        XmlElement notification = bob.expect("a metadata notification of avatar " + ID, Pubsub.itemPublished(METADATA, ID));
        assertTrue(notification.child("addresses", ADDRESS).map(a -> a.children("address", ADDRESS).stream()
                .anyMatch(ad -> "replyto".equals(ad.attribute("type").orElse(null)) && alice.jid().equals(ad.attribute("jid").orElse(null))))
                .orElse(false), "the notification has no replyto address naming " + alice.jid() + ": " + notification.toXml());
    }

    @Spec(document = "XEP-0163", version = "1.2.2", section = "4.3.4", level = MUST,
          requirement = "a contact's resource that comes online with metadata+notify gets the current avatar metadata")
    @Test
    void contactComingOnlineGetsTheCurrentAvatar(Lab lab) {
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        contacts(lab, aliceAccount, bobAccount);
        RawSession alice = online(lab, aliceAccount, List.of());
        // bob's phone teaches the server his caps first, so the laptop comes online with caps the server knows
        RawSession bobPhone = lab.raw().authenticate(bobAccount).bind();
        List<String> caps = Caps.announce(bobPhone, List.of(Caps.notify(METADATA)));
        PepNodes.published(lab, alice, METADATA, ID, METADATA_ITEM, null);

        RawSession bobLaptop = lab.raw().authenticate(bobAccount).bind();
        Caps.announceAgain(bobLaptop, caps);

        bobLaptop.expect("the current avatar metadata on coming online", Pubsub.itemPublished(METADATA, ID));
    }
}
