package org.stanzalab.suites.xep0163;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.xep0163.Pep.VERSION;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0060.Pubsub;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0163 Personal Eventing Protocol: every account a pubsub service, notifications to contacts that ask for them
 * with +notify in their entity capabilities, the last item on coming online, and the access models. Alice publishes,
 * bob is her contact (a mutual presence subscription), carol a stranger.
 */
@StanzalabTest
@FreshAccounts("the account's PEP nodes and its contacts' interests must be only those this test made")
class PersonalEventing {

    private static String text(XmlElement notification, String node, String itemId) {
        return Pubsub.eventItem(notification, itemId).flatMap(i -> i.childText("note", node)).orElse(null);
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "3", level = MUST,
          requirement = "a publish to a node the account does not have yet creates the node, and the item is stored")
    @Test
    void publishCreatesTheNode(Lab lab) {
        RawSession alice = Pep.online(lab, lab.newUser());
        String node = Pep.newNode();
        Pep.deletedAtEnd(lab, alice, node);

        XmlElement reply = Pep.own(alice).publish(node, "first", Pep.payload(node, "hello"), null);

        assertTrue(Pubsub.isResult(reply), "a publish to a new PEP node was answered with " + Pubsub.describe(reply));
        assertEquals(List.of("first"), Pubsub.itemIds(Pep.own(alice).items(node, null)), "items of the auto-created node");
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "4.3.3", level = MUST,
          requirement = "a contact online with +notify for the node gets a notification of the publish, with the payload")
    @Test
    void contactWithNotifyIsNotified(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        Pep.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = Pep.online(lab, aliceAccount);
        RawSession bob = Pep.online(lab, bobAccount, node);

        Pep.published(lab, alice, node, "news", "for my contacts", null);

        XmlElement notification = bob.expect("a PEP notification of item news", e -> Pep.isNotification(e, node, "news"));
        assertEquals("for my contacts", text(notification, node, "news"), "payload of the notification: " + notification.toXml());
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "4.3.1", level = MUST,
          requirement = "a PEP notification comes from the bare JID of the publishing account")
    @Test
    void notificationComesFromTheOwnersBareJid(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        Pep.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = Pep.online(lab, aliceAccount);
        RawSession bob = Pep.online(lab, bobAccount, node);

        Pep.published(lab, alice, node, "news", "x", null);

        XmlElement notification = bob.expect("a PEP notification of item news", e -> Pep.isNotification(e, node, "news"));
        assertEquals(aliceAccount.jid().toString(), notification.attribute("from").orElse(null), "from of the notification: " + notification.toXml());
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "4.3.2", level = MUST,
          requirement = "of a contact's resources only the one whose caps ask for the node is notified, at its full JID")
    @Test
    void onlyTheResourceWithNotifyIsNotified(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        Pep.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = Pep.online(lab, aliceAccount);
        RawSession bobPhone = Pep.online(lab, bobAccount, node);
        RawSession bobLaptop = Pep.online(lab, bobAccount);

        Pep.published(lab, alice, node, "news", "x", null);

        XmlElement notification = bobPhone.expect("a PEP notification of item news", e -> Pep.isNotification(e, node, "news"));
        assertEquals(bobPhone.jid(), notification.attribute("to").orElse(null), "the notification is not addressed to the full JID");
        bobLaptop.expectNothingFrom(alice, "a PEP notification for a resource without +notify", e -> Pubsub.event(e).isPresent());
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "4.2", level = MUST,
          requirement = "a contact whose caps do not ask for the node (no +notify) gets no notification of it")
    @Test
    void contactWithoutNotifyIsNotNotified(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        Pep.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = Pep.online(lab, aliceAccount);
        RawSession bob = Pep.online(lab, bobAccount, Pep.newNode());

        Pep.published(lab, alice, node, "news", "x", null);

        bob.expectNothingFrom(alice, "a notification of a node its caps do not ask for", e -> Pubsub.eventFor(node, "items", i -> true).test(e));
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "5", level = MUST,
          requirement = "a node with the default access model (presence) sends nothing to a user without a presence"
                  + " subscription, though it announced +notify to the owner in directed presence")
    @Test
    void strangerIsNotNotified(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        RawSession alice = Pep.online(lab, aliceAccount);
        RawSession carol = Pep.login(lab, lab.newUser());
        // directed presence with caps to alice, so the server learns carol's interest if it looks at such presence
        carol.send("<presence/>");
        carol.send("<presence to='" + aliceAccount.jid() + "'><c xmlns='" + Caps.NS + "' hash='sha-1' node='" + Caps.NODE + "' ver='"
                + Caps.ver(List.of(Caps.notify(node))) + "'/></presence>");
        carol.sync();

        Pep.published(lab, alice, node, "news", "contacts only", null);

        carol.expectNothingFrom(alice, "a notification of a presence-access node without a presence subscription",
                e -> Pubsub.eventFor(node, "items", i -> true).test(e));
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "4.3.4", level = MUST,
          requirement = "a contact's resource that comes online with +notify for a node gets the last item published"
                  + " before")
    @Test
    void contactComingOnlineGetsTheLastItem(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        Pep.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = Pep.online(lab, aliceAccount);
        // bob's phone is online first, so the server knows his caps (and their +notify) before the laptop comes
        RawSession bobPhone = Pep.login(lab, bobAccount);
        List<String> caps = Pep.onlineWithCaps(lab, bobPhone, node);
        Pep.published(lab, alice, node, "older", "1", null);
        Pep.published(lab, alice, node, "latest", "2", null);

        RawSession bobLaptop = Pep.onlineAgain(lab, bobAccount, caps);

        XmlElement notification = bobLaptop.expect("the last published item on coming online", e -> Pep.isNotification(e, node, "latest"));
        assertEquals("2", text(notification, node, "latest"), "payload of the last item: " + notification.toXml());
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "4.3.4", level = MUST,
          requirement = "a new resource of the account owner that comes online with +notify gets the node's last item")
    @Test
    void ownersNewResourceGetsTheLastItem(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        RawSession alicePhone = Pep.login(lab, aliceAccount);
        List<String> caps = Pep.onlineWithCaps(lab, alicePhone, node);
        Pep.published(lab, alicePhone, node, "latest", "mine", null);

        RawSession aliceLaptop = Pep.onlineAgain(lab, aliceAccount, caps);

        aliceLaptop.expect("the last published item on the owner's new resource", e -> Pep.isNotification(e, node, "latest"));
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "4.3.3", level = MUST,
          requirement = "another online resource of the publishing account with +notify for the node is notified too")
    @Test
    void ownersOtherResourceIsNotified(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        RawSession alicePhone = Pep.online(lab, aliceAccount);
        RawSession aliceLaptop = Pep.online(lab, aliceAccount, node);

        Pep.published(lab, alicePhone, node, "synced", "to my other devices", null);

        aliceLaptop.expect("a PEP notification on the owner's other resource", e -> Pep.isNotification(e, node, "synced"));
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "4.1", level = MUST,
          requirement = "a contact subscribed to the owner's presence may retrieve the items of a presence-access node")
    @Test
    void contactRetrievesItems(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        Pep.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = Pep.online(lab, aliceAccount);
        Pep.published(lab, alice, node, "shared", "for contacts", null);
        RawSession bob = Pep.login(lab, bobAccount);

        XmlElement reply = Pep.of(bob, aliceAccount).items(node, null);

        assertTrue(Pubsub.isResult(reply), "a contact's request for the items was answered with " + Pubsub.describe(reply));
        assertEquals(List.of("shared"), Pubsub.itemIds(reply), "items the contact gets");
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "5", level = MUST,
          requirement = "the items of a node with the default (presence) access model are refused to a user without a"
                  + " presence subscription")
    @Test
    void strangerCannotRetrieveItems(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        RawSession alice = Pep.online(lab, aliceAccount);
        Pep.published(lab, alice, node, "shared", "for contacts", null);
        RawSession carol = Pep.login(lab, lab.newUser());

        XmlElement reply = Pep.of(carol, aliceAccount).items(node, null);

        assertFalse(Pubsub.isResult(reply) && !Pubsub.items(reply).isEmpty(), "a stranger read a presence-access node: " + reply.toXml());
        assertEquals("error", reply.attribute("type").orElse(""), "a stranger's request for the items must be refused: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "6.5.9.6", level = MUST,
          requirement = "a PEP service refuses the items of a presence-access node to a user without a presence"
                  + " subscription with not-authorized")
    @Test
    void strangerIsRefusedWithNotAuthorized(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        RawSession alice = Pep.online(lab, aliceAccount);
        Pep.published(lab, alice, node, "shared", "for contacts", null);
        RawSession carol = Pep.login(lab, lab.newUser());

        XmlElement reply = Pep.of(carol, aliceAccount).items(node, null);

        lab.requireThat(!Pubsub.isResult(reply), "the request was not refused (strangerCannotRetrieveItems covers that)");
        assertEquals("not-authorized", Pubsub.condition(reply), "a stranger's request for a presence node's items: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "5", level = MUST,
          requirement = "a node published with the open access model (publish-options) can be read by anyone")
    @Test
    void openNodeIsReadableByAnyone(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        RawSession alice = Pep.online(lab, aliceAccount);
        Pep.published(lab, alice, node, "public", "for everyone", Map.of("pubsub#access_model", "open"));
        RawSession carol = Pep.login(lab, lab.newUser());

        XmlElement reply = Pep.of(carol, aliceAccount).items(node, null);

        assertTrue(Pubsub.isResult(reply), "a stranger's request for an open node's items was answered with " + Pubsub.describe(reply));
        assertEquals(List.of("public"), Pubsub.itemIds(reply), "items of the open node");
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "5", level = MUST,
          requirement = "a node the owner configures to the whitelist access model is closed to a contact not on the list")
    @Test
    void whitelistNodeIsClosedToContacts(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        Pep.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = Pep.online(lab, aliceAccount);
        Pep.published(lab, alice, node, "closed", "owner only", null);
        lab.setUp("alice sets the node's access model to whitelist", () -> {
            XmlElement reply = Pep.own(alice).configure(node, Map.of("pubsub#access_model", "whitelist"));
            assertTrue(Pubsub.isResult(reply), "the configuration was answered with " + Pubsub.describe(reply));
        });
        RawSession bob = Pep.login(lab, bobAccount);

        XmlElement reply = Pep.of(bob, aliceAccount).items(node, null);

        assertFalse(Pubsub.isResult(reply) && !Pubsub.items(reply).isEmpty(), "a contact read a whitelist node: " + reply.toXml());
        assertEquals("error", reply.attribute("type").orElse(""), "a contact's request for a whitelist node must be refused: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "6.5.9.8", level = MUST,
          requirement = "a PEP service refuses the items of a whitelist node to someone not on the list with not-allowed"
                  + " and closed-node")
    @Test
    void whitelistRefusalIsNotAllowedClosedNode(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        RawSession alice = Pep.online(lab, aliceAccount);
        Pep.published(lab, alice, node, "closed", "owner only", Map.of("pubsub#access_model", "whitelist"));
        RawSession carol = Pep.login(lab, lab.newUser());

        XmlElement reply = Pep.of(carol, aliceAccount).items(node, null);

        lab.requireThat(!Pubsub.isResult(reply), "the request was not refused (whitelistNodeIsClosedToContacts covers that)");
        assertEquals("not-allowed", Pubsub.condition(reply), "a stranger's request for a whitelist node's items: " + Pubsub.describe(reply));
        assertEquals("closed-node", Pubsub.pubsubCondition(reply), "pubsub condition: " + reply.toXml());
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "3", level = SHOULD,
          requirement = "a publish whose publish-options contradict the existing node is refused with conflict and"
                  + " precondition-not-met, and the item is not stored")
    @Test
    void publishOptionsThatDoNotMatchAreRefused(Lab lab) {
        String node = Pep.newNode();
        RawSession alice = Pep.online(lab, lab.newUser());
        Pep.published(lab, alice, node, "first", "presence node", null);

        XmlElement reply = Pep.own(alice).publish(node, "second", Pep.payload(node, "x"), Map.of("pubsub#access_model", "open"));

        assertEquals("conflict", Pubsub.condition(reply), "a publish asking for open on a presence node: " + Pubsub.describe(reply));
        assertEquals("precondition-not-met", Pubsub.pubsubCondition(reply), "pubsub condition: " + reply.toXml());
        assertFalse(Pubsub.itemIds(Pep.own(alice).items(node, null)).contains("second"), "the refused item was stored");
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "3", level = SHOULD,
          requirement = "a publish whose publish-options match the existing node's configuration is accepted")
    @Test
    void publishOptionsThatMatchAreAccepted(Lab lab) {
        String node = Pep.newNode();
        RawSession alice = Pep.online(lab, lab.newUser());
        Pep.published(lab, alice, node, "first", "open node", Map.of("pubsub#access_model", "open"));

        XmlElement reply = Pep.own(alice).publish(node, "second", Pep.payload(node, "x"), Map.of("pubsub#access_model", "open"));

        assertTrue(Pubsub.isResult(reply), "a publish with options the node meets was answered with " + Pubsub.describe(reply));
        assertTrue(Pubsub.itemIds(Pep.own(alice).items(node, null)).contains("second"), "the accepted item is not stored");
    }

    @Spec(document = "XEP-0163", version = VERSION, section = "6.2", level = MUST,
          requirement = "disco#items of the account lists a presence-access node to a contact but not to a stranger")
    @Test
    void accountItemsFollowTheAccessModel(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        Pep.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = Pep.online(lab, aliceAccount);
        Pep.published(lab, alice, node, "x", "y", null);
        RawSession bob = Pep.login(lab, bobAccount);
        RawSession carol = Pep.login(lab, lab.newUser());

        XmlElement forBob = Pep.of(bob, aliceAccount).discoItems(null);
        XmlElement forCarol = Pep.of(carol, aliceAccount).discoItems(null);

        assertTrue(listsNode(forBob, node), "disco#items of alice does not list the node to her contact: " + forBob.toXml());
        assertFalse(listsNode(forCarol, node), "disco#items of alice lists a presence-access node to a stranger: " + forCarol.toXml());
    }

    private static boolean listsNode(XmlElement reply, String node) {
        return reply.child("query", Pubsub.DISCO_ITEMS).map(q -> q.children("item", Pubsub.DISCO_ITEMS).stream()
                .anyMatch(i -> node.equals(i.attribute("node").orElse(null)))).orElse(false);
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "8.4.2", level = MUST,
          requirement = "the deletion of a PEP node is notified to a contact with +notify for it")
    @Test
    void nodeDeletionIsNotifiedToContacts(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        Pep.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = Pep.online(lab, aliceAccount);
        RawSession bob = Pep.online(lab, bobAccount, node);
        Pep.published(lab, alice, node, "x", "soon gone", null);
        bob.expect("the notification of the publish", e -> Pep.isNotification(e, node, "x"));

        lab.setUp("alice deletes the node", () -> {
            XmlElement reply = Pep.own(alice).delete(node);
            assertTrue(Pubsub.isResult(reply), "the delete was answered with " + Pubsub.describe(reply));
        });

        bob.expect("a delete notification for " + node, Pubsub.eventFor(node, "delete", d -> true));
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "7.2.2.1", level = MUST,
          requirement = "a PEP item retracted with notify is reported to a contact with +notify for the node")
    @Test
    void retractionIsNotifiedToContacts(Lab lab) {
        String node = Pep.newNode();
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        Pep.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = Pep.online(lab, aliceAccount);
        RawSession bob = Pep.online(lab, bobAccount, node);
        Pep.published(lab, alice, node, "x", "soon retracted", null);
        bob.expect("the notification of the publish", e -> Pep.isNotification(e, node, "x"));

        lab.setUp("alice retracts the item with notify", () -> {
            XmlElement reply = Pep.own(alice).retract(node, "x", true);
            assertTrue(Pubsub.isResult(reply), "the retraction was answered with " + Pubsub.describe(reply));
        });

        bob.expect("a retract notification for item x", Pubsub.eventFor(node, "items",
                items -> items.children("retract", Pubsub.EVENT).stream().anyMatch(r -> "x".equals(r.attribute("id").orElse(null)))));
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "8.5.2", level = MUST,
          requirement = "purging a PEP node empties it")
    @Test
    void purgeEmptiesTheNode(Lab lab) {
        String node = Pep.newNode();
        RawSession alice = Pep.online(lab, lab.newUser());
        Pep.published(lab, alice, node, "one", "1", null);
        Pep.published(lab, alice, node, "two", "2", null);

        XmlElement reply = Pep.own(alice).purge(node);

        lab.requireThat(!"feature-not-implemented".equals(Pubsub.condition(reply)), "the PEP service does not purge nodes: " + reply.toXml());
        assertTrue(Pubsub.isResult(reply), "the owner's purge was answered with " + Pubsub.describe(reply));
        assertEquals(List.of(), Pubsub.itemIds(Pep.own(alice).items(node, null)), "items left after the purge");
    }
}
