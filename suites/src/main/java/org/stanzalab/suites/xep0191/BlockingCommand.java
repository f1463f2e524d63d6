package org.stanzalab.suites.xep0191;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;

/** XEP-0191 Blocking Command: the list, its pushes, and what a block does to stanzas in both directions. */
@StanzalabTest
class BlockingCommand {
    private static final String VERSION = "1.3";
    private static final String PROBE_NS = "urn:stanzalab:blocking-probe:0";

    // ---- §3.2 the list ----

    @Spec(document = "XEP-0191", version = VERSION, section = "3.2", level = MUST,
          requirement = "a user who has blocked nobody gets a result with an empty blocklist element")
    @Test
    void emptyBlockListIsAnEmptyBlocklistElement(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect();

        List<String> list = BlockList.get(alice);

        assertEquals(List.of(), list, "the block list of a user who blocked nobody");
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.2", level = MUST,
          requirement = "the block list has one item for each blocked JID")
    @Test
    void blockListNamesEveryBlockedJid(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect();
        User bob = lab.newUser();
        User carol = lab.newUser();
        BlockList.blocked(lab, alice, bob.jid().toString(), carol.jid().toString());

        List<String> list = BlockList.get(alice);

        assertTrue(BlockList.contains(list, bob.jid().toString()) && BlockList.contains(list, carol.jid().toString()),
                "the block list after blocking " + bob.jid() + " and " + carol.jid() + " is " + list);
        assertEquals(2, list.size(), "the block list after blocking two JIDs: " + list);
    }

