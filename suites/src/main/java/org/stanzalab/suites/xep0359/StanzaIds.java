package org.stanzalab.suites.xep0359;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0359 Unique and Stable Stanza IDs, as a server applies them to one-to-one messages: the recipient's account
 * stamps a stanza-id (XEP-0313 §3.5 makes it do so for every message it archives), keeps the sender's origin-id,
 * and does not let a sender put a stanza-id in its name.
 */
@StanzalabTest
@FreshAccounts("the archive must hold only what this test sent")
class StanzaIds {
    static final String SID = "urn:xmpp:sid:0";
    static final String MAM = "urn:xmpp:mam:2";

    private static DiscoverInfo accountInfo(Session session) {
        DiscoverInfo request = new DiscoverInfo();
        request.setType(IQ.Type.get);
        request.setTo(session.bareJid());
        return session.request(request) instanceof DiscoverInfo info ? info : null;
    }

    /** The recipient's account stamps stanza ids: it says so (sid:0), or it archives (XEP-0313 §3.5 then requires them). */
    private static void requireStamping(Lab lab, Session recipient) {
        DiscoverInfo info = accountInfo(recipient);
        lab.requireThat(info != null && (info.containsFeature(SID) || info.containsFeature(MAM)),
                "neither " + SID + " nor " + MAM + " is in disco#info of the account " + recipient.bareJid());
    }

    private static List<StandardExtensionElement> stanzaIds(Message message) {
        return message.getExtensions("stanza-id", SID).stream()
                .filter(StandardExtensionElement.class::isInstance).map(StandardExtensionElement.class::cast).toList();
    }

    private static List<StandardExtensionElement> stanzaIdsBy(Message message, Object by) {
        return stanzaIds(message).stream().filter(e -> by.toString().equals(e.getAttributeValue("by"))).toList();
    }

    private static String body(String what) {
        return what + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Message deliver(Session from, Session to, String body, StandardExtensionElement... extensions) {
        var builder = from.smack().getStanzaFactory().buildMessageStanza().to(to.jid()).ofType(Message.Type.chat).setBody(body);
        for (StandardExtensionElement e : extensions) {
            builder.addExtension(e);
        }
        from.send(builder.build());
        return to.expectMessage("the message '" + body + "'", m -> body.equals(m.getBody()));
    }

    private static StandardExtensionElement stanzaId(String id, Object by) {
        return StandardExtensionElement.builder("stanza-id", SID).addAttribute("id", id).addAttribute("by", by.toString()).build();
    }

    @Spec(document = "XEP-0359", version = "0.7.0", section = "3", level = MUST,
          requirement = "in a one-to-one message the stanza-id is assigned by the recipient's account: its 'by' is the account's bare JID")
    @Test
    void stanzaIdIsByTheRecipientsAccount(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        requireStamping(lab, bob);

        Message delivered = deliver(alice, bob, body("by"));

        List<StandardExtensionElement> ids = stanzaIds(delivered);
        assertTrue(!ids.isEmpty(), "the delivered message has no <stanza-id xmlns='" + SID + "'/>: " + delivered.toXML());
        assertEquals(List.of(bob.bareJid().toString()), ids.stream().map(e -> e.getAttributeValue("by")).toList(),
                "'by' of the stanza-ids of a message to " + bob.bareJid());
    }

    @Spec(document = "XEP-0359", version = "0.7.0", section = "3", level = MUST,
          requirement = "a stanza-id carries an id and a by attribute and has no children and no text")
    @Test
    void stanzaIdHasIdAndByAndNoContent(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        requireStamping(lab, bob);

        Message delivered = deliver(alice, bob, body("form"));

        List<StandardExtensionElement> ids = stanzaIdsBy(delivered, bob.bareJid());
        assertEquals(1, ids.size(), "stanza-ids by " + bob.bareJid() + ": " + delivered.toXML());
        StandardExtensionElement id = ids.get(0);
        assertTrue(id.getAttributeValue("id") != null && !id.getAttributeValue("id").isEmpty(), "the stanza-id has no id: " + delivered.toXML());
        assertTrue(id.getElements().isEmpty() && (id.getText() == null || id.getText().isEmpty()),
                "the stanza-id has content: " + delivered.toXML());
    }

    @Spec(document = "XEP-0359", version = "0.7.0", section = "2.1", level = MUST,
          requirement = "the stanza-ids an account assigns differ from message to message")
    @Test
    void stanzaIdsAreUnique(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        requireStamping(lab, bob);

        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Message delivered = deliver(alice, bob, body("unique " + i));
            List<StandardExtensionElement> by = stanzaIdsBy(delivered, bob.bareJid());
            assertEquals(1, by.size(), "stanza-ids by " + bob.bareJid() + ": " + delivered.toXML());
            ids.add(by.get(0).getAttributeValue("id"));
        }

        assertEquals(ids.size(), new HashSet<>(ids).size(), "stanza-ids of four messages: " + ids);
    }

