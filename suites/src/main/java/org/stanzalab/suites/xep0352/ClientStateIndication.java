package org.stanzalab.suites.xep0352;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.raw.Stanzas.isStanza;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0198.StreamManagement;
import org.stanzalab.suites.xep0198.StreamManagement.Resumable;
import org.stanzalab.suites.xep0198.StreamManagement.ResumeAttempt;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/**
 * XEP-0352: the client says it is inactive or active; the server may hold back what is not urgent while the client
 * is inactive, but the client stays available, its state is nobody else's business, and whatever was held is on the
 * wire before the server answers anything the client sends after {@code <active/>}.
 */
@StanzalabTest
class ClientStateIndication {

    /** What the client says, in order, before it pings. */
    enum Sequence {
        ACTIVE("active", true),
        INACTIVE("inactive", false),
        INACTIVE_THEN_ACTIVE("inactive-then-active", false, true),
        ACTIVE_THEN_INACTIVE("active-then-inactive", true, false),
        INACTIVE_TWICE("inactive-twice", false, false),
        ACTIVE_TWICE("active-twice", true, true);

        private final String key;
        private final boolean[] states;

        Sequence(String key, boolean... states) {
            this.key = key;
            this.states = states;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0352", version = "1.0.0", section = "5.1", level = MUST,
          requirement = "the server handles <active/> and <inactive/> before the data that follows them on the stream "
                  + "and sends no reply to either: a ping sent after any sequence of them (repeated states included) "
                  + "is answered, and nothing comes before that answer")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Sequence.class)
    void stateChangesAreAcceptedWithoutReply(Sequence sequence, Lab lab) {
        RawSession alice = Csi.client(lab, lab.newUser());

        for (boolean active : sequence.states) {
            if (active) {
                Csi.active(alice);
            } else {
                Csi.inactive(alice);
            }
        }

        List<XmlElement> before = Csi.receivedBeforePong(alice);
        assertEquals(List.of(), before.stream().map(XmlElement::toXml).toList(),
                "what the server sent in answer to " + sequence + " before answering the ping that followed it");
    }

    /** Where bob addresses his message. */
    enum Address {
        FULL_JID, BARE_JID;

        @Override
        public String toString() {
            return this == FULL_JID ? "full-jid" : "bare-jid";
        }
    }

