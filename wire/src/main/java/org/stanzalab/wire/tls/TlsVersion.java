package org.stanzalab.wire.tls;

/** The protocol versions a scan asks about, oldest first, with their code on the wire. */
public enum TlsVersion {
    SSL3(0x0300, "SSLv3"), TLS10(0x0301, "TLSv1.0"), TLS11(0x0302, "TLSv1.1"), TLS12(0x0303, "TLSv1.2"), TLS13(0x0304, "TLSv1.3");

    private final int code;
    private final String label;

    TlsVersion(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** "TLSv1.2", as JSSE and testssl.sh name it. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
