package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** RFC 6120 §5: STARTTLS as the server advertises it on a fresh, unencrypted stream. */
@StanzalabTest
class StartTls {

    @Spec(document = "RFC 6120", section = "5.4.1", level = MUST,
          requirement = "on an unencrypted stream the server's features offer STARTTLS")
    @Test
    void starttlsIsOfferedBeforeTls(Lab lab) {
        RawClient client = RawClient.beforeTls(lab);

        XmlElement features = client.features();

        assertTrue(features.hasChild("starttls", XmppNamespaces.TLS),
                "the features before TLS offer no <starttls xmlns='" + XmppNamespaces.TLS + "'/>: " + features.toXml());
    }

    @Spec(document = "RFC 6120", section = "5.4.1", level = SHOULD,
          requirement = "when STARTTLS is the only feature offered before TLS, which makes TLS mandatory-to-negotiate "
                  + "(§5.3.1), it carries <required/>")
    @Test
    void mandatoryStarttlsIsMarkedRequired(Lab lab) {
        RawClient client = RawClient.beforeTls(lab);
        XmlElement features = client.features();
        XmlElement starttls = features.child("starttls", XmppNamespaces.TLS).orElse(null);
        lab.requireThat(starttls != null, "the server offers no STARTTLS before TLS");
        lab.requireThat(features.children().size() == 1, "besides STARTTLS the server offers "
                + RawClient.featureNames(features) + " before TLS, so TLS is not evidently mandatory-to-negotiate");

        assertTrue(starttls.hasChild("required", XmppNamespaces.TLS),
                "STARTTLS is the only feature before TLS but lacks <required/>: " + features.toXml());
    }
}
