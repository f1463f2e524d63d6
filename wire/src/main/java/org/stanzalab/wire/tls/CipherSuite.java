package org.stanzalab.wire.tls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cipher suite by its IANA code and name, with what a grade needs to know of it, read from the name: the key
 * exchange, whether it is forward secret, anonymous, export-grade, and the strength of its bulk cipher.
 *
 * <p>The catalog is written out by hand: it is the set of suites testssl.sh and sslscan try that matters for a
 * verdict (NULL, EXPORT, RC4, DES, 3DES, anonymous, RSA key transport, DHE and ECDHE with CBC, GCM, CCM and
 * ChaCha20, and the five TLS 1.3 suites). JSSE knows only the suites it is willing to speak, so it cannot name the
 * others.
 */
public record CipherSuite(int code, String name) {

    /** How the key is agreed. */
    public enum KeyExchange { NONE, RSA, DH_STATIC, ECDH_STATIC, DHE, ECDHE, DH_ANON, ECDH_ANON, TLS13 }

    private static final Map<Integer, CipherSuite> BY_CODE = new LinkedHashMap<>();

    static {
        Object[][] table = {
                {0x0001, "TLS_RSA_WITH_NULL_MD5"}, {0x0002, "TLS_RSA_WITH_NULL_SHA"}, {0x003B, "TLS_RSA_WITH_NULL_SHA256"},
                {0xC006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA"}, {0xC010, "TLS_ECDHE_RSA_WITH_NULL_SHA"}, {0xC015, "TLS_ECDH_anon_WITH_NULL_SHA"},
                {0xC001, "TLS_ECDH_ECDSA_WITH_NULL_SHA"},
                {0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5"}, {0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5"},
                {0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA"}, {0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA"},
                {0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA"}, {0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5"},
                {0x0019, "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA"},
                {0x0004, "TLS_RSA_WITH_RC4_128_MD5"}, {0x0005, "TLS_RSA_WITH_RC4_128_SHA"}, {0xC007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA"},
                {0xC011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA"}, {0x0018, "TLS_DH_anon_WITH_RC4_128_MD5"}, {0xC016, "TLS_ECDH_anon_WITH_RC4_128_SHA"},
                {0x0009, "TLS_RSA_WITH_DES_CBC_SHA"}, {0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA"}, {0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA"},
                {0x001A, "TLS_DH_anon_WITH_DES_CBC_SHA"},
                {0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA"}, {0x0096, "TLS_RSA_WITH_SEED_CBC_SHA"},
                {0x0099, "TLS_DHE_DSS_WITH_SEED_CBC_SHA"}, {0x009A, "TLS_DHE_RSA_WITH_SEED_CBC_SHA"}, {0x009B, "TLS_DH_anon_WITH_SEED_CBC_SHA"},
                {0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"}, {0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA"},
                {0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"}, {0xC008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA"},
                {0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"}, {0x001B, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA"},
                {0xC017, "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA"},
                {0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA"}, {0x003A, "TLS_DH_anon_WITH_AES_256_CBC_SHA"},
                {0x006C, "TLS_DH_anon_WITH_AES_128_CBC_SHA256"}, {0x006D, "TLS_DH_anon_WITH_AES_256_CBC_SHA256"},
                {0x00A6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256"}, {0x00A7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384"},
                {0xC018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA"}, {0xC019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA"},
                {0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA"}, {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"},
                {0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256"}, {0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256"},
                {0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256"}, {0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384"},
                {0xC09C, "TLS_RSA_WITH_AES_128_CCM"}, {0xC09D, "TLS_RSA_WITH_AES_256_CCM"},
                {0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA"}, {0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA"},
                {0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA"}, {0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA"},
                {0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256"}, {0x006A, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256"},
                {0x00A2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256"}, {0x00A3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384"},
                {0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"}, {0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"},
                {0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"}, {0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"},
                {0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"}, {0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"},
                {0xC09E, "TLS_DHE_RSA_WITH_AES_128_CCM"}, {0xC09F, "TLS_DHE_RSA_WITH_AES_256_CCM"},
                {0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA"}, {0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA"},
                {0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
                {0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"}, {0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
                {0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"}, {0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"},
                {0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}, {0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
                {0xC0AC, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"}, {0xC0AD, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM"},
                {0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
                {0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"}, {0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
                {0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}, {0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
                {0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}, {0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
                {0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
                // what OpenSSL's DEFAULT list also accepts (testssl.sh lists them): ARIA, CAMELLIA with SHA-2, CCM_8
                {0xC050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256"}, {0xC051, "TLS_RSA_WITH_ARIA_256_GCM_SHA384"},
                {0xC052, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256"}, {0xC053, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384"},
                {0xC05C, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256"}, {0xC05D, "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384"},
                {0xC060, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256"}, {0xC061, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384"},
                {0x00BA, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256"}, {0x00C0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256"},
                {0x00BE, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256"}, {0x00C4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256"},
                {0xC072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256"}, {0xC073, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384"},
                {0xC076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256"}, {0xC077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384"},
                {0xC0A0, "TLS_RSA_WITH_AES_128_CCM_8"}, {0xC0A1, "TLS_RSA_WITH_AES_256_CCM_8"},
                {0xC0A2, "TLS_DHE_RSA_WITH_AES_128_CCM_8"}, {0xC0A3, "TLS_DHE_RSA_WITH_AES_256_CCM_8"},
                {0xC0AE, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"}, {0xC0AF, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8"},
                {0x1301, "TLS_AES_128_GCM_SHA256"}, {0x1302, "TLS_AES_256_GCM_SHA384"}, {0x1303, "TLS_CHACHA20_POLY1305_SHA256"},
                {0x1304, "TLS_AES_128_CCM_SHA256"}, {0x1305, "TLS_AES_128_CCM_8_SHA256"},
        };
        for (Object[] row : table) {
            CipherSuite suite = new CipherSuite((Integer) row[0], (String) row[1]);
            if (BY_CODE.put(suite.code(), suite) != null) {
                throw new IllegalStateException("cipher suite listed twice: " + suite);
            }
        }
    }

    /** RFC 7525 §4.2's recommended suites, and their ECDSA twins for servers with an EC key. */
    public static final List<String> RECOMMENDED = List.of(
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");

    /** Every suite of the catalog that a ClientHello of this version can offer. */
    public static List<CipherSuite> forVersion(TlsVersion version) {
        List<CipherSuite> list = new ArrayList<>();
        for (CipherSuite suite : BY_CODE.values()) {
            if (suite.isTls13() == (version == TlsVersion.TLS13) && (version.compareTo(TlsVersion.TLS12) >= 0 || !suite.needsTls12())) {
                list.add(suite);
            }
        }
        return Collections.unmodifiableList(list);
    }

    public static Optional<CipherSuite> byCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    public static Optional<CipherSuite> byName(String name) {
        return BY_CODE.values().stream().filter(s -> s.name.equals(name)).findFirst();
    }

    /** A suite the server chose that the catalog lacks (it cannot happen unless the server picks one never offered). */
    public static CipherSuite unknown(int code) {
        return new CipherSuite(code, String.format("UNKNOWN_0x%04X", code));
    }

    public boolean isTls13() {
        return code >= 0x1301 && code <= 0x1305;
    }

    /** GCM, CCM, ChaCha20 and the SHA-2 MACs came with TLS 1.2; a server must not pick them for an older version. */
    boolean needsTls12() {
        return name.contains("_GCM_") || name.contains("_CCM") || name.contains("CHACHA20") || name.endsWith("_SHA256")
                || name.endsWith("_SHA384");
    }

    public KeyExchange keyExchange() {
        if (isTls13()) {
            return KeyExchange.TLS13;
        }
        String kx = name.substring("TLS_".length(), name.indexOf("_WITH_"));
        if (kx.startsWith("DH_anon")) {
            return KeyExchange.DH_ANON;
        }
        if (kx.startsWith("ECDH_anon")) {
            return KeyExchange.ECDH_ANON;
        }
        if (kx.startsWith("ECDHE")) {
            return KeyExchange.ECDHE;
        }
        if (kx.startsWith("DHE")) {
            return KeyExchange.DHE;
        }
        if (kx.startsWith("ECDH_")) {
            return KeyExchange.ECDH_STATIC;
        }
        if (kx.startsWith("DH_")) {
            return KeyExchange.DH_STATIC;
        }
        return kx.startsWith("RSA") ? KeyExchange.RSA : KeyExchange.NONE;
    }

    /** The key agreed is ephemeral and authenticated: TLS 1.3, DHE or ECDHE (anonymous suites do not count). */
    public boolean isForwardSecret() {
        KeyExchange kx = keyExchange();
        return kx == KeyExchange.TLS13 || kx == KeyExchange.DHE || kx == KeyExchange.ECDHE;
    }

    public boolean isAnonymous() {
        return keyExchange() == KeyExchange.DH_ANON || keyExchange() == KeyExchange.ECDH_ANON;
    }

    public boolean isExport() {
        return name.contains("_EXPORT_");
    }

    public boolean isNullCipher() {
        return name.contains("_WITH_NULL_");
    }

    public boolean isRc4() {
        return name.contains("_RC4_");
    }

    /** RSA key transport: no ephemeral key, so a later theft of the server's key opens recorded traffic. */
    public boolean isRsaKeyTransport() {
        return keyExchange() == KeyExchange.RSA;
    }

    /** The security of the bulk cipher in bits (3DES counts 112, as RFC 7525 §4.1 and NIST do). */
    public int strengthBits() {
        if (isNullCipher()) {
            return 0;
        }
        if (isExport()) {
            return 40;
        }
        if (name.contains("_DES_CBC_")) {
            return 56;
        }
        if (name.contains("3DES")) {
            return 112;
        }
        if (name.contains("_256_") || name.contains("CHACHA20")) {
            return 256;
        }
        return 128;
    }

    /** A 64-bit block cipher (DES, 3DES, IDEA), open to Sweet32. */
    public boolean has64BitBlock() {
        return name.contains("DES") || name.contains("IDEA") || name.contains("RC2");
    }

    @Override
    public String toString() {
        return name;
    }
}
