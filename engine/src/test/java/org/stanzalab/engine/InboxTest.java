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
}
