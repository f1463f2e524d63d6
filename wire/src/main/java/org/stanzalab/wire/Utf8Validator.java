package org.stanzalab.wire;

/**
 * Incremental strict UTF-8 check (RFC 3629: no overlongs, surrogates or code points above U+10FFFF).
 * Needed because Aalto's async parser decodes some invalid sequences instead of rejecting them.
 * Sequences may span chunks; the state carries over between calls.
 */
final class Utf8Validator {
    private int continuationBytesExpected;
    // Allowed range of the next continuation byte; narrower than 80..BF right after some lead bytes.
    private int lowest = 0x80;
    private int highest = 0xBF;
    private String problem;

    /** Index of the first byte that makes the input invalid, or -1 if all of it is (so far) valid. */
    int firstInvalid(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xFF;
            if (continuationBytesExpected > 0) {
                if (b < lowest || b > highest) {
                    problem = String.format("byte 0x%02X does not continue the multi-byte sequence before it", b);
                    return i;
                }
                continuationBytesExpected--;
                lowest = 0x80;
                highest = 0xBF;
            } else if (b >= 0x80 && !startSequence(b)) {
                problem = String.format("byte 0x%02X cannot start a UTF-8 character", b);
                return i;
            }
        }
        return -1;
    }

    /** True if the input so far ends inside a multi-byte character. */
    boolean insideSequence() {
        return continuationBytesExpected > 0;
    }

    /** What was wrong with the byte {@link #firstInvalid} last reported. */
    String problem() {
        return problem;
    }

    private boolean startSequence(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuationBytesExpected = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuationBytesExpected = 2;
            if (lead == 0xE0) {
                lowest = 0xA0; // shorter forms would be overlong
            } else if (lead == 0xED) {
                highest = 0x9F; // ED A0..BF would encode UTF-16 surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuationBytesExpected = 3;
            if (lead == 0xF0) {
                lowest = 0x90;
            } else if (lead == 0xF4) {
                highest = 0x8F; // beyond U+10FFFF otherwise
            }
        } else {
            return false; // 80..C1 (continuation or overlong lead) and F5..FF
        }
        return true;
    }
}
