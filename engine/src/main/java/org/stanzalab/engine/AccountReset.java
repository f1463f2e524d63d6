package org.stanzalab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings a configured account back to the state of a fresh one, and proves it: subscription requests waiting for
 * it are declined, every roster item is removed (which also cancels subscriptions and pre-approvals, RFC 6121
 * §2.5 and §3.4), the XEP-0191 block list is emptied where the server has one, and then the roster and the block
 * list are fetched again and must be empty. Fresh accounts need none of this; accounts the user lends us for a
 * whole run do, or one test's contacts would show up in the next test's roster and presence.
 *
 * <p>The stream works with addresses as the server wrote them, never parsed: an item with an address the server
 * once accepted and a client library now rejects is exactly what must still be removable, or at least nameable.
 */
final class AccountReset {
    private AccountReset() {
    }

    /** What a reset needs from a stream logged in as the account. Addresses are raw strings, as the server sent them. */
    interface Stream {
        /** Sends initial presence; the server then delivers subscription requests that wait for the account. */
        void available();

        /** The senders of the subscription requests received so far. */
        List<String> subscriptionRequests();

        /** Declines a subscription request (presence of type unsubscribed). */
        void decline(String requester);

        /** The JIDs of the roster's items, as the server wrote them. */
        List<String> roster();

        /** Asks the server to remove the item; the server's refusal, if it refused. */
        Optional<String> removeFromRoster(String jid);

        /** The blocked JIDs; empty when the server has no block list (XEP-0191). */
        Optional<List<String>> blocklist();

        /** Asks the server to unblock everything; its refusal, if it refused. */
        Optional<String> unblockAll();
    }

    /** The account could not be brought back to a clean state; the message says which state and what the server said. */
    static final class Unclean extends RuntimeException {
        Unclean(String message) {
            super(message);
        }
    }

    /** Cleans the account and verifies the result; throws {@link Unclean} naming what is left. */
    static void clean(Stream stream) {
        stream.available();
        List<String> items = stream.roster();
        // The roster round trip came after the presence, so every waiting request has arrived by now.
        stream.subscriptionRequests().forEach(stream::decline);
        List<String> refusals = new ArrayList<>();
        for (String jid : items) {
            stream.removeFromRoster(jid).ifPresent(refusal ->
                    refusals.add("roster item '" + jid + "' could not be removed (server answered " + refusal + ")"));
        }
        Optional<List<String>> blocked = stream.blocklist();
        if (blocked.isPresent() && !blocked.get().isEmpty()) {
            stream.unblockAll().ifPresent(refusal ->
                    refusals.add("blocked JIDs " + blocked.get() + " could not be unblocked (server answered " + refusal + ")"));
        }
        if (!refusals.isEmpty()) {
            throw new Unclean(String.join("; ", refusals));
        }
        // Verified only where something was changed: an empty first answer is already the proof.
        List<String> left = items.isEmpty() ? List.of() : stream.roster();
        if (!left.isEmpty()) {
            throw new Unclean("roster item" + (left.size() == 1 ? " '" + left.get(0) + "' is" : "s " + left + " are")
                    + " still there after the server accepted the removal");
        }
        List<String> stillBlocked = blocked.map(List::isEmpty).orElse(true) ? List.of() : stream.blocklist().orElse(List.of());
        if (!stillBlocked.isEmpty()) {
            throw new Unclean("blocked JIDs " + stillBlocked + " are still blocked after the server accepted the unblocking");
        }
    }
}
