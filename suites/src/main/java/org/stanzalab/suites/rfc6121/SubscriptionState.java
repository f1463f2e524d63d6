package org.stanzalab.suites.rfc6121;

import java.util.EnumMap;
import java.util.Map;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;

/**
 * The nine subscription states of RFC 6121 Appendix A.1, always seen from the user's side ("to" = the user
 * receives the contact's presence, "from" = the contact receives the user's), and the transitions of A.2
 * (the user sends a subscription stanza) and A.3 (the contact's stanza arrives for the user).
 * <p>
 * The tables below are the appendix as data. A "pending in" request is not visible in a roster item, so a
 * test can check only the subscription and the ask flag; the rest shows in what is delivered.
 */
public enum SubscriptionState {
    NONE("none", ItemType.none, false, false),
    NONE_PENDING_OUT("none-out", ItemType.none, true, false),
    NONE_PENDING_IN("none-in", ItemType.none, false, true),
    NONE_PENDING_OUT_IN("none-out-in", ItemType.none, true, true),
    TO("to", ItemType.to, false, false),
    TO_PENDING_IN("to-in", ItemType.to, false, true),
    FROM("from", ItemType.from, false, false),
    FROM_PENDING_OUT("from-out", ItemType.from, true, false),
    BOTH("both", ItemType.both, false, false);

    /** The four subscription-related presence types. */
    enum Stanza {
        SUBSCRIBE(Presence.Type.subscribe),
        UNSUBSCRIBE(Presence.Type.unsubscribe),
        SUBSCRIBED(Presence.Type.subscribed),
        UNSUBSCRIBED(Presence.Type.unsubscribed);

        final Presence.Type type;

        Stanza(Presence.Type type) {
            this.type = type;
        }

        @Override
        public String toString() {
            return type.name();
        }
    }

    private final String key;
    final ItemType subscription;
    final boolean pendingOut;
    final boolean pendingIn;

    SubscriptionState(String key, ItemType subscription, boolean pendingOut, boolean pendingIn) {
        this.key = key;
        this.subscription = subscription;
        this.pendingOut = pendingOut;
        this.pendingIn = pendingIn;
    }

    /** The user receives the contact's presence. */
    public boolean hasTo() {
        return subscription == ItemType.to || subscription == ItemType.both;
    }

    /** The contact receives the user's presence. */
    public boolean hasFrom() {
        return subscription == ItemType.from || subscription == ItemType.both;
    }

    /** The same relationship seen from the contact's side. */
    SubscriptionState mirror() {
        return MIRROR.get(this);
    }

    /** A.2: the state after the user sends this stanza to the contact. */
    SubscriptionState afterOutbound(Stanza stanza) {
        return OUTBOUND.get(this).get(stanza);
    }

    /** A.3: the state after this stanza from the contact reaches the user's server. */
    SubscriptionState afterInbound(Stanza stanza) {
        return INBOUND.get(this).get(stanza);
    }

    /**
     * A.3: whether the user's server delivers this inbound stanza to the user. In every A.3 table a stanza is
     * delivered exactly when it changes the state; a repeated request, or a 'subscribe' from a contact that is
     * already subscribed (which the server answers itself), is not.
     */
    private boolean deliversInbound(Stanza stanza) {
        return switch (stanza) {
            case SUBSCRIBE -> !pendingIn && !hasFrom();
            case UNSUBSCRIBE -> pendingIn || hasFrom();
            case SUBSCRIBED -> pendingOut;
            case UNSUBSCRIBED -> pendingOut || hasTo();
        };
    }

    /** The keyword of an Appendix A cell for the stanza reaching the other party. */
    enum Delivery {
        MUST, SHOULD_NOT, MUST_NOT,
        /** The RFC contradicts itself about this cell, so delivering and not delivering are both accepted. */
        EITHER
    }

    /**
     * A.3: the keyword for delivering this inbound stanza to the user; every A.3 cell without delivery says S.N.
     * <p>
     * Two groups of cells are contradicted by the body of the RFC, and there either behaviour is accepted:
     * <ul>
     * <li>an 'unsubscribe' that only withdraws the contact's pending request (None + Pending In, None + Pending
     * Out+In, To + Pending In): A.3.2 has the server deliver it (MUST), while §3.3.3 has it deliver an unsubscribe
     * only to a user in From, From + Pending Out or Both and silently drop any other (MUST);</li>
     * <li>a 'subscribe' that repeats the contact's pending request (the same three states): A.3.1 says the server
     * should not deliver it (S.N.), while §3.1.3 has it deliver every request that awaits the user's approval to
     * her available resources (MUST).</li>
     * </ul>
     */
    Delivery inboundDelivery(Stanza stanza) {
        boolean repeatsOrWithdrawsAPendingRequest = pendingIn && !hasFrom();
        if ((stanza == Stanza.UNSUBSCRIBE || stanza == Stanza.SUBSCRIBE) && repeatsOrWithdrawsAPendingRequest) {
            return Delivery.EITHER;
        }
        return deliversInbound(stanza) ? Delivery.MUST : Delivery.SHOULD_NOT;
    }

    /**
     * A.2 and A.3 together: the keyword for this outbound stanza reaching the contact. The user's server must not
     * route a 'subscribed' that approves nothing (A.2.3: M.N. wherever no request is pending in); otherwise it routes
     * (A.2.1, A.2.2: MUST) or should not (A.2.4: S.N. exactly where the contact's server should not deliver), and
     * the contact's server decides by A.3 in the mirrored state.
     */
    Delivery outboundDelivery(Stanza stanza) {
        if (stanza == Stanza.SUBSCRIBED && !pendingIn) {
            return Delivery.MUST_NOT;
        }
        return mirror().inboundDelivery(stanza);
    }

