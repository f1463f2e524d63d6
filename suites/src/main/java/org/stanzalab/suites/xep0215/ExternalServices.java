package org.stanzalab.suites.xep0215;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.XmlElement;

/** XEP-0215 External Service Discovery, asked of the user's own server. */
@StanzalabTest
class ExternalServices {
    /** The two kinds of service the XEP-0479 A/V suite asks a server to point its users to. */
    enum ServiceType { STUN, TURN }

    @Spec(document = "XEP-0215", version = "1.0.0", section = "2", level = SHOULD,
          requirement = "a server that supports external service discovery answers a request for all services with the list of the services it knows")
    @Test
    void requestForAllServicesIsAnsweredWithTheList(Lab lab) {
        lab.requireFeature(Extdisco.NS);
        RawSession alice = Extdisco.session(lab);

        XmlElement reply = Extdisco.requestServices(lab, alice, null);

        List<XmlElement> services = Extdisco.services(reply, "a request for all services");
        lab.transcript().note("xep0215", services.size() + " services listed");
    }

    @Spec(document = "XEP-0215", version = "1.0.0", section = "2", level = MUST,
          requirement = "every listed service names its host and its registered type")
    @Test
    void everyServiceNamesHostAndType(Lab lab) {
        RawSession alice = Extdisco.session(lab);

        List<XmlElement> services = Extdisco.requireServices(lab, alice);

        for (XmlElement service : services) {
            assertFalse(service.attribute("host").orElse("").isBlank(), "a service without host: " + Extdisco.describe(service));
            assertFalse(service.attribute("type").orElse("").isBlank(), "a service without type: " + Extdisco.describe(service));
        }
    }

    @Spec(document = "XEP-0215", version = "1.0.0", section = "2", level = SHOULD,
          requirement = "every listed service gives the port and the transport protocol to use")
    @Test
    void everyServiceGivesPortAndTransport(Lab lab) {
        RawSession alice = Extdisco.session(lab);

        List<XmlElement> services = Extdisco.requireServices(lab, alice);

        for (XmlElement service : services) {
            String port = service.attribute("port").orElse("");
            assertTrue(port.matches("[0-9]{1,5}") && Integer.parseInt(port) > 0 && Integer.parseInt(port) <= 65535,
                    "a service without a valid port: " + Extdisco.describe(service));
            assertFalse(service.attribute("transport").orElse("").isBlank(), "a service without transport: " + Extdisco.describe(service));
        }
    }

