package org.stanzalab.suites.rfc6120;

import java.util.List;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.XmlElement;

/**
 * What {@link Scram} and {@link ScramAuthentication} still call by this name until the SCRAM client moves to the wire
 * layer; every other test uses {@link RawSession} directly. Delete this class when those two no longer name it.
 */
final class RawClient {
    private final RawSession session;

    private RawClient(RawSession session) {
        this.session = session;
    }

    static RawClient secured(Lab lab) {
        return new RawClient(lab.raw().secure());
    }

    static String saslCondition(XmlElement failure) {
        return Stanzas.saslCondition(failure);
    }

    void send(String xml) {
        session.send(xml);
    }

    XmlElement expectSaslStep() {
        return session.expectSaslStep();
    }

    List<String> saslMechanisms() {
        return session.saslMechanisms();
    }

    WireStream wire() {
        return session.wire();
    }
}