    /** Whether a roster item read from the server shows this state; an absent item shows None. */
    boolean isShownBy(RosterPacket.Item item) {
        if (item == null) {
            return subscription == ItemType.none && !pendingOut;
        }
        return item.getItemType() == subscription && item.isSubscriptionPending() == pendingOut;
    }

    /** How the roster shows this state, for failure messages. */
    String rosterView() {
        return "subscription='" + subscription + "'" + (pendingOut ? " ask='subscribe'" : " and no ask")
                + (subscription == ItemType.none && !pendingOut ? " (or no item)" : "");
    }

    @Override
    public String toString() {
        return key;
    }

    private static final Map<SubscriptionState, SubscriptionState> MIRROR = new EnumMap<>(SubscriptionState.class);
    private static final Map<SubscriptionState, Map<Stanza, SubscriptionState>> OUTBOUND = new EnumMap<>(SubscriptionState.class);
    private static final Map<SubscriptionState, Map<Stanza, SubscriptionState>> INBOUND = new EnumMap<>(SubscriptionState.class);

    static {
        mirror(NONE, NONE);
        mirror(NONE_PENDING_OUT, NONE_PENDING_IN);
        mirror(NONE_PENDING_OUT_IN, NONE_PENDING_OUT_IN);
        mirror(TO, FROM);
        mirror(TO_PENDING_IN, FROM_PENDING_OUT);
        mirror(BOTH, BOTH);

        // A.2.1-A.2.4, the user sends:  subscribe            unsubscribe          subscribed         unsubscribed
        outbound(NONE,                    NONE_PENDING_OUT,    NONE,                NONE,              NONE);
        outbound(NONE_PENDING_OUT,        NONE_PENDING_OUT,    NONE,                NONE_PENDING_OUT,  NONE_PENDING_OUT);
        outbound(NONE_PENDING_IN,         NONE_PENDING_OUT_IN, NONE_PENDING_IN,     FROM,              NONE);
        outbound(NONE_PENDING_OUT_IN,     NONE_PENDING_OUT_IN, NONE_PENDING_IN,     FROM_PENDING_OUT,  NONE_PENDING_OUT);
        outbound(TO,                      TO,                  NONE,                TO,                TO);
        outbound(TO_PENDING_IN,           TO_PENDING_IN,       NONE_PENDING_IN,     BOTH,              TO);
        outbound(FROM,                    FROM_PENDING_OUT,    FROM,                FROM,              NONE);
        outbound(FROM_PENDING_OUT,        FROM_PENDING_OUT,    FROM,                FROM_PENDING_OUT,  NONE_PENDING_OUT);
        outbound(BOTH,                    BOTH,                FROM,                BOTH,              TO);

        // A.3.1-A.3.4, the contact sends: subscribe           unsubscribe          subscribed         unsubscribed
        inbound(NONE,                     NONE_PENDING_IN,     NONE,                NONE,              NONE);
        inbound(NONE_PENDING_OUT,         NONE_PENDING_OUT_IN, NONE_PENDING_OUT,    TO,                NONE);
        inbound(NONE_PENDING_IN,          NONE_PENDING_IN,     NONE,                NONE_PENDING_IN,   NONE_PENDING_IN);
        inbound(NONE_PENDING_OUT_IN,      NONE_PENDING_OUT_IN, NONE_PENDING_OUT,    TO_PENDING_IN,     NONE_PENDING_IN);
        inbound(TO,                       TO_PENDING_IN,       TO,                  TO,                NONE);
        inbound(TO_PENDING_IN,            TO_PENDING_IN,       TO,                  TO_PENDING_IN,     NONE_PENDING_IN);
        inbound(FROM,                     FROM,                NONE,                FROM,              FROM);
        inbound(FROM_PENDING_OUT,         FROM_PENDING_OUT,    NONE_PENDING_OUT,    BOTH,              FROM);
        inbound(BOTH,                     BOTH,                TO,                  BOTH,              FROM);
    }

    private static void mirror(SubscriptionState a, SubscriptionState b) {
        MIRROR.put(a, b);
        MIRROR.put(b, a);
    }

    private static void outbound(SubscriptionState state, SubscriptionState subscribe, SubscriptionState unsubscribe,
                                 SubscriptionState subscribed, SubscriptionState unsubscribed) {
        OUTBOUND.put(state, row(subscribe, unsubscribe, subscribed, unsubscribed));
    }

    private static void inbound(SubscriptionState state, SubscriptionState subscribe, SubscriptionState unsubscribe,
                                SubscriptionState subscribed, SubscriptionState unsubscribed) {
        INBOUND.put(state, row(subscribe, unsubscribe, subscribed, unsubscribed));
    }

    private static Map<Stanza, SubscriptionState> row(SubscriptionState subscribe, SubscriptionState unsubscribe,
                                                      SubscriptionState subscribed, SubscriptionState unsubscribed) {
        Map<Stanza, SubscriptionState> row = new EnumMap<>(Stanza.class);
        row.put(Stanza.SUBSCRIBE, subscribe);
        row.put(Stanza.UNSUBSCRIBE, unsubscribe);
        row.put(Stanza.SUBSCRIBED, subscribed);
        row.put(Stanza.UNSUBSCRIBED, unsubscribed);
        return row;
    }
}