    @Spec(document = "XEP-0215", version = "1.0.0", section = "2", level = SHOULD,
          requirement = "asked for services of one type (XEP-0215 §3.2), the server lists its services of that type and no others")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServiceType.class)
    void requestForOneTypeListsOnlyThatType(ServiceType serviceType, Lab lab) {
        String type = serviceType.name().toLowerCase(java.util.Locale.ROOT);
        RawSession alice = Extdisco.session(lab);
        List<XmlElement> all = Extdisco.requireServices(lab, alice);
        List<String> expected = all.stream().filter(s -> type.equals(s.attribute("type").orElse(null)))
                .map(ExternalServices::address).sorted().toList();
        lab.requireThat(!expected.isEmpty(), "the server lists no service of type " + type);

        XmlElement reply = Extdisco.requestServices(lab, alice, type);

        List<XmlElement> listed = Extdisco.services(reply, "a request for services of type " + type);
        for (XmlElement service : listed) {
            assertEquals(type, service.attribute("type").orElse(null), "a service of another type in the answer to type " + type
                    + ": " + Extdisco.describe(service));
        }
        assertEquals(expected, listed.stream().map(ExternalServices::address).sorted().toList(),
                "the " + type + " services listed for the typed request, against those in the full list");
    }

    @Spec(document = "XEP-0215", version = "1.0.0", section = "3.3", level = MAY,
          requirement = "asked for credentials for a listed service that needs them, the server hands out a username and password")
    @Test
    void credentialsForRestrictedServiceAreHandedOut(Lab lab) {
        RawSession alice = Extdisco.session(lab);
        List<XmlElement> restricted = Extdisco.requireServices(lab, alice).stream()
                .filter(s -> "true".equals(s.attribute("restricted").orElse(null)) || "1".equals(s.attribute("restricted").orElse(null)))
                .toList();
        lab.requireThat(!restricted.isEmpty(), "the server lists no restricted service (restricted='true')");

        for (XmlElement service : restricted) {
            XmlElement reply = Extdisco.requestCredentials(lab, alice, service);
            assertEquals("result", reply.attribute("type").orElse(""), "answer to a request for credentials of "
                    + address(service) + ": " + reply.toXml());
            List<XmlElement> given = reply.child("credentials", Extdisco.NS).map(c -> c.children("service", Extdisco.NS))
                    .orElseThrow(() -> new ServerFailure("the result carries no <credentials xmlns='" + Extdisco.NS
                            + "'/>, the element the XEP's answer to a credentials request has: " + reply.toXml()));
            assertFalse(given.isEmpty(), "the credentials result lists no service: " + reply.toXml());
            for (XmlElement credential : given) {
                assertFalse(credential.attribute("username").orElse("").isEmpty(), "no username in " + Extdisco.describe(credential));
                assertFalse(credential.attribute("password").orElse("").isEmpty(), "no password in " + Extdisco.describe(credential));
                Optional<Instant> expires = credential.attribute("expires").map(ExternalServices::utcInstant);
                expires.ifPresent(at -> assertTrue(at.isAfter(Instant.now()), "credentials handed out already expired: "
                        + Extdisco.describe(credential)));
            }
        }
    }

    @Spec(document = "XEP-0215", version = "1.0.0", section = "2", level = MUST,
          requirement = "an expiry given with credentials is an XEP-0082 date and time in UTC")
    @Test
    void credentialExpiryIsUtcDateTime(Lab lab) {
        RawSession alice = Extdisco.session(lab);
        List<XmlElement> all = Extdisco.requireServices(lab, alice);
        List<XmlElement> withExpiry = new ArrayList<>(all.stream().filter(s -> s.attribute("expires").isPresent()).toList());
        // Restricted services get their credentials (and expiry) on request.
        for (XmlElement service : all.stream().filter(s -> s.attribute("restricted").isPresent()).toList()) {
            XmlElement reply = Extdisco.requestCredentials(lab, alice, service);
            reply.child("credentials", Extdisco.NS).stream().flatMap(c -> c.children("service", Extdisco.NS).stream())
                    .filter(s -> s.attribute("expires").isPresent()).forEach(withExpiry::add);
        }
        lab.requireThat(!withExpiry.isEmpty(), "no listed service or credential carries an expiry");

        for (XmlElement service : withExpiry) {
            utcInstant(service.attribute("expires").orElseThrow());
        }
    }

    @Spec(document = "XEP-0215", version = "1.0.0", section = "5", level = MUST,
          requirement = "a server that answers external service requests lists urn:xmpp:extdisco:2 in its disco#info")
    @Test
    void answeringServerAdvertisesExtdisco(Lab lab) {
        RawSession alice = Extdisco.session(lab);
        XmlElement reply = Extdisco.requestServices(lab, alice, null);
        lab.requireThat("result".equals(reply.attribute("type").orElse("")), "the server does not answer <services/> requests");

        assertTrue(lab.serverInfo().containsFeature(Extdisco.NS),
                "the server answered a <services/> request but its disco#info lacks " + Extdisco.NS);
    }

    private static String address(XmlElement service) {
        return Stream.of("type", "host", "port", "transport").map(a -> service.attribute(a).orElse("-"))
                .reduce((a, b) -> a + " " + b).orElse("");
    }

    /** XEP-0082 DateTime, which must be in UTC ('Z' or a zero offset); fails the test otherwise. */
    private static Instant utcInstant(String text) {
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new ServerFailure("expires='" + text + "' is not an XEP-0082 DateTime with a time zone");
        }
        if (!at.getOffset().equals(ZoneOffset.UTC)) {
            throw new ServerFailure("expires='" + text + "' is not expressed in UTC");
        }
        return at.toInstant();
    }
}
