package org.stanzalab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.stanzalab.wire.sasl.ScramClient;
import org.stanzalab.wire.sasl.ScramDowngradeProtection;
import org.stanzalab.wire.sasl.ScramMechanism;

/**
 * XEP-0474's downgrade protection hash and SCRAM's channel-binding attribute against the XEP's own example, and the
 * check the xep0474 suite makes (the hash of what the client saw against the server's "h") against a scripted server
 * that hashes right, and one that hashes a list other than the one it advertised (as when a man in the middle strips
 * -PLUS from the features).
 */
class ScramDowngradeProtectionTest {
    private static final String FEATURES = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            + "<mechanism>SCRAM-SHA-1-PLUS</mechanism><mechanism>SCRAM-SHA-1</mechanism></mechanisms>"
            + "<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='tls-server-end-point'/>"
            + "<channel-binding type='tls-exporter'/></sasl-channel-binding></stream:features>";
    private static final Pattern AUTH = Pattern.compile("<auth [^>]*>([^<]*)</auth>");

    @Test
    void hashMatchesTheXepExample() {
        // XEP-0474 §6.3: SHA-1 over "SCRAM-SHA-1 RS SCRAM-SHA-1-PLUS US tls-exporter RS tls-server-end-point".
        String hash = ScramDowngradeProtection.hash(ScramMechanism.SHA1, List.of("SCRAM-SHA-1-PLUS", "SCRAM-SHA-1"),
                Optional.of(List.of("tls-server-end-point", "tls-exporter")));

        assertEquals("G6k/rBLDqgOhRRaCuuatSDFkJ08=", hash);
    }

    @Test
    void withoutXep0440TheTypeSeparatorIsLeftOut() {
        String none = ScramDowngradeProtection.hash(ScramMechanism.SHA1, List.of("SCRAM-SHA-1"), Optional.empty());
        String emptyList = ScramDowngradeProtection.hash(ScramMechanism.SHA1, List.of("SCRAM-SHA-1"), Optional.of(List.of()));

        assertEquals(Base64.getEncoder().encodeToString(ScramMechanism.SHA1.digest("SCRAM-SHA-1".getBytes(StandardCharsets.UTF_8))), none);
        assertNotEquals(none, emptyList);
    }

    @Test
    void channelBindingAttributeCarriesHeaderAndData() {
        // XEP-0474 §6.3's client-final message: c= is base64("p=tls-exporter,," + the binding data).
        ScramClient client = ScramClient.binding(ScramMechanism.SHA1, "tls-exporter",
                "THIS IS FAKE CB DATA".getBytes(StandardCharsets.US_ASCII));

        assertEquals("cD10bHMtZXhwb3J0ZXIsLFRISVMgSVMgRkFLRSBDQiBEQVRB", client.channelBindingAttribute());
        assertEquals("SCRAM-SHA-1-PLUS", client.saslMechanism());
        assertTrue(client.clientFirst("user").startsWith("p=tls-exporter,,n=user,r="));
        assertEquals("y,,", ScramClient.claimingServerCannotBind(ScramMechanism.SHA256).gs2Header());
        assertEquals("biws", new ScramClient(ScramMechanism.SHA256).channelBindingAttribute());
    }

    @Test
    void hashOfTheAdvertisedListsMatches() throws Exception {
        String sent = ScramDowngradeProtection.hash(ScramMechanism.SHA1, List.of("SCRAM-SHA-1", "SCRAM-SHA-1-PLUS"),
                Optional.of(List.of("tls-exporter", "tls-server-end-point")));

        HashCheck check = exchange(sent);

        assertEquals(Optional.of(sent), check.received);
        assertEquals(check.expected, check.received.orElseThrow());
    }

    @Test
    void hashOfAnotherListIsDetected() throws Exception {
        // The server (or whoever rewrote its features) hashed a list without -PLUS and without XEP-0440 types.
        String sent = ScramDowngradeProtection.hash(ScramMechanism.SHA1, List.of("SCRAM-SHA-1"), Optional.empty());

        HashCheck check = exchange(sent);

        assertNotEquals(check.expected, check.received.orElseThrow());
    }

    @Test
    void serverFirstWithoutTheAttributeHasNoHash() throws Exception {
        assertEquals(Optional.empty(), exchange(null).received);
    }

    private record HashCheck(String expected, Optional<String> received) {
    }

    /** A scripted server advertising {@link #FEATURES} and answering SCRAM-SHA-1 with "h=" + {@code hash} (none if null). */
    private static HashCheck exchange(String hash) throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            c.awaitReceived("<stream:stream");
            c.send(FakePeer.HEADER + FEATURES);
            String auth = c.awaitReceived("</auth>");
            Matcher m = AUTH.matcher(auth);
            assertTrue(m.find(), auth);
            String clientFirst = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
            String nonce = clientFirst.substring(clientFirst.indexOf("r=") + 2);
            String serverFirst = "r=" + nonce + "srv,s=QSXCR+Q6sek8bf92,i=4096" + (hash == null ? "" : ",h=" + hash);
            c.send("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                    + Base64.getEncoder().encodeToString(serverFirst.getBytes(StandardCharsets.UTF_8)) + "</challenge>");
            c.awaitClientEof();
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            XmlElement features = stream.readFeatures();
            ScramClient scram = new ScramClient(ScramMechanism.SHA1);
            stream.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>" + Base64.getEncoder()
                    .encodeToString(scram.clientFirst("user").getBytes(StandardCharsets.UTF_8)) + "</auth>");
            XmlElement challenge = stream.expect(e -> e.is("challenge", XmppNamespaces.SASL), "challenge");
            scram.readServerFirst(new String(Base64.getDecoder().decode(challenge.text()), StandardCharsets.UTF_8));
            HashCheck check = new HashCheck(ScramDowngradeProtection.expectedHash(ScramMechanism.SHA1, features),
                    scram.downgradeProtectionHash());
            stream.close();
            peer.assertScriptCompleted();
            return check;
        }
    }
}
