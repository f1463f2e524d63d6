package org.stanzalab.suites.rfc6121;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.rfc6121.RosterRequests.describe;
import static org.stanzalab.suites.rfc6121.RosterRequests.itemFor;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;

/** RFC 6121 §2: the roster, as the user reads and changes it. */
@StanzalabTest
class RosterManagement {

    @Spec(document = "RFC 6121", section = "2.3.2", level = MUST,
          requirement = "a roster set for a new contact is answered with a result and the contact, with its name and group, is then in the roster")
    @Test
    void rosterSetAddsTheContact(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        User bob = lab.newUser();

        alice.session().requestResult(RosterRequests.add(bob.jid(), "Bob", "Friends"));

        RosterPacket.Item item = alice.rosterItem(bob.jid());
        assertNotNull(item, "after the roster set, the roster has no item for " + bob.jid());
        assertEquals("Bob", item.getName(), "name of the added item " + describe(item));
        assertEquals(Set.of("Friends"), item.getGroupNames(), "groups of the added item " + describe(item));
        assertEquals(ItemType.none, item.getItemType(), "a contact added by roster set has no subscription yet: " + describe(item));
    }

    @Spec(document = "RFC 6121", section = "2.3.2", level = MUST,
          requirement = "a new roster item is pushed to every interested resource of the user, including the one that sent the roster set")
    @Test
    void rosterSetIsPushedToEveryInterestedResource(Lab lab) {
        User alice = lab.newUser();
        ImClient phone = ImClient.connect(alice);
        ImClient laptop = ImClient.connect(alice);
        User bob = lab.newUser();

        phone.session().requestResult(RosterRequests.add(bob.jid(), "Bob", "Friends"));

        laptop.expectRosterPushShowing("to the other resource", bob.jid(), "the name Bob", item -> "Bob".equals(item.getName()));
        phone.expectRosterPushShowing("to the resource that sent the set", bob.jid(), "the name Bob", item -> "Bob".equals(item.getName()));
    }

    @Spec(document = "RFC 6121", section = "2.5.2", level = MUST,
          requirement = "a roster set with subscription 'remove' deletes the item and pushes the removal to the user's interested resources")
    @Test
    void rosterRemoveDeletesTheItemAndPushesTheRemoval(Lab lab) {
        User alice = lab.newUser();
        ImClient phone = ImClient.connect(alice);
        ImClient laptop = ImClient.connect(alice);
        User bob = lab.newUser();
        lab.setUp(bob.jid() + " on alice's roster", () -> {
            phone.session().requestResult(RosterRequests.add(bob.jid(), "Bob", null));
            laptop.expectRosterPush("(setup) adding " + bob.jid(), itemFor(bob.jid()));
        });

        phone.session().requestResult(RosterRequests.remove(bob.jid()));

        laptop.expectRosterPush("removing " + bob.jid(), itemFor(bob.jid(), ItemType.remove));
        phone.expectRosterPush("removing " + bob.jid(), itemFor(bob.jid(), ItemType.remove));
        RosterPacket.Item left = phone.rosterItem(bob.jid());
        assertNull(left, "after the removal, the roster still has " + describe(left));
    }

    @Spec(document = "RFC 6121", section = "2.3.3", level = MUST,
          requirement = "a roster set whose query holds more than one item is refused with bad-request and changes nothing")
    @Test
    void rosterSetWithTwoItemsIsRefusedWithBadRequest(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        User bob = lab.newUser();
        User carol = lab.newUser();

        StanzaError error = alice.session().requestError(RosterRequests.set(null,
                RosterRequests.item(bob.jid(), "Bob", null, null),
                RosterRequests.item(carol.jid(), "Carol", null, null)));

        assertEquals(StanzaError.Condition.bad_request, error.getCondition(), "condition of the refusal of a two-item roster set");
        assertNull(alice.rosterItem(bob.jid()), "the refused roster set still added " + bob.jid());
        assertNull(alice.rosterItem(carol.jid()), "the refused roster set still added " + carol.jid());
    }

