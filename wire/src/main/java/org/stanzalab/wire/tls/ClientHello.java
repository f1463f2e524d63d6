package org.stanzalab.wire.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * A hand-made TLS ClientHello record for one protocol version and a list of suites, as testssl.sh and sslscan send
 * it: JSSE refuses to offer SSLv3, TLS 1.0, RC4, export or NULL suites, so it cannot ask a server whether it would
 * accept them. Only the server's first answer (ServerHello or alert) is read, so nothing here needs to complete a
 * handshake: the TLS 1.3 key share is a real X25519 public key whose private half is thrown away.
 */
final class ClientHello {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** x25519, secp256r1, secp384r1, secp521r1, x448, ffdhe2048, ffdhe3072. */
    private static final int[] GROUPS = {0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0100, 0x0101};
    /** RSA, ECDSA and RSA-PSS with SHA-2 and SHA-1, Ed25519, DSA: wide enough for any certificate. */
    private static final int[] SIGNATURE_ALGORITHMS = {0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806,
            0x0401, 0x0501, 0x0601, 0x0203, 0x0201, 0x0402, 0x0202};
    private static final byte[] X25519_PUBLIC = x25519PublicKey();

    private ClientHello() {
    }

    static byte[] record(TlsVersion version, List<CipherSuite> suites, String serverName) {
        boolean tls13 = version == TlsVersion.TLS13;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, tls13 ? TlsVersion.TLS12.code() : version.code());
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        body.writeBytes(random);
        byte[] sessionId = new byte[tls13 ? 32 : 0];   // TLS 1.3 middlebox compatibility mode sends one
        RANDOM.nextBytes(sessionId);
        body.write(sessionId.length);
        body.writeBytes(sessionId);
        u16(body, (suites.size() + (tls13 ? 0 : 1)) * 2);
        for (CipherSuite suite : suites) {
            u16(body, suite.code());
        }
        if (!tls13) {
            u16(body, 0x00FF);   // TLS_EMPTY_RENEGOTIATION_INFO_SCSV: some servers refuse hellos without it
        }
        body.write(1);
        body.write(0);           // no compression
        if (version != TlsVersion.SSL3) {
            byte[] extensions = extensions(version, serverName);
            u16(body, extensions.length);
            body.writeBytes(extensions);
        }
        byte[] handshake = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22);
        u16(record, version == TlsVersion.SSL3 ? TlsVersion.SSL3.code() : TlsVersion.TLS10.code());
        u16(record, handshake.length + 4);
        record.write(1);         // client_hello
        u24(record, handshake.length);
        record.writeBytes(handshake);
        return record.toByteArray();
    }

    private static byte[] extensions(TlsVersion version, String serverName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (serverName != null && !serverName.isEmpty()) {
            byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream sni = new ByteArrayOutputStream();
            u16(sni, name.length + 3);
            sni.write(0);
            u16(sni, name.length);
            sni.writeBytes(name);
            extension(out, 0x0000, sni.toByteArray());
        }
        ByteArrayOutputStream groups = new ByteArrayOutputStream();
        u16(groups, GROUPS.length * 2);
        Arrays.stream(GROUPS).forEach(g -> u16(groups, g));
        extension(out, 0x000a, groups.toByteArray());
        extension(out, 0x000b, new byte[] {1, 0});   // ec_point_formats: uncompressed
        if (version.compareTo(TlsVersion.TLS12) >= 0) {
            ByteArrayOutputStream algorithms = new ByteArrayOutputStream();
            u16(algorithms, SIGNATURE_ALGORITHMS.length * 2);
            Arrays.stream(SIGNATURE_ALGORITHMS).forEach(a -> u16(algorithms, a));
            extension(out, 0x000d, algorithms.toByteArray());
        }
        if (version == TlsVersion.TLS13) {
            extension(out, 0x002b, new byte[] {2, 0x03, 0x04});   // supported_versions: TLS 1.3 only
            extension(out, 0x002d, new byte[] {1, 1});            // psk_key_exchange_modes: psk_dhe_ke
            ByteArrayOutputStream share = new ByteArrayOutputStream();
            u16(share, X25519_PUBLIC.length + 4);
            u16(share, 0x001d);
            u16(share, X25519_PUBLIC.length);
            share.writeBytes(X25519_PUBLIC);
            extension(out, 0x0033, share.toByteArray());
        } else {
            extension(out, 0xff01, new byte[] {0});               // renegotiation_info, empty
        }
        return out.toByteArray();
    }

    private static byte[] x25519PublicKey() {
        try {
            byte[] encoded = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
            return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);   // the raw key ends the SPKI
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no X25519", e);
        }
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void u24(ByteArrayOutputStream out, int value) {
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
