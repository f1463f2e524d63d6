package org.stanzalab.suites.xep0384;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.xep0384.OmemoNodes.CURRENT;
import static org.stanzalab.suites.xep0384.OmemoNodes.DEVICES;
import static org.stanzalab.suites.xep0384.OmemoNodes.VERSION;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0060.Pubsub;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0384 §5.3.1 and §7.1: the OMEMO device list, one item 'current' in the account's PEP node
 * urn:xmpp:omemo:2:devices, published with the open access model so that anyone may start a session, and announced to
 * contacts whose caps ask for it. Alice publishes, Bob is her contact, Carol a stranger (no presence subscription).
 */
@StanzalabTest
@FreshAccounts("the OMEMO nodes have fixed names: the account must have none but those this test publishes")
class DeviceLists {

    private static List<String> idsIn(XmlElement itemsReply) {
        return OmemoNodes.item(Pubsub.items(itemsReply), CURRENT).map(OmemoNodes::deviceIds).orElse(List.of());
    }

    @Spec(document = "XEP-0384", version = VERSION, section = "7.1", level = MUST,
          requirement = "the service takes pubsub#access_model as a publish option: the device list published with"
                  + " access_model open is accepted and its new node has the open access model")
    @Test
    void deviceListPublishedOpenGetsAnOpenNode(Lab lab) {
        RawSession alice = OmemoNodes.online(lab, lab.newUser());
        OmemoNodes.deletedAtEnd(lab, alice);

        XmlElement reply = OmemoNodes.publishDevices(alice, OmemoNodes.deviceListOptions(), OmemoNodes.newDeviceId());

        // the account is fresh, so the node does not exist: XEP-0060 §7.1.5 then creates it with the options as
        // configuration; a precondition refusal is only for a node that exists and differs
        if (!Pubsub.isResult(reply)) {
            fail("the first publish of the device list with access_model open was answered with " + Pubsub.describe(reply)
                    + "; the node did not exist, so the service must create it with that access model");
        }
        assertEquals("open", OmemoNodes.accessModel(alice, DEVICES), "access model of the devices node after the publish");
    }

    @Spec(document = "XEP-0384", version = VERSION, section = "7.1", level = MUST,
          requirement = "the open access model works: a user with no presence subscription to the owner retrieves the"
                  + " device list, item 'current' with every device id")
    @Test
    void strangerRetrievesTheDeviceList(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = OmemoNodes.online(lab, aliceAccount);
        OmemoNodes.deletedAtEnd(lab, alice);
        int phone = OmemoNodes.newDeviceId();
        int laptop = OmemoNodes.newDeviceId();
        OmemoNodes.published(lab, alice, "alice's device list", () -> OmemoNodes.publishDevices(alice, OmemoNodes.deviceListOptions(), phone, laptop));
        RawSession carol = OmemoNodes.login(lab, lab.newUser());

        XmlElement reply = OmemoNodes.of(carol, aliceAccount).items(DEVICES, null);

        assertTrue(Pubsub.isResult(reply), "a stranger's request for an open device list was answered with " + Pubsub.describe(reply));
        assertEquals(List.of(CURRENT), Pubsub.itemIds(reply), "items of the devices node: " + reply.toXml());
        assertEquals(List.of(Integer.toString(phone), Integer.toString(laptop)), idsIn(reply), "device ids the stranger read");
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "7.1.2", level = MUST,
          requirement = "a device list published again under the id 'current' replaces the old one: the node then holds"
                  + " one item, the new list")
    @Test
    void republishedDeviceListReplacesTheOldOne(Lab lab) {
        RawSession alice = OmemoNodes.online(lab, lab.newUser());
        OmemoNodes.deletedAtEnd(lab, alice);
        int phone = OmemoNodes.newDeviceId();
        int laptop = OmemoNodes.newDeviceId();
        OmemoNodes.published(lab, alice, "the device list with the phone", () -> OmemoNodes.publishDevices(alice, OmemoNodes.deviceListOptions(), phone));

        XmlElement reply = OmemoNodes.publishDevices(alice, OmemoNodes.deviceListOptions(), phone, laptop);

        assertTrue(Pubsub.isResult(reply), "the second publish of the device list was answered with " + Pubsub.describe(reply));
        XmlElement items = OmemoNodes.own(alice).items(DEVICES, null);
        assertEquals(List.of(CURRENT), Pubsub.itemIds(items), "items of the devices node after publishing 'current' twice: " + items.toXml());
        assertEquals(List.of(Integer.toString(phone), Integer.toString(laptop)), idsIn(items), "device ids in the node");
    }

