package org.stanzalab.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What tests made on one server and no protocol lets them remove (an uploaded file: XEP-0363 has no deletion). Each
 * is looked for once at the end of the run, after the accounts are gone (a server may remove a user's files with the
 * account); those still there, or whose fate cannot be told, are named in a notice.
 */
public final class Remnants {

    private record Remnant(String kind, String item, String why, Callable<Boolean> stillThere) {
    }

    private final List<Remnant> all = new ArrayList<>();

    /**
     * @param kind       what it is, plural-able by an "s": "uploaded file"
     * @param item       how the operator finds it (a URL; never a secret)
     * @param why        why the run cannot remove it
     * @param stillThere a bounded look whether it is still there
     */
    public synchronized void add(String kind, String item, String why, Callable<Boolean> stillThere) {
        all.add(new Remnant(kind, item, why, stillThere));
    }

    /** Looks for each remnant; one line per kind that stays, or empty when every one is gone. */
    public List<String> settle(String domain) {
        List<Remnant> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(all);
            all.clear();
        }
        List<String> lines = new ArrayList<>();
        snapshot.stream().map(Remnant::kind).distinct().forEach(kind -> {
            List<Remnant> ofKind = snapshot.stream().filter(r -> r.kind().equals(kind)).toList();
            List<String> there = new ArrayList<>();
            int unknown = 0;
            for (Remnant r : ofKind) {
                Optional<Boolean> seen = look(r);
                if (seen.isEmpty()) {
                    unknown++;
                    there.add(r.item());
                } else if (seen.get()) {
                    there.add(r.item());
                }
            }
            if (!there.isEmpty()) {
                lines.add(domain + ": " + there.size() + " " + kind + (there.size() == 1 ? "" : "s") + " of " + ofKind.size()
                        + " made by the run stay on the server (" + ofKind.get(0).why() + ")"
                        + (unknown > 0 ? ", " + unknown + " of them not confirmed because the look failed" : "")
                        + ": " + String.join(", ", there.subList(0, Math.min(3, there.size())))
                        + (there.size() > 3 ? " and " + (there.size() - 3) + " more" : ""));
            }
        });
        return lines;
    }

    private static Optional<Boolean> look(Remnant r) {
        try {
            return Optional.of(r.stillThere().call());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }
}
