package org.stanzalab.suites.xep0215;

import java.util.List;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/** Requests of XEP-0215 to the user's own server, written on the wire so the test sees every attribute as sent. */
final class Extdisco {
    static final String NS = "urn:xmpp:extdisco:2";

    private Extdisco() {
    }

    /** A logged-in raw session of a fresh user. */
    static RawSession session(Lab lab) {
        return lab.raw().authenticate(lab.newUser()).bind();
    }

    /** Sends {@code <services/>} (of one type, or all when null) to the server; returns the reply, result or error. */
    static XmlElement requestServices(Lab lab, RawSession session, String typeOrNull) {
        String id = session.newId("services");
        return session.request("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(lab.domain()) + "'><services xmlns='"
                + NS + "'" + (typeOrNull == null ? "" : " type='" + XmlEscape.attribute(typeOrNull) + "'") + "/></iq>", id);
    }

    /** The services of a result reply; an error reply fails the test. */
    static List<XmlElement> services(XmlElement reply, String what) {
        if (!"result".equals(reply.attribute("type").orElse(""))) {
            throw new ServerFailure("the server answered " + what + " with an error instead of its list of services: " + reply.toXml());
        }
        XmlElement services = reply.child("services", NS).orElseThrow(() -> new ServerFailure(
                "the result to " + what + " carries no <services xmlns='" + NS + "'/>: " + reply.toXml()));
        return services.children("service", NS);
    }

    /** All the services the server lists; the test is impossible when it lists none (it may know of none). */
    static List<XmlElement> requireServices(Lab lab, RawSession session) {
        lab.requireFeature(NS);
        List<XmlElement> all = services(requestServices(lab, session, null), "a request for all services");
        lab.requireThat(!all.isEmpty(), "the server knows of no external service, so there is nothing to check");
        return all;
    }

    /** Asks for credentials for the service at this host and of this type (and port, when the listing gave one). */
    static XmlElement requestCredentials(Lab lab, RawSession session, XmlElement service) {
        String id = session.newId("credentials");
        String port = service.attribute("port").map(p -> " port='" + XmlEscape.attribute(p) + "'").orElse("");
        return session.request("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(lab.domain()) + "'><credentials xmlns='"
                + NS + "'><service host='" + XmlEscape.attribute(service.attribute("host").orElse("")) + "' type='"
                + XmlEscape.attribute(service.attribute("type").orElse("")) + "'" + port + "/></credentials></iq>", id);
    }

    static String describe(XmlElement service) {
        return service.toXml().replaceAll("password='[^']*'", "password='[redacted]'")
                .replaceAll("password=\"[^\"]*\"", "password=\"[redacted]\"");
    }
}
