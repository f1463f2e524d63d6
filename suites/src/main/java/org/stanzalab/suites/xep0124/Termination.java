package org.stanzalab.suites.xep0124;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.wire.transport.BoshHttp;

/** XEP-0124 §13: a client ends its session with a terminate request. */
@StanzalabTest
class Termination {

    @Spec(document = "XEP-0124", version = "1.11.2", section = "13", level = MUST,
          requirement = "payloads inside a terminate request are forwarded to the server before the session ends")
    @Test
    void payloadsOfTheTerminateRequestAreForwarded(Lab lab) {
        Bosh bosh = Bosh.connect(lab);
        bosh.login(lab.newUser(), "bosh");
        Session bob = lab.newUser().connect();

        bosh.terminate("<message xmlns='jabber:client' type='chat' id='last-words' to='" + bob.jid() + "'><body>goodbye</body></message>");

        Message last = bob.expectMessage("the message inside alice's terminate request", m -> "last-words".equals(m.getStanzaId()));
        assertEquals("goodbye", last.getBody());
    }

    @Spec(document = "XEP-0124", version = "1.11.2", section = "13", level = SHOULD,
          requirement = "the manager answers a terminate request with HTTP 200, and a request after it finds no session")
    @Test
    void terminateIsAnsweredAndEndsTheSession(Lab lab) {
        Bosh bosh = Bosh.connect(lab);
        bosh.create();
        bosh.awaitFeatures();

        BoshHttp.Response answer = bosh.terminate("");
        BoshHttp.Response after = bosh.request("");

        assertEquals(200, answer.status(), "HTTP status of the answer to the terminate request: " + answer.text());
        assertTrue(answer.isBody(), "the answer to the terminate request is not a <body/>: " + answer.text());
        assertTrue(Bosh.sessionIsGone(after), "the session still answers after it was terminated: HTTP " + after.status() + " " + after.text());
    }
}
