package org.stanzalab.suites.xep0357;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.engine.raw.Stanzas.hasType;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0198.StreamManagement;
import org.stanzalab.suites.xep0198.StreamManagement.Resumable;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0357 with the test as the app server: alice's client enables push to a service JID that is a test account's
 * stream, alice goes away, bob writes to her, and the test watches what alice's server publishes to the service.
 */
@StanzalabTest
class PushNotifications {

    /** How alice is away when bob's message comes. */
    enum Away {
        /** Her only session ended cleanly: the message goes to offline storage. */
        OFFLINE("offline"),
        /** Her stream-managed session lost its connection and waits to be resumed (XEP-0198). */
        HIBERNATED("hibernated");

        private final String key;

        Away(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0357", version = "0.4.1", section = "7", level = SHOULD,
          requirement = "a message for a user who is offline, or whose session waits to be resumed, is an event for a "
                  + "notification: the server publishes to each enabled service an item whose payload is a "
                  + "<notification xmlns='urn:xmpp:push:0'/>, to the node given when enabling")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Away.class)
    void notificationIsPublishedWhileTheUserIsAway(Away away, Lab lab) {
        User alice = lab.newUser();
        AppServer app = AppServer.start(lab, lab.newUser());
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        String node = "node-" + away;
        String to = goAway(lab, alice, away, client -> Push.enable(lab, client, app.jid(), node, null));

        bob.sendMessage(to, "while alice is " + away);

        XmlElement publish = app.expectNotification(node, "after a message arrived for alice while " + away);
        AppServer.notification(publish, node);
        app.stream().note("xep0357", "the notification came from '" + publish.attribute("from").orElse("(no from)") + "'");
    }

    @Spec(document = "XEP-0357", version = "0.4.1", section = "7", level = MAY,
          requirement = "a summary the server adds is a data form of type urn:xmpp:push:summary whose fields describe "
                  + "the message: a positive message-count, the sender's JID in last-message-sender; a body, if given, "
                  + "is the message's or a stand-in that hides it")
    @Test
    void summaryDescribesTheMessage(Lab lab) {
        User alice = lab.newUser();
        AppServer app = AppServer.start(lab, lab.newUser());
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        String to = goAway(lab, alice, Away.OFFLINE, client -> Push.enable(lab, client, app.jid(), "summary", null));
        String body = "what the summary describes";

        bob.sendMessage(to, body);

        XmlElement notification = AppServer.notification(app.expectNotification("summary", "for bob's message"), "summary");
        Optional<XmlElement> summary = notification.children("x", Push.DATA).stream()
                .filter(x -> Push.field(x, "FORM_TYPE").map(Push.SUMMARY::equals).orElse(false)).findFirst();
        if (summary.isEmpty()) {
            app.stream().note("xep0357", "the notification carries no summary form, which §7 leaves optional");
            return;
        }
        XmlElement form = summary.get();
        Push.field(form, "message-count").ifPresent(count -> assertTrue(count.matches("[1-9][0-9]*"),
                "message-count of the summary after one message must be a positive number: " + form.toXml()));
        Push.field(form, "pending-subscription-count").ifPresent(count -> assertTrue(count.matches("[0-9]+"),
                "pending-subscription-count of the summary must be a number: " + form.toXml()));
        Push.field(form, "last-message-sender").ifPresent(sender -> assertEquals(Push.bare(bob.jid()), Push.bare(sender),
                "last-message-sender of the summary must name bob, who sent the message: " + form.toXml()));
        Push.field(form, "last-message-body").ifPresent(shown -> app.stream().note("xep0357", shown.equals(body)
                ? "the summary carries the message's body" : "the summary carries a stand-in body ('" + shown
                        + "') instead of the message's, which §9 lets a server do to keep the body private"));
    }

    @Spec(document = "XEP-0357", version = "0.4.1", section = "7", level = SHOULD,
          requirement = "when the push was enabled with a publish-options form (here a secret), each notification's "
                  + "publish carries that form as <publish-options>, with the secret unchanged")
    @Test
    void publishOptionsCarryTheSecret(Lab lab) {
        User alice = lab.newUser();
        AppServer app = AppServer.start(lab, lab.newUser());
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        String secret = "secret-" + bob.newId("s");
        String to = goAway(lab, alice, Away.OFFLINE, client -> Push.enable(lab, client, app.jid(), "with-secret", secret));

        bob.sendMessage(to, "a notification with the secret");

        XmlElement publish = app.expectNotification("with-secret", "for bob's message");
        assertEquals(Optional.of(secret), AppServer.publishedSecret(publish),
                "the secret in the publish-options of the notification: " + publish.toXml());
    }

