package org.stanzalab.suites.xep0198;

import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.engine.raw.Stanzas.hasId;
import static org.stanzalab.engine.raw.Stanzas.hasType;

import java.util.Optional;

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
 * XEP-0198 §4: a session with acks but without resumption whose connection drops. The server knows which of its
 * stanzas the client never acknowledged, and must not let them vanish.
 */
@StanzalabTest
class UnacknowledgedStanzas {

    /** When bob's message meets the dropped connection. */
    enum When {
        /** Delivered on the stream, read by the client, never acknowledged; then the connection drops. */
        RECEIVED_BEFORE_THE_CUT("received-unacknowledged"),
        /** Sent to the full JID after the connection dropped, before the client is back. */
        SENT_AFTER_THE_CUT("sent-after-cut");

        private final String key;

        When(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "4", level = SHOULD,
          requirement = "a message the client never acknowledged is treated like one for an unavailable resource when "
                  + "its stream ends unresumed: bounced to the sender, delivered to another resource, or kept offline "
                  + "for the account's next session; it is not silently lost")
    @ParameterizedTest(name = "{0}")
    @EnumSource(When.class)
    void unacknowledgedMessageIsNotLost(When when, Lab lab) {
        User alice = lab.newUser();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        RawSession former = StreamManagement.enabledStream(lab, alice).available();
        String fullJid = former.jid();
        String body = "not to be lost (" + when + ")";
        String id;
        if (when == When.RECEIVED_BEFORE_THE_CUT) {
            id = bob.sendMessage(fullJid, body);
            StreamManagement.receive(former, body);
            StreamManagement.cut(former);
        } else {
            StreamManagement.cut(former);
            id = bob.sendMessage(fullJid, body);
        }

        RawSession next = lab.raw().authenticate(alice).bind();
        next.send("<presence/>");

        Optional<XmlElement> delivered = next.await("the message '" + body + "' on the account's next session",
                Stanzas.messageWithBody(body));
        if (delivered.isPresent()) {
            next.note("xep0198", "the message came to the account's next session: " + delivered.get().toXml());
            return;
        }
        Optional<XmlElement> bounced = bob.await("an error for message '" + id + "'", e -> hasId(e, id) && hasType(e, "error"));
        if (bounced.isPresent()) {
            bob.note("xep0198", "the message was bounced to its sender: " + bounced.get().toXml());
            return;
        }
        throw new ServerFailure("the message '" + body + "' was neither delivered to the account's next session nor "
                + "bounced to its sender: it was lost");
    }
}
