package org.stanzalab.suites.xep0163;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * A client's entity capabilities (XEP-0115) as PEP's filtered notifications read them (XEP-0163 §4.2): available
 * presence with a caps hash, and the answer to the server's disco#info query for that hash. Every announcement adds a
 * feature of its own, so its hash is new to the server and the server has to ask: no test rides on a hash an earlier
 * test taught it.
 */
public final class Caps {
    public static final String NS = "http://jabber.org/protocol/caps";
    static final String NODE = "https://stanzalab.org/caps";
    private static final String IDENTITY = "client/pc//Stanzalab";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    private Caps() {
    }

    /** "NODE+notify", the feature that asks for notifications of a node (XEP-0163 §4.2). */
    public static String notify(String node) {
        return node + "+notify";
    }

    /** The verification string of XEP-0115 §5.1 (sha-1) for our identity and these features. */
    static String ver(List<String> features) {
        List<String> sorted = new ArrayList<>(features);
        sorted.sort(null);
        StringBuilder s = new StringBuilder(IDENTITY).append('<');
        sorted.forEach(f -> s.append(f).append('<'));
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends available presence with caps for these features (plus disco#info and one feature unique to this call) and
     * answers the server's disco#info query for them. Returns once that is done and the server has processed it; a
     * server that does not ask within the reply timeout is left to do without (the test then shows what it did).
     */
    public static List<String> announce(RawSession session, List<String> features) {
        List<String> all = new ArrayList<>(features);
        all.add(DISCO_INFO);
        all.add("urn:stanzalab:test:caps:" + UUID.randomUUID().toString().substring(0, 8));
        announceExactly(session, all, true);
        return all;
    }

    /**
     * Sends the caps of an earlier {@link #announce} again, from another resource: the server knows the hash now, so it
     * need not ask. A query that comes all the same, before the server has answered a ping, is answered.
     */
    public static void announceAgain(RawSession session, List<String> announced) {
        announceExactly(session, announced, false);
    }

    private static void announceExactly(RawSession session, List<String> all, boolean newHash) {
        String ver = ver(all);
        String node = NODE + "#" + ver;
        session.send("<presence><c xmlns='" + NS + "' hash='sha-1' node='" + NODE + "' ver='" + ver + "'/></presence>");
        java.util.function.Predicate<XmlElement> isQuery = e -> Stanzas.isStanza(e, "iq") && Stanzas.hasType(e, "get")
                && e.child("query", DISCO_INFO).flatMap(q -> q.attribute("node")).filter(node::equals).isPresent();
        // The server may ask more than once: for the user's own PEP service and for each contact's that receives this
        // presence (Prosody asks from each account's bare JID). Every query is answered, each once.
        if (newHash) {
            session.await("the server's disco#info query for our caps " + ver, isQuery);
        }
        java.util.Set<String> answered = new java.util.HashSet<>();
        while (true) {
            session.sync();
            List<XmlElement> open = session.received().stream().filter(isQuery)
                    .filter(q -> !answered.contains(q.attribute("from").orElse("") + "|" + q.attribute("id").orElse(""))).toList();
            if (open.isEmpty()) {
                break;
            }
            open.forEach(q -> {
                answered.add(q.attribute("from").orElse("") + "|" + q.attribute("id").orElse(""));
                answer(session, q, node, all);
            });
        }
    }

    private static void answer(RawSession session, XmlElement q, String node, List<String> all) {
        StringBuilder answer = new StringBuilder("<iq type='result' id='").append(XmlEscape.attribute(q.attribute("id").orElse("")))
                .append("'").append(q.attribute("from").map(f -> " to='" + XmlEscape.attribute(f) + "'").orElse(""))
                .append("><query xmlns='").append(DISCO_INFO).append("' node='").append(XmlEscape.attribute(node))
                .append("'><identity category='client' type='pc' name='Stanzalab'/>");
        all.forEach(f -> answer.append("<feature var='").append(XmlEscape.attribute(f)).append("'/>"));
        session.send(answer.append("</query></iq>").toString());
    }
}
