package org.stanzalab.suites.xep0030;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;

/** XEP-0030 Service Discovery, as the server answers it for itself and for its accounts. */
@StanzalabTest
class ServiceDiscovery {
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    @Spec(document = "XEP-0030", version = "2.5.0", section = "3.1", level = MUST,
          requirement = "an info result names at least one identity and lists the disco#info feature")
    @Test
    void serverInfoHasIdentityAndDiscoInfoFeature(Lab lab) {
        Session alice = lab.newUser().connect();

        DiscoverInfo info = serverInfo(lab, alice);

        assertFalse(info.getIdentities().isEmpty(), "disco#info of the server lists no identity");
        assertTrue(info.containsFeature(DISCO_INFO), "disco#info of the server does not list " + DISCO_INFO);
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "3.1", level = MUST,
          requirement = "every identity has a category and a type, and identities with the same category, type and"
                  + " language do not carry different names")
    @Test
    void serverIdentitiesAreWellFormedAndDistinct(Lab lab) {
        Session alice = lab.newUser().connect();

        DiscoverInfo info = serverInfo(lab, alice);

        Map<String, String> nameOf = new HashMap<>();
        for (DiscoverInfo.Identity identity : info.getIdentities()) {
            assertFalse(isBlank(identity.getCategory()) || isBlank(identity.getType()),
                    "identity without category or type: " + identity.toXML());
            String key = identity.getCategory() + "/" + identity.getType() + "/" + identity.getLanguage();
            String name = String.valueOf(identity.getName());
            String earlier = nameOf.putIfAbsent(key, name);
            assertTrue(earlier == null || earlier.equals(name),
                    "two identities " + key + " carry different names: '" + earlier + "' and '" + name + "'");
        }
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "3.1", level = MUST,
          requirement = "every feature of an info result carries a 'var' naming the feature")
    @Test
    void serverFeaturesCarryAVar(Lab lab) {
        Session alice = lab.newUser().connect();

        DiscoverInfo info = serverInfo(lab, alice);

        for (DiscoverInfo.Feature feature : info.getFeatures()) {
            assertFalse(isBlank(feature.getVar()), "a <feature/> without var in disco#info of " + lab.domain());
        }
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "3.2", level = MUST,
          requirement = "an info result to a request that names a node carries the same node")
    @Test
    void infoResultMirrorsRequestedNode(Lab lab) {
        Session alice = lab.newUser().connect();
        String node = "http://jabber.org/protocol/commands";

        IQ reply = alice.request(infoRequest(alice, lab.domainJid(), node));

        lab.requireThat(reply.getType() == IQ.Type.result,
                "the server answered disco#info of node " + node + " with an error (which §3.1 allows): no result to check");
        assertEquals(node, asInfo(reply).getNode(), "node of the info result");
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "3.1", level = MUST,
          requirement = "for a bare JID of one of its accounts, the server itself answers disco#info on the account's behalf")
    @Test
    void serverAnswersInfoForLocalAccount(Lab lab) {
        Session alice = lab.newUser().connect();
        User bob = lab.newUser();

        IQ reply = alice.request(infoRequest(alice, bob.jid(), null));

        assertTrue(reply.getType() == IQ.Type.result || reply.getType() == IQ.Type.error,
                "disco#info to " + bob.jid() + " must be answered by the server");
        assertTrue(reply.getFrom() == null || reply.getFrom().equals(bob.jid()),
                "the answer must come from the bare JID that was asked, came from " + reply.getFrom());
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "8", level = MUST,
          requirement = "disco#info to the bare JID of an account that does not exist is answered with"
                  + " service-unavailable, so that the reply does not reveal which accounts exist")
    @Test
    void infoForAbsentAccountIsServiceUnavailable(Lab lab) {
        Session alice = lab.newUser().connect();

        StanzaError error = alice.requestError(infoRequest(alice, absentAccount(lab), null));

        assertEquals(StanzaError.Condition.service_unavailable, error.getCondition(),
                "error condition of disco#info to an account that does not exist");
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "3.1", level = SHOULD,
          requirement = "disco#info of one's own account names an identity of category 'account'")
    @Test
    void ownAccountHasAccountIdentity(Lab lab) {
        Session alice = lab.newUser().connect();

        DiscoverInfo info = info(alice, alice.bareJid(), null);

        assertTrue(info.getIdentities().stream().anyMatch(i -> "account".equals(i.getCategory())),
                "no identity of category 'account' among " + identities(info));
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "4.1", level = MUST,
          requirement = "every item of an items result carries a jid")
    @Test
    void serverItemsCarryJids(Lab lab) {
        Session alice = lab.newUser().connect();

        IQ reply = alice.request(itemsRequest(lab.domainJid()));

        lab.requireThat(reply.getType() == IQ.Type.result,
                "the server answered disco#items with an error (which §4.1 allows): no items to check");
        for (DiscoverItems.Item item : asItems(reply).getItems()) {
            assertTrue(item.getEntityID() != null, "an item without jid in disco#items of " + lab.domain());
        }
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "4.1", level = SHOULD,
          requirement = "disco#items of one's own bare JID is answered with a result (access is not denied to the"
                  + " account itself)")
    @Test
    void ownAccountItemsAreAResult(Lab lab) {
        Session alice = lab.newUser().connect();

        alice.requestResult(itemsRequest(alice.bareJid()));
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "8", level = MUST,
          requirement = "disco#items to the bare JID of an account that does not exist is an empty result, so that the"
                  + " reply does not reveal which accounts exist")
    @Test
    void itemsOfAbsentAccountAreAnEmptyResult(Lab lab) {
        Session alice = lab.newUser().connect();

        IQ reply = alice.requestResult(itemsRequest(absentAccount(lab)));

        assertTrue(asItems(reply).getItems().isEmpty(),
                "disco#items of an account that does not exist lists " + reply.toXML());
    }

