package org.stanzalab.suites.xep0203;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.wire.XmlElement;

/** XEP-0203 Delayed Delivery, as a server adds it to messages it kept for an offline user (XEP-0160). */
@StanzalabTest
class DelayedDelivery {
    /** XEP-0082 DateTime: date, 'T', time with optional fraction, and a zone (Z or an offset). */
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    /** The stamp may be cut to whole seconds, so the send time is compared to the second. */
    private static final long SLACK_SECONDS = 1;

    /** Messages a server keeps, each a case of the same rule. */
    enum Kept {
        CHAT("chat", "<message type='chat' id='%s' to='%s'><body>delayed chat</body></message>"),
        NORMAL("normal", "<message type='normal' id='%s' to='%s'><body>delayed normal</body></message>"),
        NO_TYPE("no-type", "<message id='%s' to='%s'><body>delayed, no type</body></message>");

        private final String key;
        final String template;

        Kept(String key, String template) {
            this.key = key;
            this.template = template;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** A kept message as its recipient got it, and when it was sent and received. */
    private record Handover(XmlElement message, Instant sent, Instant received, User sender, User recipient) {
    }

    private static Handover keepAndDeliver(Lab lab, String template) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        Instant sent = Instant.now();
        String id = Offline.send(alice, bob, template, "delayed");
        lab.setUp("the message is kept", () -> Offline.expectKept(alice, id, "a message"));
        RawSession phone = Offline.comeOnline(lab, bob);
        XmlElement delivered = lab.setUp("the kept message is delivered", () -> Offline.expectMessage(phone, id, "the kept message"));
        Instant received = Instant.now();
        lab.requireThat(!Offline.delays(delivered).isEmpty(), "the server adds no delay element to kept messages "
                + "(XEP-0160 §2 recommends it; xep0160.OfflineMessages.keptMessageCarriesDelay judges that)");
        return new Handover(delivered, sent, received, alice.user(), bob);
    }

    @Spec(document = "XEP-0203", version = "2.0", section = "2", level = MUST,
          requirement = "the delay element a server adds has a stamp, an XEP-0082 date and time expressed in UTC")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Kept.class)
    void delayStampIsUtcDateTime(Kept kept, Lab lab) {
        Handover handover = keepAndDeliver(lab, kept.template);

        for (XmlElement delay : Offline.delays(handover.message())) {
            String stamp = delay.attribute("stamp").orElseThrow(() -> new ServerFailure("a delay element without the "
                    + "required 'stamp': " + delay.toXml()));
            assertTrue(DATE_TIME.matcher(stamp).matches(), "stamp '" + stamp + "' is not an XEP-0082 DateTime: " + delay.toXml());
            OffsetDateTime time = parse(stamp);
            assertEquals(0, time.getOffset().getTotalSeconds(), "stamp '" + stamp + "' is not in UTC: " + delay.toXml());
        }
    }

    @Spec(document = "XEP-0203", version = "2.0", section = "2", level = MUST,
          requirement = "the stamp of a kept message gives the time it was sent: not before the sender sent it, not "
                  + "after it was handed over")
    @Test
    void delayStampIsTheTimeTheMessageWasSent(Lab lab) {
        Handover handover = keepAndDeliver(lab, Kept.CHAT.template);

        XmlElement delay = Offline.delays(handover.message()).get(0);
        OffsetDateTime stamp = parse(delay.attribute("stamp").orElseThrow(() -> new ServerFailure("a delay element without "
                + "the required 'stamp': " + delay.toXml())));
        Instant earliest = handover.sent().truncatedTo(ChronoUnit.SECONDS).minusSeconds(SLACK_SECONDS);
        Instant latest = handover.received().plusSeconds(SLACK_SECONDS);
        assertTrue(!stamp.toInstant().isBefore(earliest), "stamp " + stamp + " is before the message was sent (" + handover.sent() + ")");
        assertTrue(!stamp.toInstant().isAfter(latest), "stamp " + stamp + " is after the message was handed over ("
                + handover.received() + ")");
    }

    @Spec(document = "XEP-0203", version = "2.0", section = "2", level = SHOULD,
          requirement = "the delay element names who delayed the message (the server's domain) or who sent it")
    @Test
    void delayNamesTheServerOrTheSender(Lab lab) {
        Handover handover = keepAndDeliver(lab, Kept.CHAT.template);

        XmlElement delay = Offline.delays(handover.message()).get(0);
        String from = delay.attribute("from").orElseThrow(() -> new ServerFailure("the delay element has no 'from': " + delay.toXml()));
        String sender = handover.sender().jid().toString();
        assertTrue(from.equals(lab.domain()) || from.equals(sender) || from.startsWith(sender + "/"),
                "the delay's 'from' is " + from + ", neither the server " + lab.domain() + " nor the sender " + sender + ": " + delay.toXml());
    }

    /** Where a forged delay meets the recipient's server. */
    enum Forged {
        ONLINE("online"),
        OFFLINE("offline");

        private final String key;

        Forged(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0203", version = "2.0", section = "5", level = SHOULD,
          requirement = "a delay element that a sender forged in the name of the recipient's server is removed (or "
                  + "the message refused with not-acceptable)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Forged.class)
    void delayForgedInTheServersNameIsDiscarded(Forged where, Lab lab) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        String forgedStamp = "2001-01-01T00:00:00Z";
        String template = "<message type='chat' id='%s' to='%s'><body>forged delay</body><delay xmlns='" + Offline.DELAY
                + "' from='" + lab.domain() + "' stamp='" + forgedStamp + "'>Offline Storage</delay></message>";

        RawSession phone = where == Forged.ONLINE ? Offline.comeOnline(lab, bob) : null;
        String id = Offline.send(alice, bob, template, "forged");
        Optional<XmlElement> bounce = Offline.bounce(alice, id);
        if (bounce.isPresent()) {
            assertEquals("not-acceptable", Stanzas.errorCondition(bounce.get()), "condition of the refusal: " + bounce.get().toXml());
            return;
        }
        RawSession receiver = phone != null ? phone : Offline.comeOnline(lab, bob);
        XmlElement delivered = Offline.expectMessage(receiver, id, "the message with a forged delay");

        List<XmlElement> forged = Offline.delays(delivered).stream()
                .filter(d -> forgedStamp.equals(d.attribute("stamp").orElse(null))).toList();
        assertTrue(forged.isEmpty(), "the delay forged in the name of " + lab.domain() + " was passed on: " + delivered.toXml());
    }

    private static OffsetDateTime parse(String stamp) {
        try {
            return OffsetDateTime.parse(stamp);
        } catch (DateTimeParseException e) {
            throw new ServerFailure("stamp '" + stamp + "' is not a date and time: " + e.getMessage());
        }
    }
}
