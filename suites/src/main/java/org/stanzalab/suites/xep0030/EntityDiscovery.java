package org.stanzalab.suites.xep0030;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0030.Disco.Service;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0030 beyond the server's own answer: the server's components, accounts asked by others, clients reached
 * through the server, nodes, and the errors for what does not exist.
 */
@StanzalabTest
class EntityDiscovery {
    private static final String VERSION = "2.5.0";

    @Spec(document = "XEP-0030", version = VERSION, section = "3.1", level = MUST,
          requirement = "each component of the server answers disco#info with at least one identity (category and type)"
                  + " and lists the disco#info feature")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Service.class)
    void serviceInfoHasIdentityAndDiscoInfoFeature(Service service, Lab lab) {
        Jid jid = service.jid(lab);
        Session alice = lab.newUser().connect();

        IQ reply = alice.request(Disco.infoRequest(alice, jid, null));

        lab.requireThat(reply.getType() == IQ.Type.result,
                service.what + " service " + jid + " answered disco#info with an error (which §3.1 allows): no result to check");
        DiscoverInfo info = Disco.asInfo(reply);
        assertFalse(info.getIdentities().isEmpty(), "disco#info of " + jid + " lists no identity: " + reply.toXML());
        for (DiscoverInfo.Identity identity : info.getIdentities()) {
            assertFalse(isBlank(identity.getCategory()) || isBlank(identity.getType()),
                    "identity of " + jid + " without category or type: " + identity.toXML());
        }
        assertTrue(info.containsFeature(Disco.INFO), "disco#info of " + jid + " does not list " + Disco.INFO);
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "4.1", level = MUST,
          requirement = "a component answers disco#items with a result whose items each carry a jid, or with an error;"
                  + " having no items is an empty result, not an error")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Service.class)
    void serviceItemsAreAResultWithJids(Service service, Lab lab) {
        Jid jid = service.jid(lab);
        Session alice = lab.newUser().connect();

        IQ reply = alice.request(Disco.itemsRequest(jid, null));

        // §4.1 lets an entity refuse with an error; item-not-found would claim the service does not exist, which its
        // own disco#info (the service was found by it) contradicts.
        assertTrue(reply.getType() == IQ.Type.result || Disco.condition(reply) != StanzaError.Condition.item_not_found,
                "disco#items of " + jid + " was answered with <item-not-found/>; a service without items answers an empty result: "
                        + reply.toXML());
        lab.requireThat(reply.getType() == IQ.Type.result, service.what + " service " + jid
                + " refused disco#items with <" + Disco.condition(reply) + "/> (which §4.1 allows): no items to check");
        for (DiscoverItems.Item item : Disco.asItems(reply).getItems()) {
            assertNotNull(item.getEntityID(), "an item without jid in disco#items of " + jid + ": " + reply.toXML());
        }
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "3.1", level = MUST,
          requirement = "every feature of the server's info result carries a var and has no child elements")
    @Test
    void serverFeaturesHaveNoChildren(Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();

        XmlElement query = rawInfo(lab, alice, lab.domain());

        for (XmlElement feature : query.children("feature", Disco.INFO)) {
            assertTrue(feature.attribute("var").filter(v -> !v.isBlank()).isPresent(), "a feature without var: " + feature.toXml());
            assertTrue(feature.children().isEmpty(), "a feature with child elements: " + feature.toXml());
        }
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "4.1", level = MUST,
          requirement = "an item of the server's items result carries no character data")
    @Test
    void serverItemsCarryNoCharacterData(Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String id = alice.newId("items");

        XmlElement reply = alice.request("<iq type='get' id='" + id + "' to='" + lab.domain() + "'><query xmlns='" + Disco.ITEMS
                + "'/></iq>", id);

        lab.requireThat(Stanzas.hasType(reply, "result"), "the server refused disco#items (which §4.1 allows): " + reply.toXml());
        XmlElement query = reply.child("query", Disco.ITEMS).orElseThrow(() -> new AssertionError("a result without query: " + reply.toXml()));
        for (XmlElement item : query.children("item", Disco.ITEMS)) {
            assertTrue(item.text().isBlank(), "an item with character data: " + item.toXml());
            assertTrue(item.attribute("jid").isPresent(), "an item without jid: " + item.toXml());
        }
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "3.1", level = MUST,
          requirement = "every entity the server lists in its disco#items answers a disco#info request addressed to it"
                  + " (with a result that names an identity, or with an error)")
    @Test
    void serverItemsAnswerDiscoInfo(Lab lab) {
        Session alice = lab.newUser().connect();
        DiscoverItems items = Disco.itemsResult(alice, lab.domainJid(), null);
        lab.requireThat(!items.getItems().isEmpty(), "the server lists no items in disco#items: nothing to resolve");

        List<String> problems = new ArrayList<>();
        for (DiscoverItems.Item item : items.getItems()) {
            // A reply that never comes fails the request itself (RFC 6120 §8.2.3).
            IQ reply = alice.request(Disco.infoRequest(alice, item.getEntityID(), item.getNode()));
            if (reply.getType() == IQ.Type.result && Disco.asInfo(reply).getIdentities().isEmpty()) {
                problems.add(item.getEntityID() + (item.getNode() == null ? "" : " node " + item.getNode()) + " answered without identity");
            }
        }
        assertTrue(problems.isEmpty(), "items of " + lab.domain() + " that do not answer as §3.1 asks: " + problems);
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "7", level = SHOULD,
          requirement = "disco#info of a node the server does not have is answered with an error (item-not-found, or"
                  + " service-unavailable or another error the text allows), not with information about it")
    @Test
    void infoOfUnknownServerNodeIsAnError(Lab lab) {
        Session alice = lab.newUser().connect();
        String node = Disco.uniqueName("urn:stanzalab:no-such-node:");

        IQ reply = alice.request(Disco.infoRequest(alice, lab.domainJid(), node));

        assertEquals(IQ.Type.error, reply.getType(), "disco#info of the unknown node " + node + " was answered with " + reply.toXML());
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "7", level = SHOULD,
          requirement = "disco#info of a room that does not exist on the group-chat service is answered with"
                  + " item-not-found, or service-unavailable where the service keeps it secret")
    @Test
    void infoOfNonexistentRoomIsItemNotFoundOrServiceUnavailable(Lab lab) {
        Jid service = Service.GROUP_CHAT.jid(lab);
        Session alice = lab.newUser().connect();
        Jid room = JidCreate.entityBareFromOrThrowUnchecked(Disco.uniqueName("sl-noroom-") + "@" + service);

        IQ reply = alice.request(Disco.infoRequest(alice, room, null));

        assertTrue(Disco.condition(reply) == StanzaError.Condition.item_not_found
                        || Disco.condition(reply) == StanzaError.Condition.service_unavailable,
                "disco#info of the room " + room + " that does not exist: " + reply.toXML());
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "8", level = MUST,
          requirement = "disco#info with a node to the bare JID of an account that does not exist is answered with"
                  + " service-unavailable too")
    @Test
    void nodeInfoOfAbsentAccountIsServiceUnavailable(Lab lab) {
        Session alice = lab.newUser().connect();

        StanzaError error = alice.requestError(Disco.infoRequest(alice, Disco.absentAccount(lab), "http://jabber.org/protocol/commands"));

        assertEquals(StanzaError.Condition.service_unavailable, error.getCondition(),
                "error condition of node disco#info to an account that does not exist");
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "8", level = MUST,
          requirement = "disco#items with a node to the bare JID of an account that does not exist is an empty result")
    @Test
    void nodeItemsOfAbsentAccountAreAnEmptyResult(Lab lab) {
        Session alice = lab.newUser().connect();

        IQ reply = alice.requestResult(Disco.itemsRequest(Disco.absentAccount(lab), "urn:xmpp:bookmarks:1"));

        assertTrue(Disco.asItems(reply).getItems().isEmpty(), "node disco#items of an account that does not exist lists " + reply.toXML());
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "8", level = MUST,
          requirement = "disco#info to the bare JID of an account from someone without a presence subscription to it is"
                  + " answered with service-unavailable")
    @Test
    void infoOfAccountForStrangerIsServiceUnavailable(Lab lab) {
        Session alice = lab.newUser().connect().available();
        Session stranger = lab.newUser().connect();

        IQ reply = stranger.request(Disco.infoRequest(stranger, alice.bareJid(), null));

        assertEquals(StanzaError.Condition.service_unavailable, Disco.condition(reply),
                "disco#info of " + alice.bareJid() + " asked by " + stranger.bareJid() + ", who has no subscription: " + reply.toXML());
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "8", level = MUST,
          requirement = "disco#items of an account's bare JID from someone without a presence subscription does not list"
                  + " the account's available resources")
    @Test
    void itemsOfAccountForStrangerDoNotRevealResources(Lab lab) {
        Session alice = lab.newUser().connect().available();
        Session stranger = lab.newUser().connect();

        IQ reply = stranger.request(Disco.itemsRequest(alice.bareJid(), null));

        assertEquals(IQ.Type.result, reply.getType(), "disco#items of " + alice.bareJid() + " for a stranger must be a result: " + reply.toXML());
        for (DiscoverItems.Item item : Disco.asItems(reply).getItems()) {
            assertFalse(alice.jid().equals(item.getEntityID()),
                    "disco#items for a stranger lists the available resource " + alice.jid() + ": " + reply.toXML());
        }
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "3.1", level = SHOULD,
          requirement = "a contact with a presence subscription to an account gets an info result for its bare JID from the"
                  + " server, whose identity has category 'account'")
    @Test
    void contactGetsAccountIdentity(Lab lab) {
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Subscription.establish(lab, bob, alice, true);

        IQ reply = bob.request(Disco.infoRequest(bob, alice.bareJid(), null));

        assertEquals(IQ.Type.result, reply.getType(), "disco#info of " + alice.bareJid() + " asked by its subscriber: " + reply.toXML());
        DiscoverInfo info = Disco.asInfo(reply);
        assertTrue(info.getIdentities().stream().anyMatch(i -> "account".equals(i.getCategory())),
                "no identity of category 'account' among " + Disco.identities(info));
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "3.1", level = MUST,
          requirement = "disco#info to the full JID of a connected client reaches that client, and its answer comes back to"
                  + " the requester from that full JID")
    @Test
    void infoToFullJidIsAnsweredByThatClient(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect().available();
        DiscoverInfo.Identity bobIdentity = ServiceDiscoveryManager.getInstanceFor(bob.smack()).getIdentity();

        IQ reply = alice.request(Disco.infoRequest(alice, bob.jid(), null));

        bob.expectIq("the disco#info request of " + alice.jid(), iq -> iq instanceof DiscoverInfo && iq.getType() == IQ.Type.get
                && alice.jid().equals(iq.getFrom()));
        assertEquals(IQ.Type.result, reply.getType(), "reply to disco#info of " + bob.jid() + ": " + reply.toXML());
        assertEquals(bob.jid(), reply.getFrom(), "the answer must come from the full JID that was asked");
        assertTrue(Disco.asInfo(reply).hasIdentity(bobIdentity.getCategory(), bobIdentity.getType()),
                "the answer does not carry the client's own identity " + bobIdentity.toXML() + ": " + reply.toXML());
    }

    @Spec(document = "XEP-0030", version = VERSION, section = "3.1", level = SHOULD,
          requirement = "disco#info to a full JID with no connected resource is answered by the server with item-not-found"
                  + " or, where that would reveal too much, service-unavailable")
    @Test
    void infoToUnboundFullJidIsItemNotFoundOrServiceUnavailable(Lab lab) {
        Session alice = lab.newUser().connect();
        User bob = lab.newUser();
        Jid offline = JidCreate.entityFullFromOrThrowUnchecked(bob.jid() + "/" + Disco.uniqueName("gone-"));

        IQ reply = alice.request(Disco.infoRequest(alice, offline, null));

        assertTrue(Disco.condition(reply) == StanzaError.Condition.item_not_found
                        || Disco.condition(reply) == StanzaError.Condition.service_unavailable,
                "disco#info of " + offline + ", which no client has bound: " + reply.toXML());
    }

    private static XmlElement rawInfo(Lab lab, RawSession session, String to) {
        String id = session.newId("info");
        XmlElement reply = session.request("<iq type='get' id='" + id + "' to='" + to + "'><query xmlns='" + Disco.INFO + "'/></iq>", id);
        lab.requireThat(Stanzas.hasType(reply, "result"), to + " refused disco#info (which §3.1 allows): " + reply.toXml());
        return reply.child("query", Disco.INFO).orElseThrow(() -> new AssertionError("a result without query: " + reply.toXml()));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