    @Spec(document = "XEP-0163", version = "1.2.2", section = "4.3.3", level = MUST,
          requirement = "a contact online with caps asking for urn:xmpp:omemo:2:devices+notify is sent the device list"
                  + " when it is published, with item 'current' and its device ids")
    @Test
    void contactIsNotifiedOfTheDeviceList(Lab lab) {
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        OmemoNodes.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = OmemoNodes.online(lab, aliceAccount);
        OmemoNodes.deletedAtEnd(lab, alice);
        RawSession bob = OmemoNodes.online(lab, bobAccount, DEVICES);
        int phone = OmemoNodes.newDeviceId();

        OmemoNodes.published(lab, alice, "alice's device list", () -> OmemoNodes.publishDevices(alice, OmemoNodes.deviceListOptions(), phone));

        XmlElement notification = bob.expect("a notification of alice's device list", Pubsub.itemPublished(DEVICES, CURRENT));
        XmlElement item = Pubsub.eventItem(notification, CURRENT).orElseThrow();
        assertEquals(List.of(Integer.toString(phone)), OmemoNodes.deviceIds(item), "device ids in the notification: " + notification.toXml());
        assertEquals(aliceAccount.jid().toString(), notification.attribute("from").orElse(null), "from of the notification");
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "7.1.2", level = MUST,
          requirement = "a device list republished with a new device overwrites 'current' and is notified again: the"
                  + " contact with +notify gets a second notification that lists the new device")
    @Test
    void newDeviceIsNotifiedAgain(Lab lab) {
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        OmemoNodes.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = OmemoNodes.online(lab, aliceAccount);
        OmemoNodes.deletedAtEnd(lab, alice);
        RawSession bob = OmemoNodes.online(lab, bobAccount, DEVICES);
        int phone = OmemoNodes.newDeviceId();
        int laptop = OmemoNodes.newDeviceId();
        OmemoNodes.published(lab, alice, "alice's device list with the phone", () -> OmemoNodes.publishDevices(alice, OmemoNodes.deviceListOptions(), phone));
        lab.setUp("bob is notified of the first list", () -> bob.expect("the first device-list notification", Pubsub.itemPublished(DEVICES, CURRENT)));

        XmlElement reply = OmemoNodes.publishDevices(alice, OmemoNodes.deviceListOptions(), phone, laptop);

        assertTrue(Pubsub.isResult(reply), "the publish of the list with the new device was answered with " + Pubsub.describe(reply));
        XmlElement notification = bob.expect("a notification that lists alice's new device " + laptop,
                e -> Pubsub.eventItem(e, CURRENT).filter(i -> OmemoNodes.deviceIds(i).contains(Integer.toString(laptop))).isPresent());
        assertEquals(List.of(Integer.toString(phone), Integer.toString(laptop)),
                OmemoNodes.deviceIds(Pubsub.eventItem(notification, CURRENT).orElseThrow()), "device ids in the second notification");
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "6.1.2", level = MUST,
          requirement = "a stranger may subscribe to an open device-list node (XEP-0384 §5.2 names this for users without"
                  + " presence subscription): the subscription is granted and the next device list is notified to it")
    @Test
    void strangerSubscribedToTheOpenDeviceListIsNotified(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = OmemoNodes.online(lab, aliceAccount);
        OmemoNodes.deletedAtEnd(lab, alice);
        int phone = OmemoNodes.newDeviceId();
        int laptop = OmemoNodes.newDeviceId();
        OmemoNodes.published(lab, alice, "alice's device list", () -> OmemoNodes.publishDevices(alice, OmemoNodes.deviceListOptions(), phone));
        RawSession carol = OmemoNodes.login(lab, lab.newUser());
        carol.send("<presence/>");

        XmlElement reply = OmemoNodes.of(carol, aliceAccount).subscribe(DEVICES, carol.bareJid());

        assertTrue(Pubsub.isResult(reply), "a stranger's subscription to an open devices node was answered with " + Pubsub.describe(reply));
        String state = Pubsub.subscriptionElements(reply).stream().findFirst().flatMap(s -> s.attribute("subscription")).orElse("subscribed");
        assertEquals("subscribed", state, "subscription state granted on an open node (no approval needed): " + reply.toXml());
        OmemoNodes.published(lab, alice, "alice's device list with a new device", () -> OmemoNodes.publishDevices(alice, OmemoNodes.deviceListOptions(), phone, laptop));
        carol.expect("a notification of the new device list to the subscribed stranger",
                e -> Pubsub.eventItem(e, CURRENT).filter(i -> OmemoNodes.deviceIds(i).contains(Integer.toString(laptop))).isPresent());
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "7.1.5", level = MUST,
          requirement = "a later publish of the device list with the same publish-options meets them and succeeds, and the"
                  + " node stays open: a stranger reads the new list")
    @Test
    void laterPublishWithTheSameOptionsKeepsTheNodeOpen(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = OmemoNodes.online(lab, aliceAccount);
        OmemoNodes.deletedAtEnd(lab, alice);
        int phone = OmemoNodes.newDeviceId();
        int laptop = OmemoNodes.newDeviceId();
        OmemoNodes.published(lab, alice, "alice's device list", () -> OmemoNodes.publishDevices(alice, OmemoNodes.deviceListOptions(), phone));

        XmlElement reply = OmemoNodes.publishDevices(alice, OmemoNodes.deviceListOptions(), phone, laptop);

        assertTrue(Pubsub.isResult(reply), "a publish whose options the node meets was answered with " + Pubsub.describe(reply));
        assertEquals("open", OmemoNodes.accessModel(alice, DEVICES), "access model of the devices node after the second publish");
        XmlElement read = OmemoNodes.of(OmemoNodes.login(lab, lab.newUser()), aliceAccount).items(DEVICES, null);
        assertTrue(Pubsub.isResult(read), "a stranger's request for the device list after the second publish: " + Pubsub.describe(read));
        assertEquals(List.of(Integer.toString(phone), Integer.toString(laptop)), idsIn(read), "device ids the stranger read");
    }
}
