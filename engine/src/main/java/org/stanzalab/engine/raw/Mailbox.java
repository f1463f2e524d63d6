package org.stanzalab.engine.raw;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.stanzalab.wire.XmlElement;

/**
 * Everything a raw session received, in arrival order. An expectation takes the first element it matches and
 * leaves the rest for later ones; what was taken is still listed in {@link #all()} until {@link #forget()}.
 */
final class Mailbox {
    private final List<XmlElement> elements = new ArrayList<>();
    private final BitSet taken = new BitSet();

    void add(XmlElement element) {
        elements.add(element);
    }

    /** The first element not taken yet that matches, now taken; empty if none does. */
    Optional<XmlElement> take(Predicate<XmlElement> wanted) {
        for (int i = taken.nextClearBit(0); i < elements.size(); i = taken.nextClearBit(i + 1)) {
            if (wanted.test(elements.get(i))) {
                taken.set(i);
                return Optional.of(elements.get(i));
            }
        }
        return Optional.empty();
    }

    /** Every element received since the last {@link #forget()}, taken or not. */
    List<XmlElement> all() {
        return List.copyOf(elements);
    }

    /** The elements no expectation has taken yet, in arrival order. */
    List<XmlElement> untaken() {
        List<XmlElement> left = new ArrayList<>();
        for (int i = taken.nextClearBit(0); i < elements.size(); i = taken.nextClearBit(i + 1)) {
            left.add(elements.get(i));
        }
        return left;
    }

    void forget() {
        elements.clear();
        taken.clear();
    }
}
