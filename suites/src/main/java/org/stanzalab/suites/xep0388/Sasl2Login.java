package org.stanzalab.suites.xep0388;

import java.util.List;
import java.util.UUID;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.ServerAnswer;
import org.stanzalab.wire.Sasl2;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.XmlElement;

/**
 * A secured raw stream on which the server offers SASL2 (XEP-0388), for the xep0388, xep0386 and xep0484 suites;
 * without the {@code urn:xmpp:sasl:2} feature the test is impossible. Logins run through {@link Sasl2} of the wire
 * driver, with one user-agent id per login unless the test keeps one.
 */
public final class Sasl2Login {
    /** SCRAM variants the wire driver can log in with over SASL2, preferred first. */
    public static final List<String> SCRAM = List.of("SCRAM-SHA-256", "SCRAM-SHA-1");

    private final RawSession session;
    private final XmlElement features;
    public final String userAgentId = UUID.randomUUID().toString();

    private Sasl2Login(RawSession session) {
        this.session = session;
        this.features = session.features();
    }

    /** Opens and secures a stream; impossible unless the server offers SASL2 on it. */
    public static Sasl2Login offered(Lab lab) {
        RawSession session = lab.raw().secure();
        lab.requireThat(Sasl2.feature(session.features()).isPresent(), "the server offers no SASL2 (<authentication xmlns='"
                + Sasl2.NS + "'/> in the stream features after TLS), so " + Sasl2.NS + " is missing");
        return new Sasl2Login(session);
    }

    public XmlElement features() {
        return features;
    }

    public WireStream wire() {
        return session.wire();
    }

    public RawSession session() {
        return session;
    }

    /** The first SCRAM mechanism offered in SASL2; impossible when none is. */
    public String scramMechanism(Lab lab) {
        List<String> offered = Sasl2.mechanisms(features);
        String chosen = SCRAM.stream().filter(offered::contains).findFirst().orElse(null);
        lab.requireThat(chosen != null, "SASL2 offers none of " + SCRAM + " (offered: " + offered + ")");
        return chosen;
    }

    /** A SCRAM login over SASL2 with these inline requests (may be empty); returns the outcome, success or failure. */
    public Sasl2.Outcome scram(String mechanism, String username, String password, String inline) {
        return ServerAnswer.await("the outcome of a SASL2 " + mechanism + " login",
                () -> Sasl2.authenticateScram(wire(), mechanism, username, password, userAgentId, inline));
    }

    /** A FAST token login (HT-SHA-256-NONE) with the {@code <fast/>} marker and these further inline requests. */
    public Sasl2.Outcome token(String username, String token, String inline) {
        return ServerAnswer.await("the outcome of a SASL2 token login", () -> Sasl2.authenticateToken(wire(), username, token, userAgentId,
                Sasl2.fastMarker() + (inline == null ? "" : inline)));
    }

    /** The stream features that follow a SASL2 success on the same stream. */
    public XmlElement featuresAfterSuccess() {
        return ServerAnswer.await("stream features right after the SASL2 <success/> (no restart)", () -> wire().readFeatures());
    }

    /** A success, or the test fails saying what came instead. */
    public static Sasl2.Outcome requireSuccess(Sasl2.Outcome outcome, String what) {
        if (!outcome.isSuccess()) {
            throw new ServerFailure(what + " did not succeed: " + outcome.element().toXml());
        }
        return outcome;
    }
}
