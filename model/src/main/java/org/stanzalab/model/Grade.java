package org.stanzalab.model;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A letter grade with the reasons for it, as a scan of one port (TLS versions, ciphers, certificate) gives it:
 * the score starts at 100 and each deduction takes points off; a cap limits the letter whatever the score (an
 * expired certificate is F, however good the ciphers).
 *
 * @param letter     the grade after deductions and caps
 * @param score      100 minus the deductions, never below 0
 * @param caps       why the letter is lower than the score alone gives, each with the highest letter it allows
 * @param deductions what cost points, each with its points and why
 */
public record Grade(Letter letter, int score, List<Cap> caps, List<Deduction> deductions) {

    public Grade {
        caps = caps == null ? List.of() : List.copyOf(caps);
        deductions = deductions == null ? List.of() : List.copyOf(deductions);
    }

    /** The grade from the deductions and caps: A from 90 points, B from 80, C from 65, D from 50, E from 35, else F. */
    public static Grade of(List<Deduction> deductions, List<Cap> caps) {
        int score = Math.max(0, 100 - deductions.stream().mapToInt(Deduction::points).sum());
        Letter letter = Letter.forScore(score);
        for (Cap cap : caps) {
            if (cap.highest().compareTo(letter) > 0) {
                letter = cap.highest();
            }
        }
        return new Grade(letter, score, caps, deductions);
    }

    /** Grades from best to worst; a later letter is a worse grade. */
    public enum Letter {
        A, B, C, D, E, F;

        static Letter forScore(int score) {
            return score >= 90 ? A : score >= 80 ? B : score >= 65 ? C : score >= 50 ? D : score >= 35 ? E : F;
        }

        @JsonValue
        public String word() {
            return name();
        }

        @JsonCreator
        public static Letter parse(String letter) {
            try {
                return valueOf(letter.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown grade '" + letter + "' (expected A to F)");
            }
        }
    }

    /** Points taken off, and why, in words a server operator can act on. */
    public record Deduction(int points, String explanation) {
        public Deduction {
            if (points < 0) {
                throw new IllegalArgumentException("a deduction takes points off: " + points);
            }
        }
    }

    /** A finding that limits the grade to this letter at best, whatever the score. */
    public record Cap(Letter highest, String reason) {
    }
}
