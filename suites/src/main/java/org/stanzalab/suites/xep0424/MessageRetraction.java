package org.stanzalab.suites.xep0424;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0160.Archive;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.suites.xep0160.Route;
import org.stanzalab.suites.xep0160.Storage;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0424 Message Retraction as the server handles it: a retraction is carried unchanged like any message
 * (RFC 6120 §8.4), kept for an offline recipient (XEP-0160 §3), and an archive that knows retractions stores them
 * (§5); one that only follows XEP-0313 archives the retraction for its fallback body.
 */
@StanzalabTest
class MessageRetraction {
    static final String NS = "urn:xmpp:message-retract:1";
    private static final String ORIGINAL = "<message type='chat' id='%s' to='%s'><body>sent to the wrong person</body></message>";
    /** A retraction as §3 shows it: the retract element, a fallback body marked as such, and a store hint. */
    private static final String RETRACTION = "<message type='chat' id='%s' to='%s'><retract xmlns='" + NS + "' id='%s'/>"
            + "<fallback xmlns='urn:xmpp:fallback:0' for='" + NS + "'/>"
            + "<body>/me retracted a previous message, but it's unsupported by your client.</body>"
            + "<store xmlns='urn:xmpp:hints'/></message>";

    private static String retractionOf(String originalId) {
        return RETRACTION.replace("id='%s'/>", "id='" + originalId + "'/>");
    }

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "a retraction (XEP-0424) is delivered to the online recipient with its retract element, the id "
                  + "it names, its fallback and hint unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Route.Address.class)
    void retractionIsDeliveredUnchanged(Route.Address address, Lab lab) {
        Route route = Route.open(lab);
        String original = route.carry(ORIGINAL, address, "the message to retract").attribute("id").orElseThrow();

        route.carry(retractionOf(original), address, "the retraction of " + original);
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "3", level = SHOULD,
          requirement = "a retraction sent to an offline user is kept and handed over with its retract element intact")
    @Test
    void retractionIsKeptForOfflineRecipient(Lab lab) {
        Storage.expectKeptUnchanged(lab, retractionOf("orig-1"), "the retraction");
    }

    /** Whose archive is read: the sender's or the recipient's. */
    enum Owner {
        SENDER("sender"),
        RECIPIENT("recipient");

        private final String key;

        Owner(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @FreshAccounts("the archive must hold only what this test sent")
    @Spec(document = "XEP-0424", version = "0.4.2", section = "5", level = MUST,
          requirement = "a server that knows message retractions (it advertises them) stores the retraction in the "
                  + "archive, whether or not it removes the original")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Owner.class)
    void retractionIsArchivedByRetractionAwareServer(Owner owner, Lab lab) {
        Route route = Route.open(lab);
        RawSession archiveOwner = owner == Owner.SENDER ? route.sender() : route.recipient();
        Archive.require(lab, archiveOwner);
        lab.requireThat(Archive.accountFeatures(archiveOwner).contains(NS) || lab.serverInfo().containsFeature(NS),
                "the server does not advertise " + NS + ", so it does not claim to archive retractions (XEP-0424 §2)");

        XmlElement retraction = retractAndRead(route);
        String retractionId = retraction.attribute("id").orElseThrow();

        assertArchived(route, archiveOwner, retractionId);
    }

    @FreshAccounts("the archive must hold only what this test sent")
    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.1.1", level = SHOULD,
          requirement = "a retraction sent as a chat message with a fallback body is archived like any chat message "
                  + "with a body, by an archive that does not know retractions too")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Owner.class)
    void retractionWithFallbackBodyIsArchived(Owner owner, Lab lab) {
        Route route = Route.open(lab);
        RawSession archiveOwner = owner == Owner.SENDER ? route.sender() : route.recipient();
        Archive.require(lab, archiveOwner);

        XmlElement retraction = retractAndRead(route);
        String retractionId = retraction.attribute("id").orElseThrow();

        assertArchived(route, archiveOwner, retractionId);
    }

    /** Alice sends a message and retracts it; Bob has both. Returns the retraction as Bob got it. */
    private static XmlElement retractAndRead(Route route) {
        String original = route.carry(ORIGINAL, Route.Address.BARE, "the message to retract").attribute("id").orElseThrow();
        return route.carry(retractionOf(original), Route.Address.BARE, "the retraction of " + original);
    }

    private static void assertArchived(Route route, RawSession owner, String retractionId) {
        RawSession other = owner == route.sender() ? route.recipient() : route.sender();
        List<XmlElement> archived = Archive.messagesWith(owner, other.user().jid().toString());
        assertTrue(archived.stream().anyMatch(m -> Stanzas.hasId(m, retractionId) && m.hasChild("retract", NS)),
                "the archive of " + owner.user().jid() + " lacks the retraction '" + retractionId + "'; it holds: "
                        + archived.stream().map(Offline::shown).toList());
    }
}
