package org.stanzalab.suites.xep0160;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0160 Best Practices for Handling Offline Messages: a message to a user without an available resource is kept
 * and handed over when the user next sends available presence with a non-negative priority; which types are kept.
 */
@StanzalabTest
class OfflineMessages {

    /** The types §3 asks a server to keep. */
    enum StorableType {
        NORMAL("normal", "<message type='normal' id='%s' to='%s'><body>kept normal</body></message>"),
        CHAT("chat", "<message type='chat' id='%s' to='%s'><body>kept chat</body></message>"),
        NO_TYPE("no-type", "<message id='%s' to='%s'><body>kept without type</body></message>");

        private final String key;
        final String template;

        StorableType(String key, String template) {
            this.key = key;
            this.template = template;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "3", level = SHOULD,
          requirement = "a message of type normal or chat (or without a type) to an offline user is kept, not refused, "
                  + "and handed over once the user is available")
    @ParameterizedTest(name = "{0}")
    @EnumSource(StorableType.class)
    void storableMessageIsKeptAndDeliveredAfterInitialPresence(StorableType type, Lab lab) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();

        String template = type.template;
        String id = Offline.send(alice, bob, template, "offline-" + type);
        Offline.expectKept(alice, id, "a " + type + " message");

        RawSession phone = Offline.comeOnline(lab, bob);
        XmlElement delivered = Offline.expectMessage(phone, id, "the " + type + " message kept while " + bob.role() + " was offline");
        Offline.assertCarriedUnchanged(template.formatted(id, bob.jid()), delivered);
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "2", level = SHOULD,
          requirement = "a kept message is handed over only when the user sends available presence, not when a "
                  + "resource merely logs in")
    @Test
    void keptMessageWaitsForInitialPresence(Lab lab) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        String id = Offline.send(alice, bob, StorableType.CHAT.template, "offline");
        lab.setUp("the message is kept", () -> Offline.expectKept(alice, id, "a chat message"));

        RawSession phone = Offline.loginWithoutPresence(lab, bob);
        phone.sync();

