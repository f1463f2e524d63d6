package org.stanzalab.suites.rfc6121;

import static org.stanzalab.engine.Level.MUST;

import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;

/** RFC 6121 §8.5: where the server delivers a message for one of its users. */
@StanzalabTest
class MessageDelivery {

    @Spec(document = "RFC 6121", section = "8.5.3.1", level = MUST,
          requirement = "a message addressed to a full JID is delivered to that resource, and not to the user's other resources")
    @Test
    void messageToFullJidReachesThatResourceOnly(Lab lab) {
        Session alice = lab.newUser().connect();
        User bob = lab.newUser();
        Session phone = Resources.available(bob.connect(), 0);
        Session laptop = Resources.available(bob.connect(), 0);
        String body = "only for " + phone.jid();

        alice.sendMessage(phone.jid(), Message.Type.chat, body);

        phone.expectMessage("the chat message addressed to " + phone.jid(), m -> body.equals(m.getBody()));
        laptop.expectNothing(Message.class, "the chat message addressed to the other resource " + phone.jid(), m -> body.equals(m.getBody()));
    }

    @Spec(document = "RFC 6121", section = "8.5.2.1.1", level = MUST,
          requirement = "a chat message to a bare JID goes to the available resource with non-negative priority and never to one with negative priority")
    @Test
    void messageToBareJidSkipsNegativePriority(Lab lab) {
        Session alice = lab.newUser().connect();
        User bob = lab.newUser();
        Session phone = Resources.available(bob.connect(), 0);
        Session laptop = Resources.available(bob.connect(), -1);
        String body = "for whoever of " + bob.jid() + " should have it";

        alice.sendMessage(bob.jid(), Message.Type.chat, body);

        phone.expectMessage("the chat message addressed to " + bob.jid() + " (this resource has priority 0)", m -> body.equals(m.getBody()));
        laptop.expectNothing(Message.class, "the chat message addressed to " + bob.jid() + " although this resource has priority -1",
                m -> body.equals(m.getBody()));
    }
}