    @Spec(document = "RFC 6121", section = "2.1.5", level = MUST,
          requirement = "in a roster set, the server ignores a 'subscription' value other than 'remove': a client cannot grant itself a subscription")
    @Test
    void subscriptionStateInRosterSetIsIgnored(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        User bob = lab.newUser();

        alice.session().requestResult(RosterRequests.set(null, RosterRequests.item(bob.jid(), "Bob", null, "both")));

        RosterPacket.Item item = alice.rosterItem(bob.jid());
        assertNotNull(item, "the roster set was answered with a result, but the roster has no item for " + bob.jid());
        assertEquals(ItemType.none, item.getItemType(),
                "subscription of an item whose roster set claimed subscription='both'; no handshake took place: " + describe(item));
    }

    @Spec(document = "RFC 6121", section = "2.3.3", level = MUST,
          requirement = "a roster set from someone who may not change the roster, here another user addressing it to the owner's bare JID, is refused with forbidden")
    @Test
    void rosterSetByAnotherUserIsForbidden(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        Session bob = lab.newUser().connect();
        User carol = lab.newUser();

        StanzaError error = bob.requestError(RosterRequests.set(alice.bareJid(), RosterRequests.item(carol.jid(), "Carol", null, null)));

        assertNull(alice.rosterItem(carol.jid()), "another user's roster set changed the roster of " + alice.bareJid());
        assertEquals(StanzaError.Condition.forbidden, error.getCondition(),
                "condition of the refusal of a roster set that another user sent to " + alice.bareJid());
    }

    // ---- reading the roster (§2.1.3, §2.1.4) ----

    @Spec(document = "RFC 6121", section = "2.1.4", level = MUST,
          requirement = "a roster get is answered with a result carrying a jabber:iq:roster query, which for a new account holds no item")
    @Test
    void rosterGetOfNewAccountIsAnEmptyResult(Lab lab) {
        Session alice = lab.newUser().connect();

        IQ reply = alice.requestResult(RosterRequests.get());

        assertTrue(reply instanceof RosterPacket, "the result of a roster get must carry a jabber:iq:roster query: " + reply.toXML());
        assertEquals(List.of(), ((RosterPacket) reply).getRosterItems().stream().map(RosterRequests::describe).toList(),
                "items in the roster of a new account");
    }

    @Spec(document = "RFC 6121", section = "2", level = MUST,
          requirement = "the roster returned to the user's client is the data the server stored: each item with its JID, name, subscription and "
                  + "groups as set, and no 'ask' when no request is pending")
    @Test
    void rosterResultShowsTheItemAsStored(Lab lab) {
        User alice = lab.newUser();
        ImClient phone = ImClient.connect(alice);
        User bob = lab.newUser();
        phone.session().requestResult(RosterRequests.set(null, RosterRequests.itemWithGroups(bob.jid(), "Bob", "Friends", "Work")));

        RosterPacket.Item item = ImClient.connect(alice).rosterItem(bob.jid());

        assertNotNull(item, "the roster read by another resource has no item for " + bob.jid());
        assertEquals("Bob", item.getName(), "name of " + describe(item));
        assertEquals(Set.of("Friends", "Work"), item.getGroupNames(), "groups of " + describe(item));
        assertEquals(ItemType.none, item.getItemType(), "subscription of " + describe(item));
        assertFalse(item.isSubscriptionPending(), "no request is pending, so the item has no ask: " + describe(item));
    }

    // ---- updating an item (§2.4) ----

    /** A change to an item named Bob in the groups Friends and Work, and how the item must look afterwards. */
    enum Update {
        RENAME("rename", "Robert", "Friends", "Work"),
        ADD_GROUP("add-group", "Bob", "Friends", "Work", "Family"),
        DROP_GROUP("drop-group", "Bob", "Friends"),
        DROP_ALL_GROUPS("drop-all-groups", "Bob"),
        DROP_NAME("drop-name", null, "Friends", "Work");

        final String key;
        final String name;
        final String[] groups;

        Update(String key, String name, String... groups) {
            this.key = key;
            this.name = name;
            this.groups = groups;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6121", section = "2.4.1", level = MUST,
          requirement = "a roster set for an existing item replaces it exactly as given: name and groups afterwards are those of the set")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Update.class)
    void rosterUpdateReplacesTheItemExactly(Update update, Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        User bob = lab.newUser();
        alice.session().requestResult(RosterRequests.set(null, RosterRequests.itemWithGroups(bob.jid(), "Bob", "Friends", "Work")));

        alice.session().requestResult(RosterRequests.set(null, RosterRequests.itemWithGroups(bob.jid(), update.name, update.groups)));

        RosterPacket.Item item = alice.rosterItem(bob.jid());
        assertNotNull(item, "after the update (" + update + "), the roster has no item for " + bob.jid());
        String name = item.getName() == null || item.getName().isEmpty() ? null : item.getName();
        assertEquals(update.name, name, "name after the update (" + update + "): " + describe(item));
        assertEquals(Set.of(update.groups), item.getGroupNames(), "groups after the update (" + update + "): " + describe(item));
    }