        phone.expectNothingFrom(alice, "the kept message before initial presence",
                e -> Offline.isMessage(e) && Stanzas.hasId(e, id));
        Offline.available(phone, 0);
        Offline.expectMessage(phone, id, "the kept message, after initial presence");
    }

    /** How the user becomes available with a non-negative priority after a negative one. */
    enum NonNegative {
        RAISED_PRIORITY("raised-priority"),
        OTHER_RESOURCE("other-resource");

        private final String key;

        NonNegative(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "2", level = SHOULD,
          requirement = "a message to a user whose only available resource has a negative priority is kept, not "
                  + "delivered to that resource, and handed over when a resource sends non-negative presence")
    @ParameterizedTest(name = "{0}")
    @EnumSource(NonNegative.class)
    void keptMessageWaitsForNonNegativePresence(NonNegative how, Lab lab) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        RawSession shy = Offline.loginWithoutPresence(lab, bob);
        Offline.available(shy, -1);

        String id = Offline.send(alice, bob, StorableType.CHAT.template, "negative");
        Offline.expectKept(alice, id, "a chat message while the only resource has priority -1");
        shy.expectNothingFrom(alice, "the message to the bare JID, at a resource with negative priority",
                e -> Offline.isMessage(e) && Stanzas.hasId(e, id));

        RawSession receiver = shy;
        if (how == NonNegative.RAISED_PRIORITY) {
            Offline.available(shy, 1);
        } else {
            receiver = Offline.comeOnline(lab, bob);
        }
        Offline.expectMessage(receiver, id, "the kept message, once " + bob.role() + " has non-negative presence (" + how + ")");
    }

    @Spec(document = "RFC 6120", section = "10.1", level = MUST,
          requirement = "messages kept for an offline user are delivered in the order the sender sent them")
    @Test
    void keptMessagesAreDeliveredInTheOrderSent(Lab lab) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String template = i % 2 == 0 ? StorableType.NORMAL.template : StorableType.CHAT.template;
            sent.add(Offline.send(alice, bob, template.replace("</body>", " " + i + "</body>"), "order"));
        }
        lab.setUp("the messages are kept", () -> sent.forEach(id -> Offline.expectKept(alice, id, "message " + id)));

        RawSession phone = Offline.comeOnline(lab, bob);
        for (String id : sent) {
            Offline.expectMessage(phone, id, "kept message " + id);
        }

        List<String> order = phone.received().stream().filter(Offline::isMessage)
                .map(e -> e.attribute("id").orElse("")).filter(sent::contains).toList();
        assertEquals(sent, order, "order in which the kept messages reached " + bob.role());
    }

    /** The types §3 asks a server not to keep. */
    enum UnstorableType {
        GROUPCHAT("groupchat", "<message type='groupchat' id='%s' to='%s'><body>not for storage</body></message>"),
        HEADLINE("headline", "<message type='headline' id='%s' to='%s'><body>not for storage</body></message>"),
        ERROR("error", "<message type='error' id='%s' to='%s'><body>not for storage</body>"
                + "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");

        private final String key;
        final String template;

        UnstorableType(String key, String template) {
            this.key = key;
            this.template = template;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "3", level = SHOULD,
          requirement = "messages of type groupchat, headline and error to an offline user are not kept for later")
    @ParameterizedTest(name = "{0}")
    @EnumSource(UnstorableType.class)
    void messageOfTypeIsNotKept(UnstorableType type, Lab lab) {
        Storage.expectNotKept(lab, type.template, "the " + type + " message");
    }

    /** How the user shows up again after a kept message was handed over. */
    enum Again {
        NEXT_LOGIN("next-login"),
        SECOND_RESOURCE("second-resource");

        private final String key;

        Again(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "2", level = SHOULD,
          requirement = "a kept message is handed over once: not again at the next login, nor to a second resource")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Again.class)
    void keptMessageIsDeliveredOnlyOnce(Again again, Lab lab) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        String id = Offline.send(alice, bob, StorableType.CHAT.template, "once");
        lab.setUp("the message is kept", () -> Offline.expectKept(alice, id, "a chat message"));
        RawSession phone = Offline.comeOnline(lab, bob);
        lab.setUp("the kept message is delivered", () -> Offline.expectMessage(phone, id, "the kept message"));

        RawSession later;
        if (again == Again.NEXT_LOGIN) {
            phone.send("<presence type='unavailable'/>");
            phone.sync();
            phone.wire().close();
            // A second message kept after the first was handed over: it arrives at the next login, the first must not.
            String second = Offline.send(alice, bob, StorableType.CHAT.template, "second");
            lab.setUp("the second message is kept", () -> Offline.expectKept(alice, second, "a second chat message"));
            later = Offline.comeOnline(lab, bob);
            lab.setUp("the second kept message is delivered", () -> Offline.expectMessage(later, second, "the second kept message"));
        } else {
            later = Offline.comeOnline(lab, bob);
        }
        later.expectNothingFrom(alice, "the message kept earlier and already handed over",
                e -> Offline.isMessage(e) && Stanzas.hasId(e, id));
    }

    /** Parts of a message that must survive storage. */
    enum Part {
        THREAD_AND_SUBJECT("thread-subject", "<message type='chat' id='%s' to='%s'><subject>topic</subject>"
                + "<body>with thread</body><thread parent='p-1'>t-42</thread></message>"),
        LANGUAGE("xml-lang", "<message type='chat' id='%s' to='%s' xml:lang='de'><body>Guten Abend</body></message>"),
        SEVERAL_BODIES("several-bodies", "<message type='chat' id='%s' to='%s'><body>hello</body>"
                + "<body xml:lang='fr'>bonjour</body></message>"),
        LARGE_BODY("large-body", "<message type='chat' id='%s' to='%s'><body>" + "0123456789abcdef".repeat(640) + "</body></message>"),
        UNICODE_BODY("unicode-body", "<message type='normal' id='%s' to='%s'><body>Grüße 😀 ∑ &lt;tag&gt; &amp;</body></message>");

        private final String key;
        final String template;

        Part(String key, String template) {
            this.key = key;
            this.template = template;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "2", level = SHOULD,
          requirement = "the server keeps the message stanza itself and hands it over whole: id, type, language, "
                  + "subject, thread and bodies as sent")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Part.class)
    void keptMessageIsDeliveredWhole(Part part, Lab lab) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        String id = Offline.send(alice, bob, part.template, "whole-" + part);
        lab.setUp("the message is kept", () -> Offline.expectKept(alice, id, "a message with " + part));

        RawSession phone = Offline.comeOnline(lab, bob);

        XmlElement delivered = Offline.expectMessage(phone, id, "the kept message with " + part);
        Offline.assertCarriedUnchanged(part.template.formatted(id, bob.jid()), delivered);
    }

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "a kept message with an extension element the server does not understand is delivered with "
                  + "that element unchanged")
    @Test
    void keptMessageKeepsUnknownExtension(Lab lab) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        String template = "<message type='chat' id='%s' to='%s'><body>with extension</body>"
                + "<x xmlns='urn:stanzalab:ext:1' xmlns:o='urn:stanzalab:other'><o:item o:flag='yes'>v</o:item></x></message>";
        String id = Offline.send(alice, bob, template, "ext");
        lab.setUp("the message is kept", () -> Offline.expectKept(alice, id, "a message with an extension"));

        RawSession phone = Offline.comeOnline(lab, bob);

        XmlElement delivered = Offline.expectMessage(phone, id, "the kept message with an extension");
        Offline.assertCarriedUnchanged(template.formatted(id, bob.jid()), delivered);
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "2", level = SHOULD,
          requirement = "a kept message is handed over with a delayed-delivery element (XEP-0203) saying it was stored")
    @Test
    void keptMessageCarriesDelay(Lab lab) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        String id = Offline.send(alice, bob, StorableType.CHAT.template, "delay");
        lab.setUp("the message is kept", () -> Offline.expectKept(alice, id, "a chat message"));

        RawSession phone = Offline.comeOnline(lab, bob);

        XmlElement delivered = Offline.expectMessage(phone, id, "the kept message");
        assertFalse(Offline.delays(delivered).isEmpty(), "the kept message carries no <delay xmlns='" + Offline.DELAY
                + "'/>: " + delivered.toXml());
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "4", level = SHOULD,
          requirement = "a server that keeps messages for offline users advertises msgoffline in disco#info")
    @Test
    void serverThatKeepsMessagesAdvertisesMsgoffline(Lab lab) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        String id = Offline.send(alice, bob, StorableType.CHAT.template, "disco");
        lab.requireThat(Offline.bounce(alice, id).isEmpty(), "the server does not keep messages for offline users");
        RawSession phone = Offline.comeOnline(lab, bob);
        lab.setUp("the kept message is delivered", () -> Offline.expectMessage(phone, id, "the kept message"));

        if (!lab.serverInfo().containsFeature("msgoffline")) {
            throw new ServerFailure("the server kept a message for an offline user and handed it over, but its disco#info "
                    + "lacks the feature msgoffline");
        }
    }
}
