package org.stanzalab.engine.accounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts a run may leave on one server, and what is known of each, so that the list at the end of the run
 * names every account that is (or may be) there and no account that is gone.
 */
public final class Leftovers {

    /** What the end of the run knows about a listed account. */
    public enum State {
        /** On the server: the server refused to remove it, or it was seen there after the run. */
        LEFT,
        /** Perhaps on the server: neither its removal nor a login with its password could tell. */
        MAY_EXIST
    }

    /** One account to report: its name (never its password), what is known, and why it is there. */
    public record Entry(String username, State state, String why) {
    }

    /** Tries to remove an account again; throws {@link ProvisioningException} when it cannot. */
    public interface Removal {
        void remove(Credentials account);
    }

    /** Whether the account exists: a login with its own password; empty when that cannot tell (no answer). */
    public interface Existence {
        Optional<Boolean> exists(Credentials account);
    }

    private record Pending(Credentials account, boolean certainlyThere, String why) {
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>();

    /** An account that is, or may be, still on the server. A later note on the same account replaces an earlier one. */
    public synchronized void add(Credentials account, boolean certainlyThere, String why) {
        pending.put(account.username(), new Pending(account, certainlyThere, why));
    }

    public synchronized boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * Settles every account: removal is tried once more where {@code removal} is given, and an account whose fate is
     * unknown is looked for with {@code existence}. Returns the accounts that are there or may be, in the order noted.
     */
    public synchronized List<Entry> settle(Removal removal, Existence existence) {
        List<Entry> remaining = new ArrayList<>();
        for (Pending p : pending.values()) {
            boolean certain = p.certainlyThere();
            String why = p.why();
            if (removal != null) {
                try {
                    removal.remove(p.account());
                    continue;
                } catch (ProvisioningException e) {
                    certain = e.account().isPresent() && e.certainlyThere();
                    why = e.getMessage();
                }
            }
            if (certain) {
                remaining.add(new Entry(p.account().username(), State.LEFT, why));
                continue;
            }
            Optional<Boolean> there = existence.exists(p.account());
            if (there.isEmpty()) {
                remaining.add(new Entry(p.account().username(), State.MAY_EXIST, why));
            } else if (there.get()) {
                remaining.add(new Entry(p.account().username(), State.LEFT, why));
            }
        }
        pending.clear();
        return remaining;
    }
}
