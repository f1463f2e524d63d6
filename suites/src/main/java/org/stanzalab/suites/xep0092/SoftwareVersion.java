package org.stanzalab.suites.xep0092;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.stanzalab.engine.Level.MUST;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0092 Software Version, asked of the server itself. */
@StanzalabTest
class SoftwareVersion {
    private static final String VERSION = "jabber:iq:version";

    @Spec(document = "XEP-0092", version = "1.1", section = "2", level = MUST,
          requirement = "a version result names the software and its version, both non-empty")
    @Test
    void resultNamesSoftwareAndVersion(Lab lab) {
        lab.requireFeature(VERSION);
        Session alice = lab.newUser().connect();

        IQ reply = alice.requestResult(new Version(lab.domainJid()));

        Version version = assertVersionPayload(reply);
        assertFalse(version.getName() == null || version.getName().isBlank(), "<name/> is required in a version result");
        assertFalse(version.getVersion() == null || version.getVersion().isBlank(), "<version/> is required in a version result");
    }

    @Spec(document = "XEP-0092", version = "1.1", section = "2", level = MUST,
          requirement = "the version result is a query element in the jabber:iq:version namespace")
    @Test
    void resultCarriesVersionQuery(Lab lab) {
        lab.requireFeature(VERSION);
        Session alice = lab.newUser().connect();

        IQ reply = alice.requestResult(new Version(lab.domainJid()));

        assertEquals(VERSION, reply.getChildElementNamespace(), "namespace of the result's payload");
    }

    private static Version assertVersionPayload(IQ reply) {
        assertNotNull(reply, "version reply");
        if (!(reply instanceof Version version)) {
            throw new ServerFailure("the version result carries no jabber:iq:version query: " + reply.toXML());
        }
        return version;
    }
}
