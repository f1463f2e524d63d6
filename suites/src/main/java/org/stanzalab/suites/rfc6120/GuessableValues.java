package org.stanzalab.suites.rfc6120;

import java.math.BigInteger;
import java.util.List;

/**
 * Heuristics for values a server must make unpredictable (stream ids, RFC 6120 §4.7.3; generated resourceparts, §7.6).
 * Randomness cannot be proven from a few samples; what can be seen is the common way of getting it wrong.
 */
final class GuessableValues {
    /** Neighbours closer than this, taken one after the other, are as good as a counter. */
    private static final BigInteger COUNTER_STEP = BigInteger.valueOf(1000);

    private GuessableValues() {
    }

    /**
     * Whether values taken one after the other look like a counter: apart from a prefix and suffix they all share,
     * they are numbers that differ by little from one to the next ("res-17", "res-18", ...).
     */
    static boolean looksLikeACounter(List<String> values) {
        if (values.size() < 2) {
            return false;
        }
        int prefix = commonPrefixLength(values);
        int suffix = commonSuffixLength(values, prefix);
        try {
            List<BigInteger> numbers = values.stream()
                    .map(v -> new BigInteger(v.substring(prefix, v.length() - suffix)))
                    .toList();
            for (int i = 1; i < numbers.size(); i++) {
                if (numbers.get(i).subtract(numbers.get(i - 1)).abs().compareTo(COUNTER_STEP) > 0) {
                    return false;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int commonPrefixLength(List<String> values) {
        int length = values.stream().mapToInt(String::length).min().orElse(0);
        for (int i = 0; i < length; i++) {
            int at = i;
            char c = values.get(0).charAt(at);
            if (!Character.isDigit(c) && values.stream().allMatch(v -> v.charAt(at) == c)) {
                continue;
            }
            return i;
        }
        return length;
    }

    private static int commonSuffixLength(List<String> values, int prefix) {
        int length = values.stream().mapToInt(v -> v.length() - prefix).min().orElse(0);
        for (int i = 1; i <= length; i++) {
            int back = i;
            char c = values.get(0).charAt(values.get(0).length() - back);
            if (!Character.isDigit(c) && values.stream().allMatch(v -> v.charAt(v.length() - back) == c)) {
                continue;
            }
            return i - 1;
        }
        return length;
    }
}