    /** Where the origin-id is looked at: in the delivered message, or in the recipient's archive. */
    enum Where { delivered, archived }

    @Spec(document = "XEP-0359", version = "0.7.0", section = "2.2", level = MUST,
          requirement = "a server that adds a stanza-id keeps the sender's origin-id unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Where.class)
    void originIdIsKeptUnchanged(Where where, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        requireStamping(lab, bob);
        String origin = "origin-" + UUID.randomUUID();
        String body = body("origin " + where);

        Message delivered = deliver(alice, bob, body, StandardExtensionElement.builder("origin-id", SID).addAttribute("id", origin).build());

        StandardExtensionElement found;
        if (where == Where.delivered) {
            lab.requireThat(!stanzaIdsBy(delivered, bob.bareJid()).isEmpty(), "the server added no stanza-id, so the rule does not apply");
            found = delivered.getExtension("origin-id", SID) instanceof StandardExtensionElement e ? e : null;
        } else {
            found = archivedChild(lab, bob, body, "origin-id");
        }
        assertNotNull(found, "the " + where + " message lost its <origin-id id='" + origin + "'/>");
        assertEquals(origin, found.getAttributeValue("id"), "id of the " + where + " origin-id");
    }

    /** The child with this name in the message that bob's archive keeps with this body. */
    private static StandardExtensionElement archivedChild(Lab lab, Session bob, String body, String name) {
        String queryId = "q-" + UUID.randomUUID().toString().substring(0, 8);
        IQ reply = bob.request(new ArchiveQuery(queryId));
        lab.requireThat(reply.getType() == IQ.Type.result, "the account's archive cannot be queried: " + reply.toXML());
        for (var stanza : bob.received()) {
            if (stanza instanceof Message m && m.getExtension("result", MAM) instanceof StandardExtensionElement result
                    && queryId.equals(result.getAttributeValue("queryid"))) {
                StandardExtensionElement forwarded = result.getFirstElement("forwarded", "urn:xmpp:forward:0");
                StandardExtensionElement inner = forwarded == null ? null : forwarded.getElements().stream()
                        .filter(e -> e.getElementName().equals("message")).findFirst().orElse(null);
                if (inner != null && inner.getElements().stream().anyMatch(e -> e.getElementName().equals("body") && body.equals(e.getText()))) {
                    return inner.getElements().stream().filter(e -> e.getElementName().equals(name) && SID.equals(e.getNamespace()))
                            .findFirst().orElse(null);
                }
            }
        }
        lab.requireThat(false, "the message is not in bob's archive, so what it keeps cannot be read");
        return null;
    }

    /** A XEP-0313 query of the whole archive, with a queryid of its own. */
    private static final class ArchiveQuery extends IQ {
        private final String queryId;

        ArchiveQuery(String queryId) {
            super("query", MAM);
            setType(Type.set);
            this.queryId = queryId;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("queryid", queryId);
            xml.setEmptyElement();
            return xml;
        }
    }

    /** Where a stanza-id claiming the recipient's account, put in by the sender, is looked for. */
    enum Forged { delivered, archived }

    @Spec(document = "XEP-0359", version = "0.7.0", section = "3", level = MUST,
          requirement = "a stanza-id a sender put in with the recipient account's 'by' is removed: only the account's own one remains")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Forged.class)
    void forgedStanzaIdIsRemoved(Forged where, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        requireStamping(lab, bob);
        String forged = "forged-" + UUID.randomUUID();
        String body = body("forged " + where);

        Message delivered = deliver(alice, bob, body, stanzaId(forged, bob.bareJid()));

        if (where == Forged.delivered) {
            List<StandardExtensionElement> by = stanzaIdsBy(delivered, bob.bareJid());
            assertTrue(by.stream().noneMatch(e -> forged.equals(e.getAttributeValue("id"))),
                    "the stanza-id alice made up in bob's name reached bob: " + delivered.toXML());
            assertTrue(by.size() <= 1, "more than one stanza-id by " + bob.bareJid() + ": " + delivered.toXML());
        } else {
            StandardExtensionElement kept = archivedChild(lab, bob, body, "stanza-id");
            assertTrue(kept == null || !forged.equals(kept.getAttributeValue("id")),
                    "bob's archive keeps the stanza-id alice made up in bob's name: id " + forged);
        }
    }