    @Spec(document = "RFC 6121", section = "2.4.2", level = MUST,
          requirement = "an updated item is pushed, as updated, to every interested resource of the user")
    @Test
    void rosterUpdateIsPushedToEveryInterestedResource(Lab lab) {
        User alice = lab.newUser();
        ImClient phone = ImClient.connect(alice);
        ImClient laptop = ImClient.connect(alice);
        User bob = lab.newUser();
        lab.setUp(bob.jid() + " on alice's roster, pushed to both resources", () -> {
            phone.session().requestResult(RosterRequests.add(bob.jid(), "Bob", "Friends"));
            laptop.expectRosterPush("(setup) adding " + bob.jid(), itemFor(bob.jid()));
            phone.expectRosterPush("(setup) adding " + bob.jid(), itemFor(bob.jid()));
        });

        phone.session().requestResult(RosterRequests.add(bob.jid(), "Robert", "Family"));

        RosterPacket.Item atLaptop = laptop.expectRosterPush("renaming " + bob.jid() + " to Robert", itemFor(bob.jid()).and(i -> "Robert".equals(i.getName())));
        phone.expectRosterPush("renaming " + bob.jid() + " to Robert", itemFor(bob.jid()).and(i -> "Robert".equals(i.getName())));
        assertEquals(Set.of("Family"), atLaptop.getGroupNames(), "groups in the push of the update " + describe(atLaptop));
    }

    // ---- refused roster sets (§2.3.3) ----

    /** A roster set the server must refuse, and the conditions it may refuse it with. */
    enum BadSet {
        DUPLICATE_GROUP("duplicate-group", bob -> RosterRequests.itemWithGroups(bob, "Bob", "Friends", "Friends"),
                StanzaError.Condition.bad_request),
        EMPTY_GROUP("empty-group", bob -> RosterRequests.itemWithGroups(bob, "Bob", ""), StanzaError.Condition.not_acceptable);

        final String key;
        final Function<Jid, String> item;
        final Set<StanzaError.Condition> conditions;

        BadSet(String key, Function<Jid, String> item, StanzaError.Condition... conditions) {
            this.key = key;
            this.item = item;
            this.conditions = Set.of(conditions);
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6121", section = "2.3.3", level = MUST,
          requirement = "a roster set whose item names the same group twice is refused with bad-request, one with an empty group name with not-acceptable, and neither changes the roster")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadSet.class)
    void malformedRosterSetIsRefused(BadSet bad, Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        User bob = lab.newUser();

        StanzaError error = alice.session().requestError(RosterRequests.set(null, bad.item.apply(bob.jid())));

        assertTrue(bad.conditions.contains(error.getCondition()), "condition of the refusal of a roster set with a "
                + bad + " (RFC 6121 §2.3.3 requires " + bad.conditions + "), got <" + error.getCondition() + "/>");
        assertNull(alice.rosterItem(bob.jid()), "the refused roster set (" + bad + ") still added " + bob.jid());
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "a roster set whose item 'jid' is not a valid JID (here an empty localpart) is refused (jid-malformed, or bad-request "
                  + "as RFC 6121 refuses roster sets) and adds nothing")
    @Test
    void rosterSetWithInvalidJidIsRefused(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());

        StanzaError error = alice.session().requestError(RosterRequests.set(null, "<item jid='@" + lab.domain() + "' name='Nobody'/>"));

