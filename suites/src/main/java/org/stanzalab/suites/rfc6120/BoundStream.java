package org.stanzalab.suites.rfc6120;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** A raw stream with a resource bound, and the full JID the server bound it to. */
record BoundStream(RawClient client, User user, String jid) {
    private static final Duration QUIET = Duration.ofMillis(1500);

    /** Authenticates, binds a resource the server picks, and (for {@code available}) sends initial presence. */
    static BoundStream of(Lab lab, User user, boolean available) {
        RawClient client = RawClient.authenticated(lab, user);
        BoundStream stream = new BoundStream(client, user, client.bindResource(null));
        if (available) {
            client.send("<presence/>");
            client.sync();
        }
        return stream;
    }

    String bareJid() {
        return user.jid().toString();
    }

    void send(String xml) {
        client.send(xml);
    }

    String newId(String purpose) {
        return client.newId(purpose);
    }

    XmlElement expect(String what, Predicate<XmlElement> wanted) {
        return client.expectElement(what, wanted);
    }

    /** A stanza with this id, if it arrived within a quiet period; empty if none did. */
    Optional<XmlElement> arrivalWithin(Predicate<XmlElement> wanted, String what) {
        try {
            return Optional.of(client.wire().expect(wanted, what, QUIET));
        } catch (WireTimeoutException e) {
            return Optional.empty();
        } catch (WireException e) {
            throw new TestError("could not watch " + user.role() + "'s stream: " + e.getMessage(), e);
        }
    }

    List<XmlElement> received() {
        return client.receivedSoFar();
    }

    /** Elements received so far that carry this id. */
    List<XmlElement> receivedWithId(String id) {
        return received().stream().filter(e -> e.attribute("id").orElse("").equals(id)).toList();
    }

    static boolean isStanza(XmlElement element, String name) {
        return element.is(name, XmppNamespaces.CLIENT);
    }

    static boolean hasId(XmlElement element, String id) {
        return element.attribute("id").orElse("").equals(id);
    }

    /** The same element as far as XML namespaces go: prefixes and whitespace-only text may differ. */
    static boolean sameContent(XmlElement a, XmlElement b) {
        if (!a.name().equals(b.name()) || !a.namespace().equals(b.namespace()) || !a.attributes().equals(b.attributes())
                || !a.text().strip().equals(b.text().strip())) {
            return false;
        }
        List<XmlElement> left = a.children();
        List<XmlElement> right = b.children();
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!sameContent(left.get(i), right.get(i))) {
                return false;
            }
        }
        return true;
    }
}
