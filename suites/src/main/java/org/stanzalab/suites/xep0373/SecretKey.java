package org.stanzalab.suites.xep0373;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.xep0373.OpenPgpNodes.SECRET_KEY;
import static org.stanzalab.suites.xep0373.OpenPgpNodes.VERSION;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0060.Pubsub;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.suites.xep0384.Carriage;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0373 §5: the secret-key backup in a private PEP node, the whitelist access model with only the owner on the
 * list (as XEP-0223 describes), so that the owner's other devices can fetch it and nobody else can. Alice owns the
 * backup, Bob is her contact (who may read her presence-model nodes, but not this one), Carol a stranger.
 */
@StanzalabTest
@FreshAccounts("the secret-key node has a fixed name: the account must have none but the one this test publishes")
class SecretKey {

    private static void assertRefused(XmlElement reply, String who) {
        if (Pubsub.isResult(reply) && !Pubsub.items(reply).isEmpty()) {
            fail(who + " read the secret-key backup of a whitelist node: " + Offline.shown(reply));
        }
        assertEquals("error", reply.attribute("type").orElse(""), who + "'s request for the secret-key backup must be refused: "
                + Offline.shown(reply));
    }

    @Spec(document = "XEP-0373", version = VERSION, section = "5.1", level = MUST,
          requirement = "PEP supports the whitelist access model: the secret-key node published with access_model"
                  + " whitelist is accepted and has the whitelist model")
    @Test
    void secretKeyNodeIsCreatedWhitelisted(Lab lab) {
        RawSession alice = OpenPgpNodes.online(lab, lab.newUser());
        OpenPgpNodes.deletedAtEnd(lab, alice, SECRET_KEY);

        XmlElement reply = OpenPgpNodes.own(alice).publish(SECRET_KEY, null, OpenPgpNodes.secretKey(), OpenPgpNodes.whitelist());

        assertTrue(Pubsub.isResult(reply), "the secret-key publish with access_model whitelist was answered with " + Pubsub.describe(reply));
        assertEquals("whitelist", OpenPgpNodes.configuration(alice, SECRET_KEY).get("pubsub#access_model"), "access model of the secret-key node");
    }

    @Spec(document = "XEP-0373", version = VERSION, section = "5.1", level = MUST,
          requirement = "the whitelist model is enforced: a user with no presence subscription cannot retrieve the"
                  + " secret-key backup")
    @Test
    void strangerCannotReadTheSecretKey(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = OpenPgpNodes.online(lab, aliceAccount);
        OpenPgpNodes.published(lab, alice, SECRET_KEY, null, OpenPgpNodes.secretKey(), OpenPgpNodes.whitelist());
        RawSession carol = OpenPgpNodes.login(lab, lab.newUser());

        XmlElement reply = OpenPgpNodes.of(carol, aliceAccount).items(SECRET_KEY, 1);

        assertRefused(reply, "a stranger");
    }

    @Spec(document = "XEP-0373", version = VERSION, section = "5.1", level = MUST,
          requirement = "the whitelist model is enforced against contacts too: a user subscribed to the owner's presence"
                  + " cannot retrieve the secret-key backup")
    @Test
    void contactCannotReadTheSecretKey(Lab lab) {
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        OpenPgpNodes.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = OpenPgpNodes.online(lab, aliceAccount);
        OpenPgpNodes.published(lab, alice, SECRET_KEY, null, OpenPgpNodes.secretKey(), OpenPgpNodes.whitelist());
        RawSession bob = OpenPgpNodes.online(lab, bobAccount, SECRET_KEY);

        XmlElement reply = OpenPgpNodes.of(bob, aliceAccount).items(SECRET_KEY, 1);

        assertRefused(reply, "a contact");
    }

    @Spec(document = "XEP-0373", version = VERSION, section = "5.1", level = SHOULD,
          requirement = "the service persists items: another device of the owner, logging in after the publishing one has"
                  + " ended its session, retrieves the backup unchanged")
    @Test
    void ownersOtherDeviceRetrievesTheBackup(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession laptop = OpenPgpNodes.online(lab, aliceAccount);
        OpenPgpNodes.deletedAtEndByNewLogin(lab, aliceAccount, SECRET_KEY);
        String backup = OpenPgpNodes.secretKey();
        lab.setUp("alice's laptop stores the backup and ends its session", () -> {
            XmlElement reply = Pubsub.setUpChange(laptop, "the backup publish", 5,
                    () -> OpenPgpNodes.own(laptop).publish(SECRET_KEY, null, backup, OpenPgpNodes.whitelist()));
            if (!Pubsub.isResult(reply)) {
                throw new AssertionError("the backup publish was answered with " + Pubsub.describe(reply));
            }
            laptop.answerClosingTag();
            laptop.awaitServerClosingTag();
        });
        RawSession phone = OpenPgpNodes.login(lab, aliceAccount);

        XmlElement reply = OpenPgpNodes.own(phone).items(SECRET_KEY, 1);

        assertTrue(Pubsub.isResult(reply), "the owner's request for the backup was answered with " + Pubsub.describe(reply));
        List<XmlElement> items = Pubsub.items(reply);
        assertEquals(1, items.size(), "items of the secret-key node the owner's other device read: " + Offline.shown(reply));
        XmlElement read = items.get(0).child("secretkey", OpenPgpNodes.NS)
                .orElseThrow(() -> new AssertionError("the item holds no secretkey: " + Offline.shown(items.get(0))));
        assertEquals(Carriage.canonical(Offline.parse(backup)), Carriage.canonical(read), "the backup read back differs from the one stored");
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "8.1.3", level = SHOULD,
          requirement = "the secret-key node created with a configuration (whitelist, send_last_published_item on_sub) as"
                  + " XEP-0373 §5.3 shows gets that configuration, so a contact cannot read the backup published to it")
    @Test
    void secretKeyNodeCreatedWithConfigurationIsWhitelisted(Lab lab) {
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        OpenPgpNodes.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = OpenPgpNodes.online(lab, aliceAccount);
        OpenPgpNodes.deletedAtEnd(lab, alice, SECRET_KEY);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("pubsub#access_model", "whitelist");
        config.put("pubsub#send_last_published_item", "on_sub");

        XmlElement created = OpenPgpNodes.own(alice).create(SECRET_KEY, config);
        if (!Pubsub.isResult(created)) {
            Pubsub.requirePep(alice);
        }

        assertTrue(Pubsub.isResult(created), "the creation of the secret-key node with its configuration was answered with "
                + Pubsub.describe(created));
        assertEquals("whitelist", OpenPgpNodes.configuration(alice, SECRET_KEY).get("pubsub#access_model"),
                "access model of the node created with access_model whitelist");
        OpenPgpNodes.published(lab, alice, SECRET_KEY, null, OpenPgpNodes.secretKey(), null);
        assertRefused(OpenPgpNodes.of(OpenPgpNodes.login(lab, bobAccount), aliceAccount).items(SECRET_KEY, 1), "a contact");
    }
}
