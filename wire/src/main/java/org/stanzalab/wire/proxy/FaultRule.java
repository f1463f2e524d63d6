package org.stanzalab.wire.proxy;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/**
 * One fault the {@link FaultProxy} injects into what the server sends: for each top-level element from the
 * server that {@code when} matches, {@code change} gives what the client gets instead (null: nothing).
 *
 * @param name   how reports name the rule, e.g. "drop-roster-result"
 * @param when   which elements it applies to; see {@link Match} for the usual predicates
 * @param change the replacement of a matching element, or null to drop it
 * @param holdUpTo null, or for a reordering rule: how long a matching element may wait for the next one to pass
 *                 it (see {@link #reorder})
 */
public record FaultRule(String name, Predicate<FromServer> when, UnaryOperator<XmlElement> change, Duration holdUpTo) {

    private static final Duration LONGEST_DELAY = Duration.ofSeconds(30);

    public FaultRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(change, "change");
        if (holdUpTo != null) {
            requireWithinLongestDelay(holdUpTo);
        }
    }

    /** A rule that changes (or, with a null result, drops) what it matches. */
    public FaultRule(String name, Predicate<FromServer> when, UnaryOperator<XmlElement> change) {
        this(name, when, change, null);
    }

    /** Whether matching elements are held back and let through after the next one ({@link #reorder}). */
    public boolean reorders() {
        return holdUpTo != null;
    }

    /** Matching elements never reach the client. */
    public static FaultRule drop(String name, Predicate<FromServer> when) {
        return new FaultRule(name, when, element -> null);
    }

    /**
     * Matching elements reach the client {@code delay} late (at most 30 s); so does everything the server sends
     * after them, as order is kept.
     */
    public static FaultRule delay(String name, Duration delay, Predicate<FromServer> when) {
        requireWithinLongestDelay(delay);
        return new FaultRule(name, when, element -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return element;
        });
    }

    /**
     * Matching elements swap places with the next element the server sends to the same client: one is held back
     * and let through right after that next element, matching or not (so a run of matching elements arrives
     * pairwise swapped: 2 1 4 3 ...). Nothing is held
     * forever: a held element goes on by itself after {@code upTo} (at most 30 s), or when the stream ends or
     * restarts, whichever comes first.
     */
    public static FaultRule reorder(String name, Duration upTo, Predicate<FromServer> when) {
        return new FaultRule(name, when, UnaryOperator.identity(), upTo);
    }

    private static void requireWithinLongestDelay(Duration delay) {
        if (delay.isNegative() || delay.compareTo(LONGEST_DELAY) > 0) {
            throw new IllegalArgumentException("a delay or hold is between 0 and " + LONGEST_DELAY.toSeconds() + " s");
        }
    }

    /** Matching elements get attribute {@code key} set to {@code value} (e.g. a wrong 'id', 'from' or 'type'). */
    public static FaultRule setAttribute(String name, String key, String value, Predicate<FromServer> when) {
        return new FaultRule(name, when, element -> element.withAttribute(key, value));
    }

    /** Matching elements lose their child elements named {@code localName} in {@code namespace}. */
    public static FaultRule removeChild(String name, String localName, String namespace, Predicate<FromServer> when) {
        return new FaultRule(name, when, element -> element.withChildren(c -> c.is(localName, namespace) ? null : c));
    }

    /** Matching elements lose every descendant named {@code localName} in {@code namespace}, at any depth. */
    public static FaultRule removeDescendant(String name, String localName, String namespace,
                                             Predicate<FromServer> when) {
        return new FaultRule(name, when, element -> withoutDescendants(element, localName, namespace));
    }

    private static XmlElement withoutDescendants(XmlElement element, String localName, String namespace) {
        return element.withChildren(c -> c.is(localName, namespace) ? null : withoutDescendants(c, localName, namespace));
    }

    /**
     * Matching stanzas' {@code <error/>} gets {@code condition} (a defined condition of RFC 6120 §8.3.3, e.g.
     * "item-not-found") instead of the condition the server chose; the error's type and text are kept.
     */
    public static FaultRule replaceErrorCondition(String name, String condition, Predicate<FromServer> when) {
        XmlElement replacement = XmlElement.builder(condition, XmppNamespaces.STANZA_ERRORS).build();
        return new FaultRule(name, when, element -> element.withChildren(child -> !child.name().equals("error")
                ? child
                : child.withChildren(c -> c.namespace().equals(XmppNamespaces.STANZA_ERRORS) && !c.name().equals("text")
                        ? replacement : c)));
    }
}