    /** The server's own info result; an error, which §3.1 allows, leaves nothing to check. */
    private static DiscoverInfo serverInfo(Lab lab, Session session) {
        IQ reply = session.request(infoRequest(session, lab.domainJid(), null));
        lab.requireThat(reply.getType() == IQ.Type.result,
                "the server answered disco#info with an error (which §3.1 allows): no result to check");
        return asInfo(reply);
    }

    private static DiscoverItems itemsRequest(Jid to) {
        DiscoverItems request = new DiscoverItems();
        request.setTo(to);
        return request;
    }

    private static Jid absentAccount(Lab lab) {
        return JidCreate.entityBareFromOrThrowUnchecked("sl-absent-" + UUID.randomUUID().toString().substring(0, 8)
                + "@" + lab.domain());
    }

    private static DiscoverInfo infoRequest(Session session, Jid to, String node) {
        return DiscoverInfo.builder(session.smack()).to(to).ofType(IQ.Type.get).setNode(node).build();
    }

    private static DiscoverInfo info(Session session, Jid to, String node) {
        return asInfo(session.requestResult(infoRequest(session, to, node)));
    }

    private static DiscoverInfo asInfo(IQ reply) {
        if (!(reply instanceof DiscoverInfo info)) {
            throw new ServerFailure("the disco#info result carries no disco#info query: " + reply.toXML());
        }
        return info;
    }

    /** A result without its disco#items query is the server's failure, not a crash of the test. */
    private static DiscoverItems asItems(IQ reply) {
        if (!(reply instanceof DiscoverItems items)) {
            throw new ServerFailure("the disco#items result carries no disco#items query: " + reply.toXML());
        }
        return items;
    }

    private static List<String> identities(DiscoverInfo info) {
        return info.getIdentities().stream().map(i -> i.getCategory() + "/" + i.getType()).toList();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
