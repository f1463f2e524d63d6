package org.stanzalab.suites.xep0357;

import static org.stanzalab.engine.raw.Stanzas.hasType;
import static org.stanzalab.engine.raw.Stanzas.isStanza;

import java.util.List;
import java.util.function.Predicate;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * The app server's XMPP push service, played by the test: a bound stream of a test account, whose full JID is the
 * service JID the user enables. XEP-0357 asks nothing more of the service than a pubsub service's answer to a
 * publish, so the test answers each publish itself (result, or an error where the test says so).
 */
final class AppServer {
    private final RawSession stream;
    /** Ids of the publishes already answered: each gets one answer. */
    private final java.util.Set<String> answered = new java.util.HashSet<>();

    private AppServer(RawSession stream) {
        this.stream = stream;
    }

    static AppServer start(Lab lab, User account) {
        return new AppServer(lab.raw().authenticate(account).bind());
    }

    /** The service JID: this stream's full JID. */
    String jid() {
        return stream.jid();
    }

    RawSession stream() {
        return stream;
    }

    /** A pubsub publish IQ-set to this node (§7). */
    static Predicate<XmlElement> publishTo(String node) {
        return e -> isStanza(e, "iq") && hasType(e, "set") && e.child("pubsub", Push.PUBSUB)
                .flatMap(p -> p.child("publish", Push.PUBSUB)).map(p -> node.equals(p.attribute("node").orElse(null)))
                .orElse(false);
    }

    /** Waits for the server's publish to this node and answers it with a result; fails if none comes. */
    XmlElement expectNotification(String node, String when) {
        return expectNotification(node, when, null);
    }

    /** Like {@link #expectNotification(String, String)}, answering with an error of this condition if not null. */
    XmlElement expectNotification(String node, String when, String errorCondition) {
        XmlElement iq = stream.expect("a push notification published to node '" + node + "' " + when
                + " (XEP-0357 §7: an IQ-set with <pubsub><publish node='" + node + "'/>)", publishTo(node));
        answer(iq, errorCondition);
        return iq;
    }

    /**
     * Which publishes to these nodes the server sent up to now: pings the server first, so whatever it sent this service
     * before it read the ping is here (RFC 6120 §10.1); each is answered with a result.
     */
    List<XmlElement> notificationsSoFar(String... nodes) {
        stream.sync();
        List<XmlElement> found = stream.received().stream()
                .filter(e -> java.util.Arrays.stream(nodes).anyMatch(node -> publishTo(node).test(e))).toList();
        found.stream().filter(iq -> !answered.contains(iq.attribute("id").orElse(""))).forEach(iq -> answer(iq, null));
        return found;
    }

    /** Answers a publish with a result, or with an error of this condition (type cancel) if not null. */
    void answer(XmlElement iq, String errorCondition) {
        answered.add(iq.attribute("id").orElse(""));
        String id = XmlEscape.attribute(iq.attribute("id").orElse(""));
        String to = XmlEscape.attribute(iq.attribute("from").orElse(""));
        stream.send(errorCondition == null ? "<iq type='result' id='" + id + "' to='" + to + "'/>"
                : "<iq type='error' id='" + id + "' to='" + to + "'><error type='cancel'><" + errorCondition
                        + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    }

    /** The {@code <notification/>} inside a publish, checked against the shape §7 gives it. */
    static XmlElement notification(XmlElement publishIq, String node) {
        XmlElement publish = publishIq.child("pubsub", Push.PUBSUB).flatMap(p -> p.child("publish", Push.PUBSUB))
                .orElseThrow();
        XmlElement item = publish.child("item", Push.PUBSUB).orElseThrow(() -> new ServerFailure("the publish to node '"
                + node + "' has no <item/> (XEP-0357 §7: the notification is the item's payload): " + publishIq.toXml()));
        return item.child("notification", Push.NS).orElseThrow(() -> new ServerFailure("the published item carries no "
                + "<notification xmlns='" + Push.NS + "'/> (XEP-0357 §7): " + publishIq.toXml()));
    }

    /** The secret of the publish-options form of a publish, if it has one. */
    static java.util.Optional<String> publishedSecret(XmlElement publishIq) {
        return publishIq.child("pubsub", Push.PUBSUB).flatMap(p -> p.child("publish-options", Push.PUBSUB))
                .flatMap(o -> o.child("x", Push.DATA))
                .filter(x -> Push.field(x, "FORM_TYPE").map(Push.PUBLISH_OPTIONS::equals).orElse(false))
                .flatMap(x -> Push.field(x, "secret"));
    }
}
