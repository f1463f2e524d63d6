package org.stanzalab.suites.xep0030;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
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
          requirement = "the server's disco#info result has at least one identity and lists the disco#info feature")
    @Test
    void serverInfoHasIdentityAndDiscoInfoFeature(Lab lab) {
        Session alice = lab.newUser().connect();

        DiscoverInfo info = info(alice, lab.domainJid(), null);

        assertFalse(info.getIdentities().isEmpty(), "disco#info of the server lists no identity");
        assertTrue(info.containsFeature(DISCO_INFO), "disco#info of the server does not list " + DISCO_INFO);
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "3.1", level = MUST,
          requirement = "every identity has a category and a type, and no two identities share category, type and language")
    @Test
    void serverIdentitiesAreWellFormedAndDistinct(Lab lab) {
        Session alice = lab.newUser().connect();

        DiscoverInfo info = info(alice, lab.domainJid(), null);

        Set<String> seen = new HashSet<>();
        for (DiscoverInfo.Identity identity : info.getIdentities()) {
            assertFalse(isBlank(identity.getCategory()) || isBlank(identity.getType()),
                    "identity without category or type: " + identity.toXML());
            String key = identity.getCategory() + "/" + identity.getType() + "/" + identity.getLanguage();
            assertTrue(seen.add(key), "two identities share category, type and language: " + key);
        }
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "3.1", level = MUST,
          requirement = "every feature has a non-empty var, and the same feature is not listed twice")
    @Test
    void serverFeaturesAreWellFormedAndDistinct(Lab lab) {
        Session alice = lab.newUser().connect();

        DiscoverInfo info = info(alice, lab.domainJid(), null);

        Set<String> seen = new HashSet<>();
        for (DiscoverInfo.Feature feature : info.getFeatures()) {
            assertFalse(isBlank(feature.getVar()), "feature without var");
            assertTrue(seen.add(feature.getVar()), "feature listed twice: " + feature.getVar());
        }
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "3.1", level = SHOULD,
          requirement = "the server identifies itself with category 'server' and type 'im'")
    @Test
    void serverIdentifiesAsImServer(Lab lab) {
        Session alice = lab.newUser().connect();

        DiscoverInfo info = info(alice, lab.domainJid(), null);

        assertTrue(info.hasIdentity("server", "im"), "no server/im identity among " + identities(info));
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "3.2", level = MUST,
          requirement = "an info request that names a node is answered with the same node, or with an error")
    @Test
    void infoResultMirrorsRequestedNode(Lab lab) {
        Session alice = lab.newUser().connect();
        String node = "http://jabber.org/protocol/commands";
        DiscoverInfo request = DiscoverInfo.builder(alice.smack()).to(lab.domainJid()).ofType(IQ.Type.get).setNode(node).build();

        IQ reply = alice.request(request);

        if (reply.getType() == IQ.Type.result) {
            assertEquals(node, ((DiscoverInfo) reply).getNode(), "node of the info result");
        }
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
          requirement = "the server answers disco#items with a result listing items that each carry a jid")
    @Test
    void serverItemsCarryJids(Lab lab) {
        Session alice = lab.newUser().connect();
        DiscoverItems request = new DiscoverItems();
        request.setTo(lab.domainJid());

        IQ reply = alice.requestResult(request);

        for (DiscoverItems.Item item : ((DiscoverItems) reply).getItems()) {
            assertTrue(item.getEntityID() != null, "an item without jid in disco#items of " + lab.domain());
        }
    }

    @Spec(document = "XEP-0030", version = "2.5.0", section = "7", level = MUST,
          requirement = "disco#items of an account is answered with a result, empty if there are no items, never an error")
    @Test
    void ownAccountItemsAreAResult(Lab lab) {
        Session alice = lab.newUser().connect();
        DiscoverItems request = new DiscoverItems();
        request.setTo(alice.bareJid());

        alice.requestResult(request);
    }

    private static DiscoverInfo infoRequest(Session session, Jid to, String node) {
        return DiscoverInfo.builder(session.smack()).to(to).ofType(IQ.Type.get).setNode(node).build();
    }

    private static DiscoverInfo info(Session session, Jid to, String node) {
        IQ reply = session.requestResult(infoRequest(session, to, node));
        if (!(reply instanceof DiscoverInfo info)) {
            throw new ServerFailure("the disco#info result carries no disco#info query: " + reply.toXML());
        }
        return info;
    }

    private static List<String> identities(DiscoverInfo info) {
        return info.getIdentities().stream().map(i -> i.getCategory() + "/" + i.getType()).toList();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
