package org.stanzalab.suites.xep0054;

import java.util.ArrayList;
import java.util.List;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * vcard-temp spoken over the wire driver, so the test sees the vCard exactly as the server wrote it (Smack's vCard
 * class keeps only the fields it knows).
 */
final class Vcards {
    static final String NS = "vcard-temp";

    private Vcards() {
    }

    /**
     * A bound session of this user over the wire driver; impossible when the server does not list vcard-temp, which
     * XEP-0054 §4 requires of a server that supports it.
     */
    static RawSession login(Lab lab, User user) {
        lab.requireFeature(NS);
        return lab.raw().authenticate(user).bind();
    }

    /** Stores this vCard content (the children of vCard) as the user's own; the reply. */
    static XmlElement set(RawSession session, String to, String content) {
        String id = session.newId("vcard-set");
        return session.request("<iq type='set' id='" + id + "'" + toAttribute(to) + "><vCard xmlns='" + NS + "'>" + content
                + "</vCard></iq>", id);
    }

    /** Stores the user's own vCard as set-up: the server must accept it. */
    static void stored(Lab lab, RawSession session, String content) {
        lab.setUp("storing a vCard", () -> {
            XmlElement reply = set(session, null, content);
            if (!Stanzas.hasType(reply, "result")) {
                throw new AssertionError("the vCard set was answered with " + Stanzas.describe(reply));
            }
        });
        // the account is removed at the end of the test; a reused configured account gets an empty vCard back
        lab.cleanup("the vCard of " + session.jid(), () -> set(session, null, ""));
    }

    /** Asks for a vCard (to null: one's own); the reply. */
    static XmlElement get(RawSession session, String to) {
        String id = session.newId("vcard-get");
        return session.request("<iq type='get' id='" + id + "'" + toAttribute(to) + "><vCard xmlns='" + NS + "'/></iq>", id);
    }

    /** The vCard element of a result; a result without one fails. */
    static XmlElement vcardOf(XmlElement result) {
        return result.child("vCard", NS).orElseThrow(() -> new ServerFailure(
                "the result carries no <vCard xmlns='" + NS + "'/>: " + result.toXml()));
    }

    private static String toAttribute(String to) {
        return to == null ? "" : " to='" + XmlEscape.attribute(to) + "'";
    }

    /**
     * The fields of {@code stored} that {@code returned} lacks or holds with other text: each leaf element is named by
     * its path ("N/GIVEN") and compared by its trimmed text. Extra fields the server adds are not counted.
     */
    static List<String> missingFields(XmlElement stored, XmlElement returned) {
        List<String> wanted = new ArrayList<>();
        leaves(stored, "", wanted);
        List<String> got = new ArrayList<>();
        leaves(returned, "", got);
        List<String> missing = new ArrayList<>();
        for (String leaf : wanted) {
            if (!got.remove(leaf)) {
                missing.add(leaf);
            }
        }
        return missing;
    }

    private static void leaves(XmlElement element, String path, List<String> out) {
        for (XmlElement child : element.children()) {
            String childPath = path.isEmpty() ? child.name() : path + "/" + child.name();
            if (child.children().isEmpty()) {
                out.add(childPath + "=" + child.text().replaceAll("\\s+", ""));
            } else {
                leaves(child, childPath, out);
            }
        }
    }

    /** The vCard element built from content, for comparison. */
    static XmlElement parse(String content) {
        try {
            return XmlElement.parse("<vCard xmlns='" + NS + "'>" + content + "</vCard>");
        } catch (org.stanzalab.wire.WireProtocolException e) {
            throw new IllegalStateException(e);
        }
    }
}
