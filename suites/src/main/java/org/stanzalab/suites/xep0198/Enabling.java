package org.stanzalab.suites.xep0198;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.xep0198.StreamManagement.NS;
import static org.stanzalab.suites.xep0198.StreamManagement.isSm;

import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlElement;

/** XEP-0198 §3 and §6: turning stream management on, and the refusals the server owes a client that asks wrongly. */
@StanzalabTest
class Enabling {
    /** The stanza error conditions of RFC 6120 §8.3.3, which alone may appear in a {@code <failed/>} (XEP-0198 §6). */
    static final Set<String> STANZA_ERROR_CONDITIONS = Set.of("bad-request", "conflict", "feature-not-implemented",
            "forbidden", "gone", "internal-server-error", "item-not-found", "jid-malformed", "not-acceptable", "not-allowed",
            "not-authorized", "policy-violation", "recipient-unavailable", "redirect", "registration-required",
            "remote-server-not-found", "remote-server-timeout", "resource-constraint", "service-unavailable",
            "subscription-required", "undefined-condition", "unexpected-request");

    /** host, IPv4, or [IPv6], with an optional port: the form of RFC 6120 §4.9.3.19. */
    private static final Pattern LOCATION = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^\\s:\\[\\]/]+)(:[0-9]{1,5})?");

    @Spec(document = "XEP-0198", version = "1.6.3", section = "3", level = MUST,
          requirement = "a server offering stream management answers <enable/> on a bound stream with <enabled/> or "
                  + "<failed/> in the urn:xmpp:sm:3 namespace, and the stream goes on")
    @Test
    void enableAfterBindingIsAnswered(Lab lab) {
        RawSession alice = StreamManagement.boundStream(lab, lab.newUser());

        XmlElement answer = StreamManagement.sendEnable(alice, false);

        assertTrue(isSm(answer, "enabled") || isSm(answer, "failed"),
                "<enable/> must be answered with <enabled/> or <failed/>, got " + answer.toXml());
        alice.note("xep0198", "the server answered <" + answer.name() + "/>");
        alice.expectSessionGoesOn("answering <enable/> does not end the stream");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "when the server lets a stream be resumed it says so with resume='true' or '1' on <enabled/> "
                  + "and gives a non-empty 'id' to resume it with")
    @Test
    void resumableStreamGetsAnId(Lab lab) {
        RawSession alice = StreamManagement.boundStream(lab, lab.newUser());

        XmlElement answer = StreamManagement.sendEnable(alice, true);

        lab.requireThat(isSm(answer, "enabled"), "the server refused to enable stream management: " + answer.toXml());
        lab.requireThat(StreamManagement.allowsResumption(answer),
                "the server enabled stream management without resumption (allowed): " + answer.toXml());
        String id = answer.attribute("id").orElse("");
        assertFalse(id.isEmpty(), "a resumable <enabled/> must carry the SM-ID in 'id': " + answer.toXml());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "no two stream management sessions get the same SM-ID, not even two of one account at once")
    @Test
    void smIdsAreNotReused(Lab lab) {
        User alice = lab.newUser();
        String first = StreamManagement.resumableStream(lab, alice).id();
        String second = StreamManagement.resumableStream(lab, alice).id();
        String third = StreamManagement.resumableStream(lab, lab.newUser()).id();

        assertNotEquals(first, second, "two simultaneous sessions of one account got the same SM-ID");
        assertNotEquals(first, third, "sessions of two accounts got the same SM-ID");
        assertNotEquals(second, third, "sessions of two accounts got the same SM-ID");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "3", level = MAY,
          requirement = "the server may state its preferred resumption time ('max', a positive number of seconds) and "
                  + "reconnection address ('location', host or [IPv6] with an optional port) on <enabled/>; "
                  + "when it does, the values have that form")
    @Test
    void maxAndLocationOnEnabledAreWellFormed(Lab lab) {
        RawSession alice = StreamManagement.boundStream(lab, lab.newUser());

        XmlElement answer = StreamManagement.sendEnable(alice, true);

        lab.requireThat(isSm(answer, "enabled"), "the server refused to enable stream management: " + answer.toXml());
        alice.note("xep0198", "max: " + answer.attribute("max").orElse("(none)") + ", location: "
                + answer.attribute("location").orElse("(none)"));
        answer.attribute("max").ifPresent(max -> assertTrue(max.matches("0*[1-9][0-9]*"),
                "'max' must be a positive whole number of seconds: " + answer.toXml()));
        answer.attribute("location").ifPresent(location -> assertTrue(LOCATION.matcher(location).matches(),
                "'location' must be a host or [IPv6] address with an optional port: " + answer.toXml()));
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "3", level = MUST,
          requirement = "the server enforces that stream management is enabled only after resource binding: an "
                  + "<enable/> on an authenticated stream without a bound resource gets <failed/>")
    @Test
    void enableBeforeBindingIsRefused(Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser());
        alice.requireFeature(NS, "sm");

        XmlElement answer = StreamManagement.sendEnable(alice, false);

        assertTrue(isSm(answer, "failed"), "<enable/> before binding a resource must get <failed/>, got " + answer.toXml());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "6", level = SHOULD,
          requirement = "the <failed/> refusing an <enable/> names the problem with one of the stanza error conditions "
                  + "of RFC 6120 (for an enable before binding: the example's unexpected-request, or another)")
    @Test
    void refusedEnableNamesAStanzaErrorCondition(Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser());
        alice.requireFeature(NS, "sm");

        XmlElement answer = StreamManagement.sendEnable(alice, false);

        lab.requireThat(isSm(answer, "failed"), "the server did not refuse the early <enable/> with <failed/>: " + answer.toXml());
        String condition = StreamManagement.failedCondition(answer);
        assertNotNull(condition, "the <failed/> names no error condition: " + answer.toXml());
        assertTrue(STANZA_ERROR_CONDITIONS.contains(condition),
                "<" + condition + "/> is not a stanza error condition of RFC 6120 §8.3.3: " + answer.toXml());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "6", level = MUST,
          requirement = "a second <enable/> on a stream that already has stream management is an error: the server "
                  + "refuses it (<failed/>, or a stream error ending the stream) and never enables it again")
    @Test
    void secondEnableIsRefused(Lab lab) {
        RawSession alice = StreamManagement.enabledStream(lab, lab.newUser());

        XmlElement answer = StreamManagement.sendEnable(alice, false);

        assertFalse(isSm(answer, "enabled"), "a second <enable/> was answered with <enabled/> again: " + answer.toXml());
        alice.note("xep0198", "the second <enable/> was answered with " + answer.toXml());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "3", level = SHOULD,
          requirement = "a client enables stream management once; the server answers a second <enable/> with a stream "
                  + "error that ends the connection")
    @Test
    void secondEnableEndsTheStream(Lab lab) {
        RawSession alice = StreamManagement.enabledStream(lab, lab.newUser());

        XmlElement answer = StreamManagement.sendEnable(alice, false);

        assertTrue(StreamError.isStreamError(answer), "the second <enable/> should end the stream with a stream error, "
                + "but the server answered " + answer.toXml());
    }
}