        assertTrue(Set.of(StanzaError.Condition.bad_request, StanzaError.Condition.jid_malformed).contains(error.getCondition()),
                "condition of the refusal of a roster item with the invalid JID '@" + lab.domain() + "' (bad-request or jid-malformed), got <"
                        + error.getCondition() + "/>");
        assertEquals(List.of(), alice.fetchRoster().stream().map(RosterRequests::describe).toList(), "roster after the refused set");
    }

    /** Which part of an item is made very long. */
    enum LongValue {
        NAME("long-name"), GROUP("long-group");

        final String key;

        LongValue(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6121", section = "2.3.3", level = MUST,
          requirement = "a name or group longer than the server accepts is refused with not-acceptable; one it accepts is stored whole, never cut")
    @ParameterizedTest(name = "{0}")
    @EnumSource(LongValue.class)
    void veryLongNameOrGroupIsStoredWholeOrRefusedAsNotAcceptable(LongValue which, Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        User bob = lab.newUser();
        String longText = "x".repeat(3000);
        String item = which == LongValue.NAME ? RosterRequests.itemWithGroups(bob.jid(), longText)
                : RosterRequests.itemWithGroups(bob.jid(), "Bob", longText);

        IQ reply = alice.session().request(RosterRequests.set(null, item));

        if (reply.getType() == IQ.Type.error) {
            assertEquals(StanzaError.Condition.not_acceptable, reply.getError().getCondition(),
                    "condition of the refusal of a roster item with a 3000-character " + which.name().toLowerCase());
            assertNull(alice.rosterItem(bob.jid()), "the refused roster set still added " + bob.jid());
            return;
        }
        RosterPacket.Item stored = alice.rosterItem(bob.jid());
        assertNotNull(stored, "the roster set was answered with a result, but the roster has no item for " + bob.jid());
        if (which == LongValue.NAME) {
            assertEquals(longText.length(), stored.getName() == null ? 0 : stored.getName().length(), "length of the stored 3000-character name");
        } else {
            assertEquals(Set.of(longText.length()), stored.getGroupNames().stream().map(String::length).collect(java.util.stream.Collectors.toSet()),
                    "length of the stored 3000-character group");
        }
    }

    /** A subscription value a client might try to set for itself. */
    enum Claim {
        TO("to"), FROM("from");

        final String value;

        Claim(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /*
     * Ignoring the value means handling the set as if it were absent, so the set succeeds like any other: a refusal
     * because of the value is not ignoring it.
     */
    @Spec(document = "RFC 6121", section = "2.1.5", level = MUST,
          requirement = "in a roster set, any 'subscription' value other than 'remove' is ignored: the set succeeds and the item keeps subscription 'none'")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Claim.class)
    void claimedSubscriptionInRosterSetIsIgnored(Claim claim, Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        User bob = lab.newUser();

        alice.session().requestResult(RosterRequests.set(null, RosterRequests.item(bob.jid(), "Bob", null, claim.value)));

        RosterPacket.Item item = alice.rosterItem(bob.jid());
        assertNotNull(item, "the roster set was answered with a result, but the roster has no item for " + bob.jid());
        assertEquals(ItemType.none, item.getItemType(), "subscription of an item whose roster set claimed subscription='"
                + claim.value + "'; no handshake took place: " + describe(item));
    }

    // ---- deleting an item (§2.5) ----

    @Spec(document = "RFC 6121", section = "2.5.3", level = MUST,
          requirement = "removing a JID that is not in the roster is refused with item-not-found")
    @Test
    void removingAnUnknownItemIsItemNotFound(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        User bob = lab.newUser();

        StanzaError error = alice.session().requestError(RosterRequests.remove(bob.jid()));

        assertEquals(StanzaError.Condition.item_not_found, error.getCondition(), "condition of the refusal to remove " + bob.jid() + ", who is not in the roster");
    }

    /** A subscription that removing the item must end, and what the contact must be told. */
    enum Removal {
        TO("to", SubscriptionState.TO, Presence.Type.unsubscribe),
        FROM("from", SubscriptionState.FROM, Presence.Type.unsubscribed),
        BOTH_UNSUBSCRIBE("both-unsubscribe", SubscriptionState.BOTH, Presence.Type.unsubscribe),
        BOTH_UNSUBSCRIBED("both-unsubscribed", SubscriptionState.BOTH, Presence.Type.unsubscribed);

        final String key;
        final SubscriptionState state;
        final Presence.Type told;

        Removal(String key, SubscriptionState state, Presence.Type told) {
            this.key = key;
            this.state = state;
            this.told = told;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /* What the contact's server then does with the unsubscribe or unsubscribed is §3.2.3's and §3.3.3's, tested there. */
    @Spec(document = "RFC 6121", section = "2.5.2", level = MUST,
          requirement = "removing a contact ends the subscriptions: the user's server sends the contact unsubscribe if the user was subscribed to "
                  + "it, unsubscribed if it was subscribed to the user, both when mutual")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Removal.class)
    void removingAContactEndsTheSubscription(Removal removal, Lab lab) {
        ContactPair pair = ContactPair.in(lab, removal.state);

        pair.alice.session().requestResult(RosterRequests.remove(pair.bob.bareJid()));

        pair.bob.expectPresence("the " + removal.told + " of alice, who removed him from her roster in state " + removal.state,
                Subscriptions.ofTypeFromAccount(removal.told, pair.alice.bareJid()));
    }

    // ---- roster versioning (§2.6) ----

    @Spec(document = "RFC 6121", section = "2.6.3", level = MUST,
          requirement = "a server offering roster versioning answers a roster get with an empty 'ver' either with the complete roster carrying "
                  + "its version or with an empty result")
    @Test
    void versionedRosterGetReturnsTheVersion(Lab lab) {
        ImClient alice = RosterVersioning.connect(lab, lab.newUser());

        IQ reply = alice.session().requestResult(RosterRequests.versionedGet(""));

        if (reply instanceof RosterPacket roster) {
            assertNotNull(roster.getVersion(), "the complete roster answered to a get with ver='' carries no 'ver': " + roster.toXML());
            lab.transcript().note("roster", "choice: the complete roster with ver='" + roster.getVersion() + "'");
        } else {
            lab.transcript().note("roster", "choice: an empty result (changes would follow as roster pushes)");
        }
    }

    @Spec(document = "RFC 6121", section = "2.6.3", level = MUST,
          requirement = "a roster get with the current version is answered with an empty result, or with the whole roster and its version")
    @Test
    void rosterGetWithCurrentVersionIsEmptyOrComplete(Lab lab) {
        ImClient alice = RosterVersioning.connect(lab, lab.newUser());
        User bob = lab.newUser();
        alice.session().requestResult(RosterRequests.add(bob.jid(), "Bob", null));
        String current = RosterVersioning.fullRoster(lab, alice, "").getVersion();

        IQ reply = alice.session().requestResult(RosterRequests.versionedGet(current));

        if (reply instanceof RosterPacket roster) {
            assertNotNull(roster.getVersion(), "a full roster answered to a versioned get must carry its version: " + roster.toXML());
            assertTrue(roster.getRosterItems().stream().anyMatch(itemFor(bob.jid())), "the full roster answered to a versioned get lacks " + bob.jid());
        }
    }

    @Spec(document = "RFC 6121", section = "2.6.3", level = MUST,
          requirement = "a roster get with an outdated version yields the changes since: either the whole roster, or an empty result followed by a push for each changed item")
    @Test
    void rosterGetWithOutdatedVersionDeliversTheChanges(Lab lab) {
        User alice = lab.newUser();
        ImClient phone = RosterVersioning.connect(lab, alice);
        String before = RosterVersioning.fullRoster(lab, phone, "").getVersion();
        User bob = lab.newUser();
        phone.session().requestResult(RosterRequests.add(bob.jid(), "Bob", null));
        ImClient laptop = ImClient.connect(alice);
        laptop.session().forget(RosterPacket.class);

        IQ reply = laptop.session().requestResult(RosterRequests.versionedGet(before));

        if (reply instanceof RosterPacket roster) {
            assertTrue(roster.getRosterItems().stream().anyMatch(itemFor(bob.jid())),
                    "the roster answered to a get with the outdated version " + before + " lacks " + bob.jid() + ", added since: " + roster.toXML());
        } else {
            laptop.expectRosterPush("for " + bob.jid() + ", added since version " + before + " (RFC 6121 §2.6.3)", itemFor(bob.jid()));
        }
    }

    @Spec(document = "RFC 6121", section = "2.6.3", level = MUST,
          requirement = "with roster versioning in use, every roster push carries the new roster version")
    @Test
    void rosterPushCarriesTheNewVersion(Lab lab) {
        ImClient alice = RosterVersioning.connect(lab, lab.newUser());
        String before = RosterVersioning.fullRoster(lab, alice, "").getVersion();
        User bob = lab.newUser();

        alice.session().requestResult(RosterRequests.add(bob.jid(), "Bob", null));

        RosterPacket push = alice.expectRosterPushStanza("adding " + bob.jid(), itemFor(bob.jid()));
        assertNotNull(push.getVersion(), "a roster push while roster versioning is in use carries no 'ver': " + push.toXML());
        assertFalse(push.getVersion().equals(before), "the push of a change carries the version from before the change (" + before + ")");
    }
}
