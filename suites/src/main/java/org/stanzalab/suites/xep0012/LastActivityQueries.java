package org.stanzalab.suites.xep0012;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.iqlast.packet.LastActivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzaXml;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0012 Last Activity: the server's uptime, a user's last activity for those who may see the user's presence, and
 * forbidden for everyone else. Smack's sessions answer last-activity requests themselves (its LastActivityManager),
 * so a request the server wrongly passes on to the user comes back as a result.
 */
@StanzalabTest
@FreshAccounts("the account's last activity must be this test's")
class LastActivityQueries {
    private static final String VERSION = "2.0";
    private static final String NS = "jabber:iq:last";
    /** How long a test takes at most, so "seconds since logout" has an upper bound. */
    private static final long PLAUSIBLE_SECONDS = 300;

    @Spec(document = "XEP-0012", version = VERSION, section = "2", level = MUST,
          requirement = "a last activity query to the server is answered; a result carries a 'seconds' attribute"
                  + " (the server's uptime)")
    @Test
    void serverUptimeResultCarriesSeconds(Lab lab) {
        lab.requireFeature(NS);
        Session alice = lab.newUser().connect();

        IQ reply = alice.request(new LastActivity(lab.domainJid()));

        lab.requireThat(reply.getType() == IQ.Type.result, "the server answers its uptime query with an error, which §2 allows: " + reply.toXML());
        XmlElement query = StanzaXml.payload(reply).orElseThrow(() -> new AssertionError("the result carries no query: " + reply.toXML()));
        String seconds = query.attribute("seconds").orElse(null);
        assertTrue(seconds != null && seconds.matches("[0-9]+"), "the uptime result needs a 'seconds' attribute with a"
                + " non-negative number: " + reply.toXML());
    }

    @Spec(document = "XEP-0012", version = VERSION, section = "5", level = SHOULD,
          requirement = "the server's uptime result carries no character data")
    @Test
    void serverUptimeResultHasNoText(Lab lab) {
        lab.requireFeature(NS);
        Session alice = lab.newUser().connect();

        IQ reply = alice.request(new LastActivity(lab.domainJid()));

        lab.requireThat(reply.getType() == IQ.Type.result, "the server answers its uptime query with an error: " + reply.toXML());
        XmlElement query = StanzaXml.payload(reply).orElseThrow();
        assertTrue(query.text().isBlank(), "the uptime result carries text: " + reply.toXML());
    }

    @Spec(document = "XEP-0012", version = VERSION, section = "3", level = MUST,
          requirement = "for a subscriber asking about a user who has an available resource, the result says 0 seconds")
    @Test
    void onlineUserShowsZeroSecondsToSubscriber(Lab lab) {
        lab.requireFeature(NS);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Subscription.establish(lab, bob, alice, true);

        IQ reply = bob.request(new LastActivity(alice.bareJid()));

        assertEquals(IQ.Type.result, reply.getType(), "a subscriber's last activity query about an online user: " + reply.toXML());
        assertEquals(0, ((LastActivity) reply).getIdleTime(), "seconds for a user with an available resource: " + reply.toXML());
    }

    @Spec(document = "XEP-0012", version = VERSION, section = "3", level = MUST,
          requirement = "for a subscriber asking about a user who has logged out, the result gives the seconds since then")
    @Test
    void loggedOutUserShowsSecondsSinceLogoutToSubscriber(Lab lab) {
        lab.requireFeature(NS);
        Session bob = lab.newUser().connect().available();
        Jid alice = loggedOutContactOf(lab, bob, "Heading Home");

        IQ reply = bob.request(new LastActivity(alice));

        assertEquals(IQ.Type.result, reply.getType(), "a subscriber's last activity query about a user who logged out: " + reply.toXML());
        long seconds = ((LastActivity) reply).getIdleTime();
        assertTrue(seconds >= 0 && seconds <= PLAUSIBLE_SECONDS, "seconds since a logout moments ago: " + reply.toXML());
    }

    @Spec(document = "XEP-0012", version = VERSION, section = "3", level = MAY,
          requirement = "the result for a logged-out user may carry the status of the user's last unavailable presence,"
                  + " and then it is exactly that status")
    @Test
    void loggedOutUserResultCarriesLastStatus(Lab lab) {
        lab.requireFeature(NS);
        Session bob = lab.newUser().connect().available();
        Jid alice = loggedOutContactOf(lab, bob, "Heading Home");

        IQ reply = bob.request(new LastActivity(alice));

        lab.requireThat(reply.getType() == IQ.Type.result, "the query was not answered with a result (see loggedOutUserShowsSecondsSinceLogoutToSubscriber)");
        String status = ((LastActivity) reply).getStatusMessage();
        assertEquals("Heading Home", status == null ? null : status.trim(), "the status in the last activity result: " + reply.toXML());
    }