    @Spec(document = "XEP-0352", version = "1.0.0", section = "5", level = MUST,
          requirement = "the client's state is independent of its presence: an inactive client is still an available "
                  + "resource, so a chat message with a body sent to its full or bare JID reaches it while it stays "
                  + "inactive, rather than waiting for <active/> or going to offline storage")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Address.class)
    void messageWithBodyReachesAnInactiveClient(Address address, Lab lab) {
        RawSession alice = Csi.client(lab, lab.newUser()).available();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        Csi.inactive(alice);
        alice.sync(); // the server has handled <inactive/> (handled in order, §5.1) before bob's message exists

        String body = "urgent while inactive (" + address + ")";
        bob.sendMessage(address == Address.FULL_JID ? alice.jid() : Csi.bare(alice), body);

        alice.expect("the message '" + body + "' while the client is inactive", Stanzas.messageWithBody(body));
    }

    @Spec(document = "XEP-0352", version = "1.0.0", section = "5.1", level = MUST,
          requirement = "presence updates of a contact that the server held while the client was inactive are on the "
                  + "wire, in the order sent (earlier ones may be left out), before the server answers the first "
                  + "request after <active/>; the contact's latest presence is among them")
    @Test
    void heldPresenceIsFlushedBeforeTheNextAnswer(Lab lab) {
        RawSession alice = Csi.client(lab, lab.newUser());
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        Csi.subscribe(lab, alice, bob);
        alice.forget();
        Csi.inactive(alice);
        Csi.presenceUpdate(bob, "away", "first update");
        Csi.presenceUpdate(bob, "dnd", "latest update");
        bob.sync();
        Csi.holds(lab, alice, Csi.presenceWithStatus(bob.jid(), "latest update"), "bob's latest presence");

        Csi.active(alice);

        List<String> statuses = Csi.receivedBeforePong(alice).stream().filter(Csi.presenceFrom(bob.jid()))
                .map(p -> p.childText("status", XmppNamespaces.CLIENT).orElse("")).toList();
        assertTrue(statuses.equals(List.of("first update", "latest update")) || statuses.equals(List.of("latest update")),
                "bob's presence updates that reached alice before the server answered her first request after <active/>, "
                        + "in arrival order (the latest must be there and last): " + statuses);
        alice.forget();
        alice.expectNothingFrom(bob, "a presence of bob after the server answered her first request after <active/>",
                Csi.presenceFrom(bob.jid()));
    }

    @Spec(document = "XEP-0352", version = "1.0.0", section = "5.1", level = MUST,
          requirement = "chat states without a body sent to an inactive client are either dropped or, in the order "
                  + "sent, on the wire before the server answers the first request after <active/>; none comes later")
    @Test
    void heldChatStatesAreFlushedOrDroppedBeforeTheNextAnswer(Lab lab) {
        RawSession alice = Csi.client(lab, lab.newUser()).available();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        Csi.inactive(alice);
        bob.send(Csi.chatState(alice.jid(), bob.newId("composing"), "composing"));
        bob.send(Csi.chatState(alice.jid(), bob.newId("paused"), "paused"));
        bob.sync();
        Predicate<XmlElement> chatState = e -> isStanza(e, "message") && bob.jid().equals(e.attribute("from").orElse(null))
                && e.children().stream().anyMatch(c -> c.namespace().equals("http://jabber.org/protocol/chatstates"));
        Csi.holds(lab, alice, chatState, "bob's chat states");

        Csi.active(alice);

        List<String> states = Csi.receivedBeforePong(alice).stream().filter(chatState)
                .map(m -> m.children().stream().filter(c -> c.namespace().equals("http://jabber.org/protocol/chatstates"))
                        .map(XmlElement::name).findFirst().orElse(""))
                .toList();
        assertTrue(List.of(List.of(), List.of("composing"), List.of("paused"), List.of("composing", "paused")).contains(states),
                "bob's chat states that reached alice before the server answered her first request after <active/>, "
                        + "in arrival order: " + states);
        alice.forget();
        alice.expectNothingFrom(bob, "a chat state of bob after the server answered her first request after <active/>",
                chatState);
        if (states.isEmpty()) {
            alice.note("xep0352", "the server dropped bob's chat states sent while alice was inactive, as §3.2 allows");
        }
    }

    /** What alice says before her contact looks. */
    enum Change {
        INACTIVE, INACTIVE_THEN_ACTIVE;

        @Override
        public String toString() {
            return this == INACTIVE ? "inactive" : "inactive-then-active";
        }
    }

    @Spec(document = "XEP-0352", version = "1.0.0", section = "6", level = MUST,
          requirement = "the server does not reveal a client's active or inactive state to anyone else: a contact "
                  + "subscribed to the user's presence gets no presence when the client goes inactive or active again")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Change.class)
    void stateIsNotRevealedToContacts(Change change, Lab lab) {
        RawSession alice = Csi.client(lab, lab.newUser());
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        Csi.subscribe(lab, bob, alice);
        bob.forget();

        Csi.inactive(alice);
        if (change == Change.INACTIVE_THEN_ACTIVE) {
            Csi.active(alice);
        }

        bob.expectNothingFrom(alice, "a presence of alice after her client went " + change,
                e -> isStanza(e, "presence") && alice.jid().equals(e.attribute("from").orElse(null)));
    }

    @Spec(document = "XEP-0352", version = "1.0.0", section = "5", level = MUST,
          requirement = "the state belongs to one stream: while the user's phone is inactive and its contact's "
                  + "presence is held for it, the user's other stream, which never said anything, is active and gets "
                  + "that presence while the phone's copy is held")
    @Test
    void otherStreamsOfTheUserStayActive(Lab lab) {
        User alice = lab.newUser();
        RawSession phone = Csi.client(lab, alice);
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        Csi.subscribe(lab, phone, bob);
        RawSession laptop = lab.raw().authenticate(alice).bind().available();
        laptop.forget();
        phone.forget();
        Csi.inactive(phone);

        Optional<String> held = Csi.heldPresenceUpdate(lab, phone, bob, "while the phone is inactive");

        lab.requireThat(held.isPresent(), "the server does not hold presence for an inactive client, so whether it "
                + "treats another stream as inactive cannot be seen");
        laptop.expect("bob's presence update '" + held.get() + "', held for the inactive phone, on alice's laptop "
                + "stream, which never sent <inactive/>", Csi.presenceWithStatus(bob.jid(), held.get()));
    }

    @Spec(document = "XEP-0352", version = "1.0.0", section = "5", level = MUST,
          requirement = "a resumed stream starts active, whatever the state of the stream it resumes (§5.2): a "
                  + "contact's presence that the server would hold for an inactive client reaches the resumed stream "
                  + "at once")
    @Test
    void resumedStreamStartsActive(Lab lab) {
        User alice = lab.newUser();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        RawSession phone = former.stream();
        phone.requireFeature(Csi.NS, "csi");
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        Csi.subscribe(lab, phone, bob);
        Csi.inactive(phone);
        lab.requireThat(Csi.heldPresenceUpdate(lab, phone, bob, "before the cut").isPresent(), "the server does not "
                + "hold presence for an inactive client, so whether a resumed stream is active cannot be seen");
        long received = StreamManagement.stanzasSinceEnabled(phone).size();
        StreamManagement.cut(phone);
        ResumeAttempt attempt = StreamManagement.resume(lab, alice, former.id(), received);
        lab.requireThat(attempt.resumed(), "the server did not resume the stream: " + attempt.answer().toXml());
        RawSession resumed = attempt.stream();

        Csi.presenceUpdate(bob, "dnd", "after resuming");

        // Nothing is sent on the resumed stream: data from the client could make a server that wrongly kept the
        // stream inactive flush its queue.
        resumed.expect("bob's presence update sent after resuming, on the resumed stream, which starts active",
                Csi.presenceWithStatus(bob.jid(), "after resuming"));
    }
}
