package org.stanzalab.engine.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void saslPayloadsAreRemoved() {
        String auth = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHNlY3JldA==</auth>";
        assertEquals("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>[redacted]</auth>", Redactor.redact(auth));
        String response = "<response xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">Yz1iaXdzLHI9</response>";
        assertFalse(Redactor.redact(response).contains("Yz1iaXdzLHI9"));
    }

    @Test
    void registrationPasswordIsRemoved() {
        String iq = "<iq type='set'><query xmlns='jabber:iq:register'><username>bob</username><password>hunter2x</password></query></iq>";
        String out = Redactor.redact(iq);
        assertFalse(out.contains("hunter2x"), out);
        assertTrue(out.contains("<username>bob</username>"), "other fields stay: " + out);
    }

    @Test
    void passwordFormFieldsAreRemoved() {
        String form = "<x xmlns='jabber:x:data' type='submit'><field var='accountjid'><value>a@b</value></field>"
                + "<field var='password'><value>s3cretpw</value></field><field var='password-verify'><value>s3cretpw</value></field></x>";
        String out = Redactor.redact(form);
        assertFalse(out.contains("s3cretpw"), out);
        assertTrue(out.contains("<value>a@b</value>"), out);
    }

    @Test
    void registeredSecretsAreScrubbedAnywhere() {
        Secrets.register("Tr1cky-Secret-Value");
        assertEquals("login as x with [redacted] failed", Secrets.scrub("login as x with Tr1cky-Secret-Value failed"));
    }

    @Test
    void everyOccurrenceOfEverySecretIsScrubbedAmongManyAndShortOnesAreIgnored() {
        for (int i = 0; i < 2000; i++) {
            Secrets.register("many-secrets-" + i + "-x");
        }
        Secrets.register("Sh0rt-Pfx-A");
        Secrets.register("Sh0rt-Pfx-B");
        Secrets.register("abc");
        assertEquals("[redacted] and [redacted][redacted]!", Secrets.scrub("Sh0rt-Pfx-A and Sh0rt-Pfx-BSh0rt-Pfx-A!"));
        assertEquals("[redacted]", Secrets.scrub("many-secrets-1999-x"));
        assertEquals("abc many-secrets-20 Sh0rt", Secrets.scrub("abc many-secrets-20 Sh0rt"));
    }

    @Test
    void ordinaryXmlIsUntouched() {
        String msg = "<message to='a@b'><body>password is not a secret word</body></message>";
        assertEquals(msg, Redactor.redact(msg));
    }
}
