package org.stanzalab.suites.xep0384.omemo;

import java.util.Arrays;

/** The three protobuf messages of XEP-0384 § Protobuf Schema, with their encoding and decoding. */
final class Messages {
    private Messages() {
    }

    /** OMEMOMessage: the Double Ratchet header (n, pn, dh_pub) and, once encrypted, the ciphertext. */
    record OmemoMessage(int n, int pn, byte[] dhPub, byte[] ciphertext) {
        byte[] encode() {
            Protobuf.Writer writer = new Protobuf.Writer().uint32(1, n).uint32(2, pn).bytes(3, dhPub);
            if (ciphertext != null) {
                writer.bytes(4, ciphertext);
            }
            return writer.toByteArray();
        }

        static OmemoMessage decode(byte[] data) {
            Protobuf.Fields fields = Protobuf.Fields.parse(data);
            return new OmemoMessage(fields.uint32(1), fields.uint32(2), fields.bytes(3), fields.optionalBytes(4));
        }
    }

    /** OMEMOAuthenticatedMessage: the truncated MAC and the exact bytes of the OMEMOMessage it covers. */
    record AuthenticatedMessage(byte[] mac, byte[] message) {
        byte[] encode() {
            return new Protobuf.Writer().bytes(1, mac).bytes(2, message).toByteArray();
        }

        static AuthenticatedMessage decode(byte[] data) {
            Protobuf.Fields fields = Protobuf.Fields.parse(data);
            return new AuthenticatedMessage(fields.bytes(1), fields.bytes(2));
        }
    }

    /** OMEMOKeyExchange: the X3DH header (pre-key ids, identity and ephemeral keys) around the first message. */
    record KeyExchange(int pkId, int spkId, byte[] ik, byte[] ek, AuthenticatedMessage message) {
        byte[] encode() {
            return new Protobuf.Writer().uint32(1, pkId).uint32(2, spkId).bytes(3, ik).bytes(4, ek)
                    .bytes(5, message.encode()).toByteArray();
        }

        static KeyExchange decode(byte[] data) {
            Protobuf.Fields fields = Protobuf.Fields.parse(data);
            return new KeyExchange(fields.uint32(1), fields.uint32(2), fields.bytes(3), fields.bytes(4),
                    AuthenticatedMessage.decode(fields.bytes(5)));
        }

        boolean sameEphemeral(byte[] other) {
            return Arrays.equals(ek, other);
        }
    }
}