    @Spec(document = "XEP-0357", version = "0.4.1", section = "5", level = SHOULD,
          requirement = "enabling a service JID and node that is already enabled replaces its publish options: the "
                  + "next notification carries the secret of the later request")
    @Test
    void enablingAgainReplacesThePublishOptions(Lab lab) {
        User alice = lab.newUser();
        AppServer app = AppServer.start(lab, lab.newUser());
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        String first = "first-" + bob.newId("s");
        String latest = "latest-" + bob.newId("s");
        String to = goAway(lab, alice, Away.OFFLINE, client -> {
            Push.enable(lab, client, app.jid(), "re-enabled", first);
            Push.enable(lab, client, app.jid(), "re-enabled", latest);
        });

        bob.sendMessage(to, "after enabling twice");

        XmlElement publish = app.expectNotification("re-enabled", "for bob's message");
        assertEquals(Optional.of(latest), AppServer.publishedSecret(publish),
                "the secret in the publish-options after enabling the same JID and node with '" + first + "', then '"
                        + latest + "': " + publish.toXml());
    }

    @Spec(document = "XEP-0357", version = "0.4.1", section = "5", level = MAY,
          requirement = "one service JID may be enabled several times with different nodes (one per device); each "
                  + "enabled node then gets its own notification")
    @Test
    void eachNodeOfAServiceIsNotified(Lab lab) {
        User alice = lab.newUser();
        AppServer app = AppServer.start(lab, lab.newUser());
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        String to = goAway(lab, alice, Away.OFFLINE, client -> {
            Push.enable(lab, client, app.jid(), "phone", null);
            enableSecondNode(lab, client, app.jid(), "tablet");
        });

        bob.sendMessage(to, "for both devices");

        app.expectNotification("phone", "for bob's message");
        app.expectNotification("tablet", "for bob's message");
    }

    /** Enables a second node of a service JID that has one, or ends the test impossible: §5 lets the server refuse. */
    private static void enableSecondNode(Lab lab, RawSession client, String service, String node) {
        XmlElement second = Push.enableReply(lab, client, service, node, null);
        lab.requireThat(hasType(second, "result"), "the server does not enable a second node of one service JID, "
                + "which §5 leaves to it: " + Stanzas.describe(second));
    }

    /** How the test disables the one enabled node. */
    enum Disable {
        BY_NODE("by-node"), BY_JID("by-jid");

        private final String key;

        Disable(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0357", version = "0.4.1", section = "6", level = MUST,
          requirement = "once a service is disabled (by its JID and node, or by its JID alone) the server publishes "
                  + "nothing to it: a message that makes it notify another, still enabled service brings none")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Disable.class)
    void disabledServiceGetsNoNotification(Disable how, Lab lab) {
        User alice = lab.newUser();
        User appAccount = lab.newUser();
        AppServer disabled = AppServer.start(lab, appAccount);
        AppServer marker = AppServer.start(lab, appAccount);
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        enableFromAnotherDevice(lab, alice, marker.jid(), "marker");
        String to = goAway(lab, alice, Away.OFFLINE, client -> {
            Push.enable(lab, client, disabled.jid(), "disabled", null);
            Push.disableOrFail(client, disabled.jid(), how == Disable.BY_NODE ? "disabled" : null);
        });

        bob.sendMessage(to, "after disabling");

        // The still enabled service's notification shows the server has handled the message; it sends all of a
        // message's notifications at once, so one for the disabled service would be on its stream before its ping's answer.
        marker.expectNotification("marker", "for bob's message");
        assertEquals(List.of(), disabled.notificationsSoFar("disabled").stream().map(XmlElement::toXml).toList(),
                "notifications published to the service disabled " + how);
    }

    @Spec(document = "XEP-0357", version = "0.4.1", section = "6", level = SHOULD,
          requirement = "a disable naming a node removes only that JID and node: another node of the same service "
                  + "JID still gets notifications")
    @Test
    void disablingOneNodeKeepsTheOthers(Lab lab) {
        User alice = lab.newUser();
        AppServer app = AppServer.start(lab, lab.newUser());
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        String to = goAway(lab, alice, Away.OFFLINE, client -> {
            Push.enable(lab, client, app.jid(), "removed", null);
            enableSecondNode(lab, client, app.jid(), "kept");
            Push.disableOrFail(client, app.jid(), "removed");
        });

        bob.sendMessage(to, "after disabling one node");

        app.expectNotification("kept", "for bob's message, to the node that was not disabled");
    }

