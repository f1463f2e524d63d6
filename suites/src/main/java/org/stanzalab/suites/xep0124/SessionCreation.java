package org.stanzalab.suites.xep0124;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.wire.transport.BoshHttp;

/** XEP-0124 §7: what the connection manager answers to a session creation request. */
@StanzalabTest
class SessionCreation {

    @Spec(document = "XEP-0124", version = "1.11.2", section = "7.2", level = MUST,
          requirement = "the session creation response carries the session id, the wait the manager will use and the number of simultaneous requests it allows")
    @Test
    void responseCarriesSidWaitAndRequests(Lab lab) {
        BoshHttp.Response response = Bosh.connect(lab).create();

        for (String attribute : List.of("sid", "wait", "requests")) {
            assertTrue(response.attribute(attribute).filter(v -> !v.isBlank()).isPresent(),
                    "the session creation response lacks '" + attribute + "': " + response.text());
        }
    }

    @Spec(document = "XEP-0124", version = "1.11.2", section = "7.2", level = MUST,
          requirement = "the wait in the session creation response is not longer than the wait the client asked for")
    @Test
    void waitIsNotLongerThanAsked(Lab lab) {
        BoshHttp.Response response = Bosh.connect(lab).create(3, 1, "");

        int wait = Integer.parseInt(response.attribute("wait").orElseThrow().trim());
        assertTrue(wait <= 3, "asked for wait='3', the manager answered wait='" + wait + "'");
    }

    @Spec(document = "XEP-0124", version = "1.11.2", section = "7.2", level = MUST,
          requirement = "the hold in the session creation response is not greater than the hold the client asked for")
    @Test
    void holdIsNotGreaterThanAsked(Lab lab) {
        BoshHttp.Response response = Bosh.connect(lab).create(Bosh.WAIT, 1, "");

        response.attribute("hold").ifPresent(hold ->
                assertTrue(Integer.parseInt(hold.trim()) <= 1, "asked for hold='1', the manager answered hold='" + hold + "'"));
    }

    @Spec(document = "XEP-0124", version = "1.11.2", section = "7.2", level = MUST,
          requirement = "every session gets its own session id")
    @Test
    void sessionIdsAreUnique(Lab lab) {
        String first = Bosh.connect(lab).create().attribute("sid").orElseThrow();
        String second = Bosh.connect(lab).create().attribute("sid").orElseThrow();

        assertNotEquals(first, second, "two sessions got the same sid");
    }

    @Spec(document = "XEP-0124", version = "1.11.2", section = "7.2", level = SHOULD,
          requirement = "the session creation response also states the protocol version, the shortest polling interval, the longest inactivity and the hold")
    @Test
    void responseStatesVerPollingInactivityAndHold(Lab lab) {
        BoshHttp.Response response = Bosh.connect(lab).create();

        for (String attribute : List.of("ver", "polling", "inactivity", "hold")) {
            assertTrue(response.attribute(attribute).isPresent(), "the session creation response lacks '" + attribute + "': " + response.text());
        }
    }

    @Spec(document = "XEP-0124", version = "1.11.2", section = "7.2", level = SHOULD,
          requirement = "the version in the response is the lower of the client's and the manager's highest version")
    @Test
    void versionIsNotAboveTheClients(Lab lab) {
        Bosh bosh = Bosh.connect(lab);
        BoshHttp.Response response = bosh.post("<body xmlns='" + Bosh.NS + "' rid='" + bosh.takeRid() + "' to='" + lab.domain()
                + "' xml:lang='en' wait='" + Bosh.WAIT + "' hold='1' ver='1.6'/>", java.time.Duration.ofSeconds(Bosh.WAIT));
        bosh.keep(response);

        String ver = response.attribute("ver").orElseThrow(() -> new org.stanzalab.engine.ServerFailure(
                "the session creation response has no 'ver': " + response.text()));
        String[] parts = ver.trim().split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        assertTrue(major < 1 || major == 1 && minor <= 6, "the client asked for ver='1.6', the manager answered ver='" + ver + "'");
    }

    @Spec(document = "XEP-0124", version = "1.11.2", section = "7.1", level = MUST,
          requirement = "without a 'content' attribute in the session request, the manager's responses have the Content-Type text/xml; charset=utf-8")
    @Test
    void responsesAreTextXmlUtf8(Lab lab) {
        Bosh bosh = Bosh.connect(lab);
        BoshHttp.Response creation = bosh.create();
        BoshHttp.Response next = bosh.request("");

        assertContentType(BoshHttp.CONTENT_TYPE, creation, "the session creation response");
        assertContentType(BoshHttp.CONTENT_TYPE, next, "the response to the next request");
    }

    @Spec(document = "XEP-0124", version = "1.11.2", section = "7.1", level = MUST,
          requirement = "a 'content' attribute in the session request sets the Content-Type of all the manager's responses in the session")
    @Test
    void contentAttributeSetsTheResponsesContentType(Lab lab) {
        Bosh bosh = Bosh.connect(lab);
        BoshHttp.Response creation = bosh.create(Bosh.WAIT, 1, " content='text/plain; charset=utf-8'");
        BoshHttp.Response next = bosh.request("");

        assertContentType("text/plain; charset=utf-8", creation, "the session creation response");
        assertContentType("text/plain; charset=utf-8", next, "the response to the next request");
    }

    static void assertContentType(String expected, BoshHttp.Response response, String which) {
        String got = response.contentType().orElse("(none)");
        assertEquals(normal(expected), normal(got), which + " has the Content-Type '" + got + "'");
    }

    /** Media types and parameter names are case-insensitive, and the space after ';' is optional. */
    private static String normal(String contentType) {
        return contentType.toLowerCase(Locale.ROOT).replace(" ", "").replace("\"", "");
    }
}
