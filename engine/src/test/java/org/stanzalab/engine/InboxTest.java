package org.stanzalab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Test;

class InboxTest {
    private final Inbox inbox = new Inbox(new Object());

    private static Message message(String id) {
        return StanzaBuilder.buildMessage(id).build();
    }

    @Test
    void eachStanzaSatisfiesOneExpectation() throws Exception {
        inbox.add(message("a"));

        assertTrue(inbox.take(Message.class, m -> true, Duration.ZERO).isPresent());
        assertTrue(inbox.take(Message.class, m -> true, Duration.ZERO).isEmpty());
        assertEquals(1, inbox.all().size(), "what was matched is still in the record");
    }

    @Test
    void forgottenStanzasMatchNoLaterExpectation() throws Exception {
        inbox.add(message("before"));
        inbox.add(RawIq.get(null, "query", "jabber:iq:roster"));

        inbox.forget(Message.class::isInstance);
        inbox.add(message("after"));

        assertEquals("after", inbox.take(Message.class, m -> true, Duration.ZERO).orElseThrow().getStanzaId());
        assertTrue(inbox.take(IQ.class, iq -> true, Duration.ZERO).isPresent(), "only messages were forgotten");
    }

    @Test
    void aWaitEndsAsSoonAsTheStanzaArrives() throws Exception {
        CompletableFuture<Stanza> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return inbox.take(Stanza.class, s -> "late".equals(s.getStanzaId()), Duration.ofSeconds(30)).orElse(null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        long start = System.nanoTime();

        inbox.add(message("late"));

        assertEquals("late", taken.get(5, TimeUnit.SECONDS).getStanzaId());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void anUnparsableReplyIsFoundByItsIdInWhatWasReceived() {
        // Smack reports only the rest of the stanza after the point where parsing failed; the raw text has it whole.
        String raw = "<message from='a@x' id='m1'><body>earlier</body></message>\n"
                + "<iq xmlns='jabber:client' id='req-7' type='result' from='x'>\n  <query xmlns='http://jabber.org/protocol/disco#info'>"
                + "<feature/></query>\n</iq>\n<presence id='p2'/>";
        inbox.addUnparsed(raw, new IllegalArgumentException("variable cannot be null"));

        var found = inbox.unparsedWithId("req-7").orElseThrow();

        assertEquals("<iq xmlns='jabber:client' id='req-7' type='result' from='x'>\n  <query xmlns='http://jabber.org/protocol/disco#info'>"
                + "<feature/></query>\n</iq>", found.getKey());
        assertEquals("variable cannot be null", found.getValue());
        assertTrue(inbox.unparsedWithId("req-8").isEmpty());
    }

    @Test
    void aSelfClosingUnparsableStanzaEndsAtItsOwnTag() {
        inbox.addUnparsed("<iq id=\"r1\" type=\"result\" from=\"x\"/><iq id='r2' type='result'/>", null);

        assertEquals("<iq id=\"r1\" type=\"result\" from=\"x\"/>", inbox.unparsedWithId("r1").orElseThrow().getKey());
    }
}
