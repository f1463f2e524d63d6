package org.stanzalab.suites.xep0160;

import java.util.List;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * A user's own message archive (XEP-0313), read over the wire driver, for the suites that check what is archived
 * (retractions, the store hint).
 */
public final class Archive {
    public static final String MAM = "urn:xmpp:mam:2";
    private static final String FORWARD = "urn:xmpp:forward:0";

    private Archive() {
    }

    /** The features the account's bare JID advertises (XEP-0030), where a user archive is announced. */
    public static List<String> accountFeatures(RawSession owner) {
        String id = owner.newId("disco");
        XmlElement reply = owner.request("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(owner.user().jid().toString())
                + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>", id);
        return reply.child("query", "http://jabber.org/protocol/disco#info").stream()
                .flatMap(q -> q.children("feature", "http://jabber.org/protocol/disco#info").stream())
                .map(f -> f.attribute("var").orElse("")).toList();
    }

    /** Ends the test as impossible unless the account has an archive. */
    public static void require(Lab lab, RawSession owner) {
        lab.requireThat(accountFeatures(owner).contains(MAM), "no " + MAM + " in disco#info of " + owner.user().jid()
                + ": the account has no message archive");
    }

    /** The archived messages exchanged with {@code with}, oldest first, as the archive returns them. */
    public static List<XmlElement> messagesWith(RawSession owner, String with) {
        String id = owner.newId("mam");
        String queryId = owner.newId("query");
        owner.forget();
        XmlElement reply = owner.request("<iq type='set' id='" + id + "'><query xmlns='" + MAM + "' queryid='" + queryId + "'>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>" + MAM + "</value></field>"
                + "<field var='with'><value>" + XmlEscape.text(with) + "</value></field></x></query></iq>", id);
        if (!Stanzas.hasType(reply, "result")) {
            throw new ServerFailure("the archive query was refused: " + Stanzas.describe(reply));
        }
        // XEP-0313 §4.2: the results come before the IQ result that ends the query.
        return owner.received().stream().filter(e -> Stanzas.isStanza(e, "message"))
                .flatMap(e -> e.children("result", MAM).stream())
                .filter(r -> queryId.equals(r.attribute("queryid").orElse(null)))
                .flatMap(r -> r.children("forwarded", FORWARD).stream())
                .flatMap(f -> f.children("message", "jabber:client").stream())
                .toList();
    }
}
