package org.stanzalab.suites.xep0249;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0160.Route;
import org.stanzalab.suites.xep0160.Storage;

/**
 * XEP-0249 Direct MUC Invitations: a user invites a contact with a message holding only an
 * {@code <x xmlns='jabber:x:conference'/>}. XEP-0249 gives the server no rule of its own: its duty is RFC 6121's
 * routing (§8.5) and RFC 6120 §8.4 (extended content passed on unchanged), and XEP-0160 for a contact who is offline.
 * The tests check that the invitation, with every attribute §2 defines, arrives as it was sent.
 */
@StanzalabTest
class DirectInvitations {
    private static final String NS = "jabber:x:conference";
    private static final String ROOM = "darkcave@conference.example.org";

    /** Invitations with the attributes of §2: the jid alone, with password, with reason, continuing a chat, all. */
    enum Invitation {
        jidOnly("<x xmlns='" + NS + "' jid='" + ROOM + "'/>"),
        withPassword("<x xmlns='" + NS + "' jid='" + ROOM + "' password='cauldron &amp; burn'/>"),
        withReason("<x xmlns='" + NS + "' jid='" + ROOM + "' reason='Hey, this is the place &lt;for&gt; witches!'/>"),
        continuingAChat("<x xmlns='" + NS + "' jid='" + ROOM + "' continue='true' thread='e0ffe42b28561960c6b12b944a092794b9683a38'/>"),
        everyAttribute("<x xmlns='" + NS + "' continue='1' jid='" + ROOM + "' password='cauldronburn' reason='all of it' thread='t-4711'/>");

        final String x;

        Invitation(String x) {
            this.x = x;
        }

        /** The message as the inviter sends it (%s id, %s to), without a type, as §2 shows it. */
        String template() {
            return "<message id='%s' to='%s'>" + x + "</message>";
        }
    }

    /** One invitation to one kind of address. */
    record Sent(String key, Invitation invitation, Route.Address address) {
        @Override
        public String toString() {
            return key;
        }
    }

    static List<Sent> online() {
        List<Sent> cases = new ArrayList<>();
        for (Invitation invitation : Invitation.values()) {
            for (Route.Address address : Route.Address.values()) {
                cases.add(new Sent(invitation.name() + "-" + address, invitation, address));
            }
        }
        return cases;
    }

    @Spec(document = "XEP-0249", version = "1.2", section = "2", level = MUST,
          requirement = "a direct invitation (its required jid and the optional password, reason, continue and thread) reaches the online invitee at the full or bare JID unchanged")
    @ParameterizedTest(name = "{0}")
    @MethodSource("online")
    void invitationIsDeliveredUnchanged(Sent sent, Lab lab) {
        Route route = Route.open(lab);

        route.carry(sent.invitation().template(), sent.address(), "the direct invitation (" + sent.invitation() + ")");
    }

    /** Invitations kept for an offline invitee: the plain one and one with every attribute. */
    enum Kept {
        jidOnly(Invitation.jidOnly),
        everyAttribute(Invitation.everyAttribute);

        final Invitation invitation;

        Kept(Invitation invitation) {
            this.invitation = invitation;
        }
    }

    @Spec(document = "XEP-0249", version = "1.2", section = "2", level = SHOULD,
          requirement = "a direct invitation to an offline invitee is kept like any normal message (XEP-0160) and handed over at the next initial presence unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Kept.class)
    void invitationIsKeptForOfflineInvitee(Kept kept, Lab lab) {
        Storage.expectKeptUnchanged(lab, kept.invitation.template(), "the direct invitation (" + kept + ")");
    }
}
