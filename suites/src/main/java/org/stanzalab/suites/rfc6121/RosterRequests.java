package org.stanzalab.suites.rfc6121;

import java.util.function.Predicate;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.util.StringUtils;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.RawIq;

/**
 * Roster gets and sets as RFC 6121 §2.1 defines them. Sets are written by hand: Smack's roster item always
 * writes a 'subscription' attribute, and the tests must control exactly what the server receives.
 */
public final class RosterRequests {
    static final String NAMESPACE = RosterPacket.NAMESPACE;

    private RosterRequests() {
    }

    /** A roster get (§2.1.3): an empty query, no 'to'. */
    static RosterPacket get() {
        return new RosterPacket();
    }

    /**
     * A roster get that asks for roster versioning (§2.6.2): {@code ver} is the version the client has cached,
     * or the empty string for none.
     */
    static RosterPacket versionedGet(String ver) {
        RosterPacket get = new RosterPacket();
        get.setVersion(ver);
        return get;
    }

    /** One {@code <item/>} with any number of groups (none, or the same one twice, for error cases). */
    static String itemWithGroups(Jid contact, String name, String... groups) {
        String open = item(contact, name, null, null);
        if (groups.length == 0) {
            return open;
        }
        StringBuilder xml = new StringBuilder(open.substring(0, open.length() - 2)).append('>');
        for (String group : groups) {
            xml.append("<group>").append(StringUtils.escapeForXmlText(group)).append("</group>");
        }
        return xml.append("</item>").toString();
    }

    /** A roster set (§2.3.1) that adds or updates the contact, with a name and one group. */
    static RawIq add(Jid contact, String name, String group) {
        return set(null, item(contact, name, group, null));
    }

    /** A roster set (§2.5.1) that removes the contact. */
    static RawIq remove(Jid contact) {
        return set(null, item(contact, null, null, "remove"));
    }

    /** A roster set with the given items, addressed to {@code to} (null: to the user's own account). */
    static RawIq set(Jid to, String... items) {
        return new RawIq(IQ.Type.set, to, RosterPacket.ELEMENT, NAMESPACE, String.join("", items));
    }

    /** One {@code <item/>} as XML; null arguments leave the attribute or group out. */
    static String item(Jid contact, String name, String group, String subscription) {
        StringBuilder xml = new StringBuilder("<item jid='").append(StringUtils.escapeForXmlAttributeApos(contact.toString())).append('\'');
        if (name != null) {
            xml.append(" name='").append(StringUtils.escapeForXmlAttributeApos(name)).append('\'');
        }
        if (subscription != null) {
            xml.append(" subscription='").append(StringUtils.escapeForXmlAttributeApos(subscription)).append('\'');
        }
        if (group == null) {
            return xml.append("/>").toString();
        }
        return xml.append("><group>").append(StringUtils.escapeForXmlText(group)).append("</group></item>").toString();
    }

    // ---- looking at items ----

    public static Predicate<RosterPacket.Item> itemFor(Jid contact) {
        return item -> item.getJid().equals(contact.asBareJid());
    }

    public static Predicate<RosterPacket.Item> itemFor(Jid contact, RosterPacket.ItemType subscription) {
        return itemFor(contact).and(item -> item.getItemType() == subscription);
    }

    /** The item as a reader of a failure message wants to see it. */
    public static String describe(RosterPacket.Item item) {
        if (item == null) {
            return "no item";
        }
        return "<item jid='" + item.getJid() + "'" + (item.getName() == null ? "" : " name='" + item.getName() + "'")
                + " subscription='" + item.getItemType() + "'" + (item.isSubscriptionPending() ? " ask='subscribe'" : "")
                + (item.getGroupNames().isEmpty() ? "" : " groups=" + item.getGroupNames()) + ">";
    }
}
