package org.stanzalab.suites.xep0373;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0060.Pubsub;
import org.stanzalab.suites.xep0163.Caps;
import org.stanzalab.wire.XmlElement;

/**
 * The PEP nodes of XEP-0373 (OpenPGP for XMPP, urn:xmpp:openpgp:0) as a client publishes them: the public-key
 * metadata node, one public-key data node per fingerprint, and the secret-key backup node. Keys are random bytes in
 * base64 and fingerprints random hex: well-formed and opaque, as real ones are to a server. The metadata and
 * secret-key node names are fixed, so the tests run on fresh accounts; every node is deleted at the end.
 */
final class OpenPgpNodes {
    static final String VERSION = "0.7.0";
    static final String NS = "urn:xmpp:openpgp:0";
    static final String METADATA = NS + ":public-keys";
    static final String SECRET_KEY = NS + ":secret-key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenPgpNodes() {
    }

    /** An OpenPGP v4 fingerprint string as §4.1 writes one: 20 bytes in upper-case hex. */
    static String newFingerprint() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    /** The data node of a key (§4.1): the metadata node's name, a colon, the fingerprint. */
    static String dataNode(String fingerprint) {
        return METADATA + ":" + fingerprint;
    }

    static String base64(int bytes) {
        byte[] data = new byte[bytes];
        RANDOM.nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }

    /** An item id as §4.1 suggests one: the publication time as an XEP-0082 DateTime. */
    static String timestamp(Instant when) {
        return when.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A pubkey element (§4.1) with random key data. */
    static String pubkey() {
        return "<pubkey xmlns='" + NS + "'><data>" + base64(400) + "</data></pubkey>";
    }

    /** A public-keys-list (§4.2) naming this fingerprint. */
    static String metadata(String fingerprint) {
        return "<public-keys-list xmlns='" + NS + "'><pubkey-metadata v4-fingerprint='" + fingerprint + "' date='"
                + timestamp(Instant.now()) + "'/></public-keys-list>";
    }

    /** A secretkey element (§5.4) with random backup data. */
    static String secretKey() {
        return "<secretkey xmlns='" + NS + "'>" + base64(600) + "</secretkey>";
    }

    static Map<String, String> open() {
        return Map.of("pubsub#access_model", "open");
    }

    /** §5: a private node, the whitelist access model with the owner alone on the list. */
    static Map<String, String> whitelist() {
        return Map.of("pubsub#access_model", "whitelist");
    }

    // ---------------------------------------------------------------- accounts and sessions

    /** The user logged in over the wire driver and available, with caps asking for notifications of these nodes. */
    static RawSession online(Lab lab, User user, String... notifyNodes) {
        RawSession session = lab.raw().authenticate(user).bind();
        Caps.announce(session, java.util.Arrays.stream(notifyNodes).map(Caps::notify).toList());
        return session;
    }

    /** The user logged in over the wire driver, with no presence: a stranger to everyone. */
    static RawSession login(Lab lab, User user) {
        return lab.raw().authenticate(user).bind();
    }

    /** Each subscribed to the other's presence, as two contacts are; the set-up sessions are closed again. */
    static void contacts(Lab lab, User a, User b) {
        lab.setUp("a mutual presence subscription of " + a.role() + " and " + b.role(), () -> {
            Session one = a.connect().available();
            Session two = b.connect().available();
            Subscription.establish(lab, one, two, true);
            Subscription.establish(lab, two, one, true);
            one.close();
            two.close();
        });
    }

    static Pubsub own(RawSession session) {
        return new Pubsub(session, null);
    }

    static Pubsub of(RawSession session, User owner) {
        return new Pubsub(session, owner.jid().toString());
    }

    /** Publishes as a set-up step, which must succeed, and has the node deleted at the end. */
    static void published(Lab lab, RawSession owner, String node, String itemId, String payload, Map<String, String> options) {
        deletedAtEnd(lab, owner, node);
        lab.setUp("publishing to " + node, () -> {
            XmlElement reply = Pubsub.setUpChange(owner, "the publish to " + node, 5, () -> own(owner).publish(node, itemId, payload, options));
            if (!Pubsub.isResult(reply)) {
                throw new AssertionError("the publish to " + node + " was answered with " + Pubsub.describe(reply));
            }
        });
    }

    static void deletedAtEnd(Lab lab, RawSession owner, String node) {
        lab.cleanup("PEP node " + node + " of " + owner.jid(), () -> own(owner).delete(node));
    }

    /** Like {@link #deletedAtEnd}, by a login of its own at the end, for tests that end the owner's sessions. */
    static void deletedAtEndByNewLogin(Lab lab, User owner, String node) {
        lab.cleanup("PEP node " + node + " of " + owner.jid(), () -> own(login(lab, owner)).delete(node));
    }

    static Map<String, String> configuration(RawSession owner, String node) {
        XmlElement reply = own(owner).configureForm(node);
        if (!Pubsub.isResult(reply)) {
            throw new org.stanzalab.engine.ServerFailure("the owner's request for the configuration of " + node + " was answered with "
                    + Pubsub.describe(reply));
        }
        return Pubsub.configuration(reply);
    }
}