    enum NoSubscription {
        NONE, REQUEST_PENDING, ONLY_THE_OTHER_WAY;

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    @Spec(document = "XEP-0012", version = VERSION, section = "3", level = MUST,
          requirement = "someone not allowed to see the user's presence (no subscription, a pending request, or only a"
                  + " subscription the other way) is refused with forbidden when asking about the logged-out user")
    @ParameterizedTest(name = "{0}")
    @EnumSource(NoSubscription.class)
    void requesterWithoutSubscriptionIsForbidden(NoSubscription relation, Lab lab) {
        lab.requireFeature(NS);
        User aliceAccount = lab.newUser();
        Session alice = aliceAccount.connect().available();
        Session bob = lab.newUser().connect().available();
        switch (relation) {
            case NONE -> { }
            case REQUEST_PENDING -> lab.setUp("a subscription request of bob waiting", () -> {
                bob.send(PresenceBuilder.buildPresence().ofType(Presence.Type.subscribe).to(alice.bareJid()).build());
                alice.expectPresence("(setup) bob's request", p -> p.getType() == Presence.Type.subscribe);
            });
            case ONLY_THE_OTHER_WAY -> Subscription.establish(lab, alice, bob, true);
        }
        alice.close();

        IQ reply = bob.request(new LastActivity(aliceAccount.jid()));

        assertForbidden(reply, "a last activity query by a user who may not see the presence (" + relation + ")");
    }

    @Spec(document = "XEP-0012", version = VERSION, section = "3", level = MUST,
          requirement = "someone without a subscription asking about an online user's bare JID is refused with forbidden"
                  + " (0 seconds would reveal that the user is online)")
    @Test
    void requesterWithoutSubscriptionIsForbiddenWhileUserIsOnline(Lab lab) {
        lab.requireFeature(NS);
        Session alice = lab.newUser().connect().available();
        Session carol = lab.newUser().connect();

        IQ reply = carol.request(new LastActivity(alice.bareJid()));

        assertForbidden(reply, "a last activity query about an online user by a stranger");
    }

    @Spec(document = "XEP-0012", version = VERSION, section = "4", level = MUST,
          requirement = "a query to an available resource by someone without a subscription is refused with forbidden"
                  + " and not delivered to that resource")
    @Test
    void fullJidQueryWithoutSubscriptionIsForbiddenAndNotDelivered(Lab lab) {
        lab.requireFeature(NS);
        Session alice = lab.newUser().connect().available();
        Session carol = lab.newUser().connect();

        IQ reply = carol.request(new LastActivity(alice.jid()));

        assertTrue(alice.received().stream().noneMatch(s -> s instanceof LastActivity iq && iq.getType() == IQ.Type.get),
                "the query of a stranger was delivered to " + alice.jid());
        assertForbidden(reply, "a last activity query to an available resource by a stranger");
    }

    @Spec(document = "XEP-0012", version = VERSION, section = "4", level = MUST,
          requirement = "a subscriber's query to an available resource is delivered to it or answered by the server:"
                  + " either way the subscriber gets a result")
    @Test
    void fullJidQueryBySubscriberIsAnswered(Lab lab) {
        lab.requireFeature(NS);
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Subscription.establish(lab, bob, alice, true);

        IQ reply = bob.request(new LastActivity(alice.jid()));

        assertEquals(IQ.Type.result, reply.getType(), "a subscriber's last activity query to " + alice.jid() + ": " + reply.toXML());
    }

    private static void assertForbidden(IQ reply, String what) {
        assertEquals(IQ.Type.error, reply.getType(), what + " must be refused, but the reply was " + reply.toXML());
        assertEquals(StanzaError.Condition.forbidden, reply.getError().getCondition(), what + ": " + reply.toXML());
    }

    /**
     * A contact of {@code subscriber}'s (subscriber subscribed to it) who was online and then logged out with this
     * status; returns its bare JID. The logout is done over the wire driver: Smack sends an
     * unavailable presence of its own when it disconnects, which would replace the status under test.
     */
    private static Jid loggedOutContactOf(Lab lab, Session subscriber, String status) {
        User account = lab.newUser();
        Session contact = account.connect().available();
        Subscription.establish(lab, subscriber, contact, true);
        contact.close();
        RawSession again = lab.raw().authenticate(account).bind().available();
        again.send("<presence type='unavailable'><status>" + XmlEscape.text(status) + "</status></presence>");
        again.send("</stream:stream>");
        // the server has ended the session once it closes its side of the stream
        again.awaitServerClosingTag();
        return account.jid();
    }
}