    // ---- §3.3 blocking ----

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = MUST,
          requirement = "a block is pushed to the user's other resources that asked for the block list")
    @Test
    void blockIsPushedToOtherInterestedResources(Lab lab) {
        BlockList.require(lab);
        User alice = lab.newUser();
        Session phone = alice.connect();
        Session laptop = alice.connect();
        BlockList.interested(phone);
        BlockList.interested(laptop);
        User bob = lab.newUser();

        BlockList.blocked(lab, phone, bob.jid().toString());

        IQ push = laptop.expectIq("a block push naming " + bob.jid(), s -> BlockList.isPush(s, "block"));
        assertTrue(BlockList.contains(BlockList.pushedJids(push), bob.jid().toString()), "the push does not name " + bob.jid() + ": " + push.toXML());
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = MUST,
          requirement = "the resource that sent the block gets the push too, having asked for the block list")
    @Test
    void blockIsPushedToTheBlockingResourceToo(Lab lab) {
        BlockList.require(lab);
        Session phone = lab.newUser().connect();
        BlockList.interested(phone);
        User bob = lab.newUser();

        BlockList.blocked(lab, phone, bob.jid().toString());

        IQ push = phone.expectIq("a block push naming " + bob.jid(), s -> BlockList.isPush(s, "block"));
        assertTrue(BlockList.contains(BlockList.pushedJids(push), bob.jid().toString()), "the push does not name " + bob.jid() + ": " + push.toXML());
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = MUST,
          requirement = "a block command without any item is refused with bad-request")
    @Test
    void blockWithoutItemIsBadRequest(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect();

        StanzaError error = alice.requestError(new RawIq(IQ.Type.set, null, "block", BlockList.NS, ""));

        assertEquals(StanzaError.Condition.bad_request, error.getCondition(), "condition for an empty block: " + error.toXML());
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = MUST,
          requirement = "a message from a blocked JID is not delivered to the user")
    @Test
    void messageFromBlockedJidIsNotDelivered(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        BlockList.blocked(lab, alice, bob.bareJid().toString());

        Message sent = bob.sendMessage(alice.jid(), Message.Type.chat, "can you hear me?");

        notDelivered(lab, bob, alice, sent, "the message of the blocked " + bob.bareJid());
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = SHOULD,
          requirement = "a message from a blocked JID is answered with an error, service-unavailable")
    @Test
    void messageFromBlockedJidIsAnsweredWithServiceUnavailable(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        BlockList.blocked(lab, alice, bob.bareJid().toString());

        Message sent = bob.sendMessage(alice.jid(), Message.Type.chat, "can you hear me?");

        Message error = bob.expectMessage("an error for the message to " + alice.bareJid() + ", who blocked " + bob.bareJid(),
                m -> m.getType() == Message.Type.error && sent.getStanzaId().equals(m.getStanzaId()));
        assertEquals(StanzaError.Condition.service_unavailable, error.getError().getCondition(), "condition: " + error.toXML());
    }

    enum IqType {
        GET(IQ.Type.get), SET(IQ.Type.set);

        final IQ.Type type;

        IqType(IQ.Type type) {
            this.type = type;
        }

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = MUST,
          requirement = "an IQ get or set from a blocked JID is answered with an error and not delivered to the user")
    @ParameterizedTest(name = "{0}")
    @EnumSource(IqType.class)
    void iqFromBlockedJidIsAnsweredWithErrorAndNotDelivered(IqType type, Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        alice.answer(type.type, "query", PROBE_NS, IQ::createResultIQ);
        Session bob = lab.newUser().connect().available();
        BlockList.blocked(lab, alice, bob.bareJid().toString());

        IQ reply = bob.request(new RawIq(type.type, alice.jid(), "query", PROBE_NS, ""));

        assertEquals(IQ.Type.error, reply.getType(), "the reply to an IQ " + type + " from the blocked " + bob.bareJid() + ": " + reply.toXML());
        assertTrue(alice.received().stream().noneMatch(s -> s instanceof IQ iq && reply.getStanzaId().equals(iq.getStanzaId())),
                "the IQ from the blocked " + bob.bareJid() + " was delivered to " + alice.jid());
    }

    enum IqResponse {
        RESULT, ERROR;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = MUST,
          requirement = "an IQ result or error from a blocked JID is dropped silently: not delivered and not answered")
    @ParameterizedTest(name = "{0}")
    @EnumSource(IqResponse.class)
    void iqResponseFromBlockedJidIsDroppedSilently(IqResponse kind, Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        BlockList.blocked(lab, alice, bob.bareJid().toString());
        bob.forget();

        // an unsolicited response, as a blocked contact's client might send one to a request it got before the block
        RawIq response = new RawIq(kind == IqResponse.RESULT ? IQ.Type.result : IQ.Type.error, alice.jid(), "query", PROBE_NS,
                kind == IqResponse.ERROR ? "<error xmlns='jabber:client' type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>" : "");
        response.setStanzaId("response-from-blocked");
        bob.send(response);

        notDelivered(lab, bob, alice, response, "the IQ " + kind + " of the blocked " + bob.bareJid());
        assertTrue(bob.received().stream().noneMatch(s -> "response-from-blocked".equals(s.getStanzaId())),
                "the server answered the blocked contact's IQ " + kind + ", which it must drop silently");
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = SHOULD,
          requirement = "the error answering an IQ from a blocked JID is service-unavailable")
    @Test
    void iqFromBlockedJidIsAnsweredWithServiceUnavailable(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        BlockList.blocked(lab, alice, bob.bareJid().toString());

        StanzaError error = bob.requestError(new RawIq(IQ.Type.get, alice.jid(), "query", PROBE_NS, ""));

        assertEquals(StanzaError.Condition.service_unavailable, error.getCondition(), "condition: " + error.toXML());
    }

    enum InboundPresence {
        DIRECTED, SUBSCRIBE;

        Presence build(Jid to) {
            return PresenceBuilder.buildPresence("blocked-" + name().toLowerCase()).ofType(this == DIRECTED ? Presence.Type.available : Presence.Type.subscribe)
                    .to(this == DIRECTED ? to : to.asBareJid()).build();
        }

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = MUST,
          requirement = "presence from a blocked JID (directed or a subscription request) is neither delivered nor"
                  + " answered, not even with an error")
    @ParameterizedTest(name = "{0}")
    @EnumSource(InboundPresence.class)
    void presenceFromBlockedJidIsDroppedSilently(InboundPresence kind, Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        BlockList.blocked(lab, alice, bob.bareJid().toString());
        alice.forget();

        Presence sent = kind.build(alice.jid());
        bob.send(sent);

        notDelivered(lab, bob, alice, sent, "the " + kind + " presence of the blocked " + bob.bareJid());
        assertTrue(bob.received().stream().noneMatch(s -> s instanceof Presence p && p.getType() == Presence.Type.error),
                "the blocked sender got a presence error, but a block must be silent for presence: "
                        + bob.received().stream().filter(s -> s instanceof Presence).map(s -> s.toXML().toString()).toList());
    }

    enum Outbound {
        MESSAGE, IQ_GET, PRESENCE;

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = MUST,
          requirement = "a stanza the user sends to a JID it blocked is not routed but answered with not-acceptable"
                  + " carrying the blocked condition of urn:xmpp:blocking:errors")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Outbound.class)
    void stanzaToBlockedJidIsRefusedAsBlocked(Outbound kind, Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        bob.answer(IQ.Type.get, "query", PROBE_NS, IQ::createResultIQ);
        BlockList.blocked(lab, alice, bob.bareJid().toString());
        bob.forget();

        Stanza sent = switch (kind) {
            case MESSAGE -> alice.sendMessage(bob.jid(), Message.Type.chat, "are you there?");
            case IQ_GET -> {
                RawIq iq = new RawIq(IQ.Type.get, bob.jid(), "query", PROBE_NS, "");
                alice.send(iq);
                yield iq;
            }
            case PRESENCE -> {
                Presence presence = PresenceBuilder.buildPresence("to-blocked").ofType(Presence.Type.available).to(bob.jid()).build();
                alice.send(presence);
                yield presence;
            }
        };

        Stanza error = alice.expect(Stanza.class, "an error for the " + kind + " to the blocked " + bob.bareJid(),
                s -> sent.getStanzaId().equals(s.getStanzaId()) && s.getError() != null);
        StanzaError condition = error.getError();
        assertEquals(StanzaError.Condition.not_acceptable, condition.getCondition(), "condition: " + error.toXML());
        assertTrue(condition.getExtension("blocked", BlockList.ERRORS_NS) != null,
                "the error lacks <blocked xmlns='" + BlockList.ERRORS_NS + "'/>: " + error.toXML());
        notDelivered(lab, alice, bob, sent, "the " + kind + " that " + alice.bareJid() + " sent after blocking " + bob.bareJid());
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = MUST,
          requirement = "blocking a JID that receives the user's presence sends it unavailable presence")
    @Test
    void blockingSendsUnavailablePresenceToSubscriber(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Subscription.establish(lab, bob, alice, true);
        bob.forget();

        BlockList.blocked(lab, alice, bob.bareJid().toString());

        bob.expectPresence("unavailable presence from " + alice.jid() + ", who blocked " + bob.bareJid(),
                p -> p.getType() == Presence.Type.unavailable && alice.bareJid().equals(p.getFrom().asBareJid()));
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = MUST,
          requirement = "after a block, the user's presence broadcasts no longer reach the blocked subscriber")
    @Test
    void presenceBroadcastDoesNotReachBlockedSubscriber(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Subscription.establish(lab, bob, alice, true);
        BlockList.blocked(lab, alice, bob.bareJid().toString());
        lab.barrier(alice, bob).settled();
        bob.forget();

        Presence away = PresenceBuilder.buildPresence("away-after-block").ofType(Presence.Type.available).setMode(Presence.Mode.away)
                .setStatus("out for lunch").build();
        alice.send(away);

        notDelivered(lab, alice, bob, away, "the presence broadcast of " + alice.jid() + ", who blocked " + bob.bareJid());
        // also by content, in case the server rewrote the id
        assertTrue(bob.received().stream().noneMatch(s -> s instanceof Presence p && "out for lunch".equals(p.getStatus())),
                "the blocked subscriber received the new presence of " + alice.bareJid());
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.3", level = MUST,
          requirement = "a block applies across sessions: after the user logs in again, the blocked JID is still listed"
                  + " and its messages are still not delivered")
    @Test
    void blockOutlivesTheSession(Lab lab) {
        BlockList.require(lab);
        User aliceAccount = lab.newUser();
        Session first = aliceAccount.connect();
        Session bob = lab.newUser().connect().available();
        lab.setUp("blocking " + bob.bareJid() + " in a first session", () -> {
            assertEquals(IQ.Type.result, BlockList.block(first, bob.bareJid().toString()).getType(), "block refused");
        });
        first.close();
        Session second = aliceAccount.connect().available();
        lab.cleanup("the block list of " + second.bareJid(), () -> BlockList.unblock(second));

        assertTrue(BlockList.contains(BlockList.get(second), bob.bareJid().toString()), "the block list in a new session lacks " + bob.bareJid());
        Message sent = bob.sendMessage(second.jid(), Message.Type.chat, "still there?");
        notDelivered(lab, bob, second, sent, "the message of " + bob.bareJid() + ", blocked in an earlier session");
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "6", level = SHOULD,
          requirement = "a blocked full JID matches only that resource: the contact's other resources still reach the user")
    @Test
    void blockedFullJidLeavesOtherResourcesOfTheContact(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        User bob = lab.newUser();
        Session bobPhone = bob.connect().available();
        Session bobLaptop = bob.connect().available();
        BlockList.blocked(lab, alice, bobPhone.jid().toString());

        Message fromLaptop = bobLaptop.sendMessage(alice.jid(), Message.Type.chat, "from the laptop");
        Message fromPhone = bobPhone.sendMessage(alice.jid(), Message.Type.chat, "from the phone");

        alice.expectMessage("the message of the unblocked resource " + bobLaptop.jid(), m -> fromLaptop.getStanzaId().equals(m.getStanzaId()));
        notDelivered(lab, bobPhone, alice, fromPhone, "the message of the blocked resource " + bobPhone.jid());
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "5", level = MUST,
          requirement = "a server with both privacy lists and blocking never stops the user's own resources from"
                  + " reaching each other, even after a block of the user's own JID")
    @Test
    void ownResourcesAreNeverBlocked(Lab lab) {
        BlockList.require(lab);
        // §5 states the rule for a server that implements privacy lists (XEP-0016) as well
        lab.requireFeature("jabber:iq:privacy");
        User alice = lab.newUser();
        Session phone = alice.connect().available();
        Session laptop = alice.connect().available();
        IQ reply = BlockList.block(phone, alice.jid().toString());
        lab.cleanup("the block list of " + phone.bareJid(), () -> BlockList.unblock(phone));
        lab.requireThat(reply.getType() == IQ.Type.result, "the server refuses to block the user's own JID ("
                + Optional.ofNullable(reply.getError()).map(e -> e.getCondition().toString()).orElse("?") + "), which keeps the rule");

        Message sent = phone.sendMessage(laptop.jid(), Message.Type.chat, "note to self");

        laptop.expectMessage("the message from " + phone.jid() + " to the same account's " + laptop.jid(),
                m -> sent.getStanzaId().equals(m.getStanzaId()));
    }

    // ---- §3.4 unblocking ----

    @Spec(document = "XEP-0191", version = VERSION, section = "3.4", level = MUST,
          requirement = "an unblock is answered with a result and pushed to the user's other interested resources")
    @Test
    void unblockIsPushedToOtherInterestedResources(Lab lab) {
        BlockList.require(lab);
        User alice = lab.newUser();
        Session phone = alice.connect();
        Session laptop = alice.connect();
        User bob = lab.newUser();
        BlockList.blocked(lab, phone, bob.jid().toString());
        BlockList.interested(phone);
        BlockList.interested(laptop);

        IQ reply = BlockList.unblock(phone, bob.jid().toString());

        assertEquals(IQ.Type.result, reply.getType(), "reply to the unblock: " + reply.toXML());
        IQ push = laptop.expectIq("an unblock push naming " + bob.jid(), s -> BlockList.isPush(s, "unblock"));
        assertTrue(BlockList.contains(BlockList.pushedJids(push), bob.jid().toString()), "the push does not name " + bob.jid() + ": " + push.toXML());
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.4", level = MUST,
          requirement = "after an unblock, messages from that JID are delivered again, and it leaves the block list")
    @Test
    void unblockRestoresDelivery(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        BlockList.blocked(lab, alice, bob.bareJid().toString());

        IQ reply = BlockList.unblock(alice, bob.bareJid().toString());

        assertEquals(IQ.Type.result, reply.getType(), "reply to the unblock: " + reply.toXML());
        Message sent = bob.sendMessage(alice.jid(), Message.Type.chat, "hello again");
        alice.expectMessage("the message of the unblocked " + bob.bareJid(), m -> sent.getStanzaId().equals(m.getStanzaId()));
        assertTrue(!BlockList.contains(BlockList.get(alice), bob.bareJid().toString()), "the unblocked JID is still listed");
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.4", level = MUST,
          requirement = "unblocking a JID that may see the user's presence sends it the user's current presence")
    @Test
    void unblockSendsCurrentPresenceToSubscriber(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect();
        alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.dnd).setStatus("busy").build());
        Session bob = lab.newUser().connect().available();
        Subscription.establish(lab, bob, alice, true);
        BlockList.blocked(lab, alice, bob.bareJid().toString());
        // whether the block sent bob unavailable presence is blockingSendsUnavailablePresenceToSubscriber's question
        lab.barrier(alice, bob).settled();
        bob.forget();

        BlockList.unblock(alice, bob.bareJid().toString());

        Presence current = bob.expectPresence("the current presence of " + alice.jid() + " after the unblock",
                p -> p.getType() == Presence.Type.available && alice.jid().equals(p.getFrom()));
        assertEquals(Presence.Mode.dnd, current.getMode(), "the presence sent after the unblock is not the current one: " + current.toXML());
    }

    // ---- §3.5 unblocking all ----

    @Spec(document = "XEP-0191", version = VERSION, section = "3.5", level = MUST,
          requirement = "an empty unblock is answered with a result and pushed as an empty unblock to the user's other"
                  + " interested resources")
    @Test
    void unblockAllIsPushedToOtherInterestedResources(Lab lab) {
        BlockList.require(lab);
        User alice = lab.newUser();
        Session phone = alice.connect();
        Session laptop = alice.connect();
        BlockList.blocked(lab, phone, lab.newUser().jid().toString());
        BlockList.interested(phone);
        BlockList.interested(laptop);

        IQ reply = BlockList.unblock(phone);

        assertEquals(IQ.Type.result, reply.getType(), "reply to the unblock-all: " + reply.toXML());
        IQ push = laptop.expectIq("an unblock push", s -> BlockList.isPush(s, "unblock"));
        assertEquals(List.of(), BlockList.pushedJids(push), "an unblock-all push names no item: " + push.toXML());
    }

    @Spec(document = "XEP-0191", version = VERSION, section = "3.5", level = MUST,
          requirement = "after an unblock-all, the block list is empty and messages from every formerly blocked JID are"
                  + " delivered")
    @Test
    void unblockAllRestoresDeliveryFromEveryone(Lab lab) {
        BlockList.require(lab);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Session carol = lab.newUser().connect().available();
        BlockList.blocked(lab, alice, bob.bareJid().toString(), carol.bareJid().toString());

        IQ reply = BlockList.unblock(alice);

        assertEquals(IQ.Type.result, reply.getType(), "reply to the unblock-all: " + reply.toXML());
        assertEquals(List.of(), BlockList.get(alice), "the block list after an unblock-all");
        Message fromBob = bob.sendMessage(alice.jid(), Message.Type.chat, "hi from bob");
        Message fromCarol = carol.sendMessage(alice.jid(), Message.Type.chat, "hi from carol");
        alice.expectMessage("the message of " + bob.bareJid(), m -> fromBob.getStanzaId().equals(m.getStanzaId()));
        alice.expectMessage("the message of " + carol.bareJid(), m -> fromCarol.getStanzaId().equals(m.getStanzaId()));
    }

    /**
     * Shows that {@code stanza}, sent by {@code sender}, has not reached {@code recipient}. Every direct route between
     * them is blocked, so no marker can travel it; instead the sender sends a marker IQ to the recipient, which the
     * server answers (with an error) after handling the stanza under test (RFC 6120 §10.1), and then the recipient's
     * own stream is settled, so anything the server routed to it before is in its mailbox.
     */
    private static void notDelivered(Lab lab, Session sender, Session recipient, Stanza stanza, String description) {
        sender.sendMarkerIq(recipient.jid()).await();
        recipient.settled();
        for (Stanza received : recipient.received()) {
            if (stanza.getStanzaId().equals(received.getStanzaId())) {
                fail(recipient.label() + " received " + description + ", which must not be delivered: " + received.toXML());
            }
        }
    }
}
