package org.stanzalab.suites.federation.rfc6121;

import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFrom;

import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.suites.rfc6121.ContactPair;
import org.stanzalab.suites.rfc6121.SubscriptionState;

/**
 * Extension elements a user puts in her presence, each with content that only survives if carried whole: XEP-0107
 * mood, XEP-0108 activity and XEP-0080 location as their payloads are written (those XEPs now publish them by PEP,
 * but a presence may carry any extension, RFC 6120 §8.4), and one of a namespace nobody knows. Smack may parse the
 * known ones into its own classes; what is compared is each element name and text of the payload, found again in
 * what arrived.
 */
enum PresencePayloads {
    CUSTOM(StandardExtensionElement.builder("lab", "urn:stanzalab:test:presence-payload:0").addAttribute("kind", "custom-7f3a")
            .addElement("item", "first item 7f3a")
            .addElement(StandardExtensionElement.builder("nested", "urn:stanzalab:test:nested:0").addElement("deep", "deep text 7f3a").build())
            .build(),
            List.of("custom-7f3a", "first item 7f3a", "urn:stanzalab:test:nested:0", "deep", "deep text 7f3a")),
    MOOD(StandardExtensionElement.builder("mood", "http://jabber.org/protocol/mood")
            .addElement(StandardExtensionElement.builder("happy", "http://jabber.org/protocol/mood").build())
            .addElement("text", "mood text 7f3a").build(),
            List.of("happy", "mood text 7f3a")),
    ACTIVITY(StandardExtensionElement.builder("activity", "http://jabber.org/protocol/activity")
            .addElement(StandardExtensionElement.builder("relaxing", "http://jabber.org/protocol/activity")
                    .addElement(StandardExtensionElement.builder("reading", "http://jabber.org/protocol/activity").build()).build())
            .addElement("text", "activity text 7f3a").build(),
            List.of("relaxing", "reading", "activity text 7f3a")),
    LOCATION(StandardExtensionElement.builder("geoloc", "http://jabber.org/protocol/geoloc")
            .addElement("lat", "45.44").addElement("lon", "12.34").addElement("locality", "Venice")
            .addElement("text", "location text 7f3a").build(),
            List.of("45.44", "12.34", "Venice", "location text 7f3a"));

    private final StandardExtensionElement element;
    private final List<String> content;

    PresencePayloads(StandardExtensionElement element, List<String> content) {
        this.element = element;
        this.content = content;
    }

    StandardExtensionElement element() {
        return element;
    }

    /** Fails unless the presence holds this payload's element with every name and text of its content. */
    void assertCarried(Presence presence, String where) {
        ExtensionElement found = presence.getExtensionElement(element.getElementName(), element.getNamespace());
        if (found == null) {
            throw new ServerFailure("the <" + element.getElementName() + " xmlns='" + element.getNamespace() + "'/> element is missing "
                    + where + ": " + presence.toXML());
        }
        String xml = found.toXML().toString();
        List<String> missing = content.stream().filter(part -> !xml.contains(part)).toList();
        if (!missing.isEmpty()) {
            throw new ServerFailure("the <" + element.getElementName() + "/> element arrived changed " + where + ": " + missing
                    + " missing; sent " + element.toXML() + ", received " + xml);
        }
    }

    /** Alice (home) sends a presence with this payload; bob (away), subscribed to her, must receive it whole. */
    static void expectCarriedToRemoteSubscriber(Crossing crossing, Lab lab, PresencePayloads payload) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);
        String status = "with a " + payload.name().toLowerCase(java.util.Locale.ROOT) + " payload";

        pair.alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setStatus(status).addExtension(payload.element).build());

        Presence seen = pair.bob.expectPresence("the presence of " + pair.alice.jid() + " " + status,
                ofTypeFrom(Presence.Type.available, pair.alice.jid()).and(p -> status.equals(p.getStatus())));
        payload.assertCarried(seen, "in the presence delivered to the remote contact " + pair.bob.jid());
    }
}
