package org.stanzalab.engine.raw;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.TestError;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.sasl.ScramClient;
import org.stanzalab.wire.sasl.ScramException;

/**
 * The wire layer's SCRAM client carried over a raw session, one message at a time, for tests about SCRAM itself:
 * a malformed server message is the server's failure, and the proof never reaches the transcript.
 */
public final class RawScram {
    private final RawSession client;
    private final ScramClient scram;

    public RawScram(RawSession client, ScramClient scram) {
        this.client = client;
        this.scram = scram;
    }

    public ScramClient scram() {
        return scram;
    }

    public String clientNonce() {
        return scram.clientNonce();
    }

    /** Sends {@code <auth/>} with the client-first message and returns the server's answer. */
    public XmlElement sendClientFirst(String username) {
        return sendAuth(scram.clientFirst(username));
    }

    /** Sends {@code <auth/>} naming this client's mechanism with an arbitrary initial response (text before base64). */
    public XmlElement sendAuth(String initialResponse) {
        client.send("<auth xmlns='" + XmppNamespaces.SASL + "' mechanism='" + scram.saslMechanism() + "'>"
                + base64(initialResponse) + "</auth>");
        return client.expectSaslStep();
    }

    /** The server-first message's attributes; anything but a well-formed one in a {@code <challenge/>} fails the server. */
    public Map<String, String> readServerFirst(XmlElement challenge) {
        if (!challenge.is("challenge", XmppNamespaces.SASL)) {
            throw new ServerFailure("expected a SASL <challenge/> carrying the SCRAM server-first message, got " + challenge.toXml());
        }
        try {
            return scram.readServerFirst(decode(challenge, "server-first message"));
        } catch (ScramException e) {
            throw new ServerFailure(e.getMessage());
        }
    }

    /** The XEP-0474 hash ("h=") of the server-first message read, if any. */
    public Optional<String> downgradeProtectionHash() {
        return scram.downgradeProtectionHash();
    }

    public XmlElement sendClientFinal(String password) {
        return sendClientFinal(password, null);
    }

    /** With this nonce instead of the server's (a test may spoil it); null keeps the server's. */
    public XmlElement sendClientFinal(String password, String nonce) {
        String message;
        try {
            message = nonce == null ? scram.clientFinal(password) : scram.clientFinal(password, nonce);
        } catch (ScramException e) {
            throw new ServerFailure(e.getMessage());
        }
        String xml = "<response xmlns='" + XmppNamespaces.SASL + "'>";
        try {
            client.wire().sendRedacted(xml + base64(message) + "</response>", xml + "[client-final with proof, redacted]</response>");
        } catch (WireException e) {
            throw new TestError("could not send the SCRAM client-final message: " + e.getMessage(), e);
        }
        return client.expectSaslStep();
    }

    /** The whole exchange for this account; returns the server's last answer ({@code <success/>} or {@code <failure/>}). */
    public XmlElement exchange(String username, String password) {
        XmlElement first = sendClientFirst(username);
        if (!first.is("challenge", XmppNamespaces.SASL)) {
            return first;
        }
        readServerFirst(first);
        return sendClientFinal(password);
    }

    public String serverSignatureIn(XmlElement success) {
        try {
            return scram.serverSignatureIn(decode(success, "server-final message"));
        } catch (ScramException e) {
            throw new ServerFailure(e.getMessage());
        }
    }

    public String expectedServerSignature() {
        return scram.expectedServerSignature();
    }

    private static String decode(XmlElement element, String what) {
        try {
            return new String(Base64.getDecoder().decode(element.text().strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ServerFailure("the SCRAM " + what + " in " + element.toXml() + " is not base64 (RFC 6120 §6.4.2)");
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