    @Spec(document = "XEP-0359", version = "0.7.0", section = "3", level = MUST,
          requirement = "a stanza-id a user put in with the user's own 'by' is removed by the user's account too, even on an outgoing message")
    @Test
    void forgedStanzaIdInTheSendersNameIsRemoved(Lab lab) {
        Session alice = lab.newUser().connect();
        requireStamping(lab, alice);
        Session bob = lab.newUser().connect();
        String forged = "forged-" + UUID.randomUUID();

        Message delivered = deliver(alice, bob, body("own name"), stanzaId(forged, alice.bareJid()));

        assertTrue(stanzaIdsBy(delivered, alice.bareJid()).stream().noneMatch(e -> forged.equals(e.getAttributeValue("id"))),
                "the stanza-id alice put in her own account's name passed her server: " + delivered.toXML());
    }

    @Spec(document = "XEP-0359", version = "0.7.0", section = "3", level = SHOULD,
          requirement = "a stanza-id by some other entity is passed on, not stripped, by the servers that route the message")
    @Test
    void stanzaIdOfAnotherEntityIsKept(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        String other = "room-" + UUID.randomUUID().toString().substring(0, 8) + "@elsewhere.example";
        String id = "theirs-" + UUID.randomUUID();

        Message delivered = deliver(alice, bob, body("other by"), stanzaId(id, other));

        assertTrue(stanzaIdsBy(delivered, other).stream().anyMatch(e -> id.equals(e.getAttributeValue("id"))),
                "the stanza-id by " + other + " was stripped: " + delivered.toXML());
    }

    @Spec(document = "XEP-0359", version = "0.7.0", section = "5", level = SHOULD,
          requirement = "an account that stamps stanza-ids announces urn:xmpp:sid:0 in its disco#info")
    @Test
    void stampingAccountAnnouncesTheFeature(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Message delivered = deliver(alice, bob, body("announce"));
        lab.requireThat(!stanzaIdsBy(delivered, bob.bareJid()).isEmpty(), "the account stamps no stanza-ids");

        DiscoverInfo info = accountInfo(bob);

        assertNotNull(info, "disco#info of " + bob.bareJid() + " was refused");
        assertTrue(info.containsFeature(SID), "the account stamps stanza-ids but its disco#info lacks " + SID);
    }

    @Spec(document = "XEP-0359", version = "0.7.0", section = "2.1", level = MUST,
          requirement = "a stanza-id stays the same: the archive gives the message the id it was delivered with")
    @Test
    void stanzaIdIsStable(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        requireStamping(lab, bob);
        String body = body("stable");

        Message delivered = deliver(alice, bob, body);
        StandardExtensionElement archived = archivedChild(lab, bob, body, "stanza-id");

        List<StandardExtensionElement> by = stanzaIdsBy(delivered, bob.bareJid());
        lab.requireThat(!by.isEmpty(), "the delivered message carries no stanza-id of the account");
        lab.requireThat(archived != null, "the archived copy carries no stanza-id to compare (XEP-0313 lets it leave it out)");
        assertEquals(by.get(0).getAttributeValue("id"), archived.getAttributeValue("id"), "the stanza-id delivered against the one archived");
    }
}
