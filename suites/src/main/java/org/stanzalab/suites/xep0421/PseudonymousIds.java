package org.stanzalab.suites.xep0421;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.stanzalab.engine.Level.MUST;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.suites.xep0045.Room;

/**
 * XEP-0421 §4.1, pseudonymity: the id must not be derivable from the real bare JID with parameters anyone can guess.
 * Each case computes what one such shortcut would give for alice and checks that her id is none of it, in hex (either
 * case) and base64 (padded or not, standard or URL alphabet).
 */
@StanzalabTest
class PseudonymousIds {

    /** A derivation from public facts only: the bare JID, the room's address, the service's address. */
    enum Shortcut {
        /** The bare JID itself, merely encoded. */
        encodedBareJid {
            byte[] derive(String user, String room, String service) {
                return bytes(user);
            }
        },
        md5OfBareJid {
            byte[] derive(String user, String room, String service) {
                return digest("MD5", bytes(user));
            }
        },
        sha1OfBareJid {
            byte[] derive(String user, String room, String service) {
                return digest("SHA-1", bytes(user));
            }
        },
        sha256OfBareJid {
            byte[] derive(String user, String room, String service) {
                return digest("SHA-256", bytes(user));
            }
        },
        sha512OfBareJid {
            byte[] derive(String user, String room, String service) {
                return digest("SHA-512", bytes(user));
            }
        },
        /** The XEP's second construction with the secret left out: a hash of room, NUL, user. */
        sha1OfRoomAndBareJid {
            byte[] derive(String user, String room, String service) {
                return digest("SHA-1", bytes(room + "\0" + user));
            }
        },
        /** HMAC keyed with the room's address, which every occupant knows. */
        hmacKeyedWithRoomAddress {
            byte[] derive(String user, String room, String service) {
                return hmac("HmacSHA256", bytes(room), bytes(user));
            }
        },
        /** HMAC keyed with the service's address. */
        hmacKeyedWithServiceAddress {
            byte[] derive(String user, String room, String service) {
                return hmac("HmacSHA1", bytes(service), bytes(user));
            }
        };

        abstract byte[] derive(String user, String room, String service);

        /** The ways the derived bytes could be written as an id. */
        Set<String> spellings(String user, String room, String service) {
            byte[] raw = derive(user, room, service);
            Set<String> all = new LinkedHashSet<>();
            all.add(HexFormat.of().formatHex(raw));
            all.add(Base64.getEncoder().encodeToString(raw));
            all.add(Base64.getEncoder().withoutPadding().encodeToString(raw));
            all.add(Base64.getUrlEncoder().encodeToString(raw));
            all.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
            return all;
        }

        static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        static byte[] digest(String algorithm, byte[] input) {
            try {
                return MessageDigest.getInstance(algorithm).digest(input);
            } catch (NoSuchAlgorithmException e) {
                throw new TestError("this Java has no " + algorithm, e);
            }
        }

        static byte[] hmac(String algorithm, byte[] key, byte[] input) {
            try {
                Mac mac = Mac.getInstance(algorithm);
                mac.init(new SecretKeySpec(key, algorithm));
                return mac.doFinal(input);
            } catch (Exception e) {
                throw new TestError("this Java cannot compute " + algorithm, e);
            }
        }
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4.1", level = MUST,
          requirement = "the id is not the bare JID merely hashed or encoded with parameters anyone can guess")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Shortcut.class)
    void idIsNotDerivedFromPublicFacts(Shortcut shortcut, Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Ids.room(lab, alice, "alice");

        String id = Ids.id(room.created);

        Set<String> guesses = shortcut.spellings(alice.bareJid().toString(), room.jid.toString(), room.jid.getDomain().toString());
        assertFalse(guesses.stream().anyMatch(id::equalsIgnoreCase),
                "alice's occupant id " + id + " is her bare JID put through " + shortcut + ", which anyone can recompute");
    }
}