    @Spec(document = "XEP-0357", version = "0.4.1", section = "6", level = SHOULD,
          requirement = "a disable without a node removes every node enabled for that service JID")
    @Test
    void disablingAServiceRemovesAllItsNodes(Lab lab) {
        User alice = lab.newUser();
        User appAccount = lab.newUser();
        AppServer disabled = AppServer.start(lab, appAccount);
        AppServer marker = AppServer.start(lab, appAccount);
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        enableFromAnotherDevice(lab, alice, marker.jid(), "marker");
        String to = goAway(lab, alice, Away.OFFLINE, client -> {
            Push.enable(lab, client, disabled.jid(), "first", null);
            XmlElement second = Push.enableReply(lab, client, disabled.jid(), "second", null);
            lab.requireThat(hasType(second, "result"), "the server does not enable a second node of one service JID, "
                    + "which §5 leaves to it: " + Stanzas.describe(second));
            Push.disableOrFail(client, disabled.jid(), null);
        });

        bob.sendMessage(to, "after disabling the service");

        marker.expectNotification("marker", "for bob's message");
        assertEquals(List.of(), disabled.notificationsSoFar("first", "second").stream().map(XmlElement::toXml).toList(),
                "notifications published to either node of the service disabled without a node");
    }

    @Spec(document = "XEP-0357", version = "0.4.1", section = "6", level = SHOULD,
          requirement = "a disable removes entries of the service it names only: disabling a JID that was never "
                  + "enabled leaves the enabled service notified")
    @Test
    void disablingAnUnknownServiceChangesNothing(Lab lab) {
        User alice = lab.newUser();
        User appAccount = lab.newUser();
        AppServer app = AppServer.start(lab, appAccount);
        AppServer stranger = AppServer.start(lab, appAccount);
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        String to = goAway(lab, alice, Away.OFFLINE, client -> {
            Push.enable(lab, client, app.jid(), "enabled", null);
            XmlElement reply = Push.disable(client, stranger.jid(), null);
            client.note("xep0357", "disabling a service never enabled was answered: " + Stanzas.describe(reply));
        });

        bob.sendMessage(to, "after disabling another service");

        app.expectNotification("enabled", "for bob's message, although an unknown service was disabled");
    }

    @Spec(document = "XEP-0357", version = "0.4.1", section = "7.1", level = SHOULD,
          requirement = "an error answering a notification makes the server take that JID and node as disabled, or "
                  + "(where it judges the error passing) keep it for a while; either way the user's messages are kept")
    @Test
    void refusedNotificationDisablesTheServiceOrIsRetried(Lab lab) {
        User alice = lab.newUser();
        User appAccount = lab.newUser();
        AppServer refusing = AppServer.start(lab, appAccount);
        AppServer marker = AppServer.start(lab, appAccount);
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        enableFromAnotherDevice(lab, alice, marker.jid(), "marker");
        String to = goAway(lab, alice, Away.OFFLINE, client -> Push.enable(lab, client, refusing.jid(), "refusing", null));

        bob.sendMessage(to, "first message");
        refusing.expectNotification("refusing", "for the first message", "item-not-found");
        marker.expectNotification("marker", "for the first message");
        bob.sendMessage(to, "second message");
        marker.expectNotification("marker", "for the second message");

        int total = refusing.notificationsSoFar("refusing").size();
        refusing.stream().note("xep0357", total == 1
                ? "after the <item-not-found/> the server published nothing more to that node: it took it as disabled"
                : "the server published to that node again after the <item-not-found/> (it kept the node, which §7.1 "
                        + "allows while it judges the error passing, or had not yet acted on the error)");
        RawSession back = lab.raw().authenticate(alice).bind();
        back.send("<presence/>");
        back.expect("the first message, kept offline while the push service refused its notification",
                Stanzas.messageWithBody("first message"));
        back.expect("the second message, kept offline", Stanzas.messageWithBody("second message"));
    }

    /**
     * Another device of alice enables push to this service and node on a session of its own, then signs off: the
     * service then serves as a marker, a notification the server must publish for every message, independent of
     * what the test does on the session under test (which a server may tie registrations to).
     */
    private static void enableFromAnotherDevice(Lab lab, User alice, String jid, String node) {
        RawSession device = lab.raw().authenticate(alice).bind();
        Push.requireSupport(device);
        Push.enable(lab, device, jid, node, null);
        Push.signOff(device);
    }

    /**
     * Alice's client connects, does {@code whileOnline} (enabling push) and goes away as asked; returns the address
     * bob writes to.
     */
    private static String goAway(Lab lab, User alice, Away away, Consumer<RawSession> whileOnline) {
        if (away == Away.HIBERNATED) {
            Resumable session = StreamManagement.resumableStream(lab, alice);
            RawSession client = session.stream().available();
            Push.requireSupport(client);
            whileOnline.accept(client);
            StreamManagement.cut(client);
            return session.fullJid();
        }
        RawSession client = lab.raw().authenticate(alice).bind().available();
        Push.requireSupport(client);
        whileOnline.accept(client);
        Push.signOff(client);
        return alice.jid().toString();
    }
}
