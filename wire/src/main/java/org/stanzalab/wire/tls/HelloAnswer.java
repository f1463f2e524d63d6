package org.stanzalab.wire.tls;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * What a server answered one ClientHello: a ServerHello (or TLS 1.3 HelloRetryRequest, which names the suite it
 * would use as well) with the version and suite it chose, or a refusal (an alert, the connection closed, silence).
 *
 * @param version the version the server chose, empty when it refused
 * @param suite   the suite it chose, empty when it refused
 * @param refusal why the hello was not accepted, empty when it was
 */
public record HelloAnswer(Optional<Integer> version, Optional<CipherSuite> suite, Optional<String> refusal) {

    /** The refusal that is no answer at all: nothing came within the timeout. */
    static final String NO_ANSWER = "no answer in time";

    static HelloAnswer refused(String why) {
        return new HelloAnswer(Optional.empty(), Optional.empty(), Optional.of(why));
    }

    static HelloAnswer chose(int version, CipherSuite suite) {
        return new HelloAnswer(Optional.of(version), Optional.of(suite), Optional.empty());
    }

    /** The server took the hello at exactly this version (a server that answers with an older one refused it). */
    public boolean acceptedAt(TlsVersion asked) {
        return version.isPresent() && version.get() == asked.code();
    }

    /** Reads records until the first handshake message is whole; the socket's read timeout bounds every read. */
    static HelloAnswer read(InputStream socket) throws IOException {
        DataInputStream in = new DataInputStream(socket);
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        try {
            while (true) {
                int type = in.readUnsignedByte();
                in.readUnsignedShort();
                int length = in.readUnsignedShort();
                if (length > 1 << 15) {
                    return refused("a record of " + length + " bytes, not TLS");
                }
                byte[] fragment = new byte[length];
                in.readFully(fragment);
                if (type == 21) {
                    return refused(fragment.length >= 2 ? "alert " + Alerts.describe(fragment[1] & 0xff) : "an alert");
                }
                if (type != 22) {
                    return refused("a record of type " + type + " instead of a handshake");
                }
                handshake.writeBytes(fragment);
                byte[] bytes = handshake.toByteArray();
                if (bytes.length >= 4) {
                    int messageLength = ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
                    if (bytes.length >= 4 + messageLength) {
                        if (bytes[0] != 2) {
                            return refused("handshake message " + bytes[0] + " instead of a ServerHello");
                        }
                        return serverHello(bytes, 4, 4 + messageLength);
                    }
                }
            }
        } catch (EOFException e) {
            return refused("the connection was closed");
        } catch (SocketTimeoutException e) {
            return refused(NO_ANSWER);
        } catch (IOException e) {
            return refused("the connection failed: " + e.getMessage());
        }
    }

    private static HelloAnswer serverHello(byte[] b, int at, int end) {
        int version = u16(b, at);
        int p = at + 2 + 32;
        p += 1 + (b[p] & 0xff);
        int code = u16(b, p);
        p += 3;
        if (p + 2 <= end) {
            int extensionsEnd = Math.min(end, p + 2 + u16(b, p));
            p += 2;
            while (p + 4 <= extensionsEnd) {
                int type = u16(b, p);
                int length = u16(b, p + 2);
                if (type == 0x002b && length == 2) {
                    version = u16(b, p + 4);   // TLS 1.3 names its version here (RFC 8446 §4.2.1)
                }
                p += 4 + length;
            }
        }
        return chose(version, CipherSuite.byCode(code).orElse(CipherSuite.unknown(code)));
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    /** The alert descriptions a refused hello brings. */
    static final class Alerts {
        private Alerts() {
        }

        static String describe(int code) {
            return switch (code) {
                case 40 -> "handshake_failure";
                case 47 -> "illegal_parameter";
                case 50 -> "decode_error";
                case 70 -> "protocol_version";
                case 71 -> "insufficient_security";
                case 80 -> "internal_error";
                case 112 -> "unrecognized_name";
                default -> String.valueOf(code);
            };
        }
    }
}
