package org.stanzalab.wire.tls;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * For tests of scanners and of the rules that judge a scan: a loopback port that plays an XMPP server's STARTTLS prelude (or none, for direct TLS) and then either a scripted
 * TLS server, which reads the ClientHello and answers one ServerHello or alert as its policy says (so any version
 * and suite can be "accepted", including those JSSE refuses to speak), or a real JSSE server socket.
 */
public final class ScriptedTlsServer implements AutoCloseable {
    /** The scripted server's choice for one hello: a suite at a version, or refusal (an alert). */
    public interface Policy {
        Optional<CipherSuite> choose(TlsVersion version, List<CipherSuite> offered);
    }

    /** Accepts these versions and suites; picks in its own order (serverOrder) or the client's. */
    public static Policy accepting(Set<TlsVersion> versions, List<String> suites, boolean serverOrder) {
        return (version, offered) -> {
            if (!versions.contains(version)) {
                return Optional.empty();
            }
            List<CipherSuite> mine = suites.stream().map(n -> CipherSuite.byName(n).orElseThrow()).toList();
            if (serverOrder) {
                return mine.stream().filter(offered::contains).findFirst();
            }
            return offered.stream().filter(mine::contains).findFirst();
        };
    }

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-tls");
        t.setDaemon(true);
        return t;
    });
    private final String namespace;
    private final Policy policy;
    private final SSLContext jsse;
    private final String[] jsseProtocols;
    private final String[] jsseSuites;
    private final boolean offerStartTls;

    private ScriptedTlsServer(String namespace, Policy policy, SSLContext jsse, String[] protocols, String[] suites, boolean offerStartTls)
            throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.namespace = namespace;
        this.policy = policy;
        this.jsse = jsse;
        this.jsseProtocols = protocols;
        this.jsseSuites = suites;
        this.offerStartTls = offerStartTls;
        threads.submit(this::acceptLoop);
    }

    /** A scripted TLS server behind STARTTLS in this namespace (null: direct TLS). */
    public static ScriptedTlsServer scripted(String namespace, Policy policy) throws IOException {
        return new ScriptedTlsServer(namespace, policy, null, null, null, true);
    }

    /** A JSSE TLS server with these protocols and suites (server order) behind STARTTLS in this namespace. */
    public static ScriptedTlsServer jsse(String namespace, SSLContext context, String[] protocols, String[] suites) throws IOException {
        return new ScriptedTlsServer(namespace, null, context, protocols, suites, true);
    }

    /** A stream whose features offer no STARTTLS. */
    public static ScriptedTlsServer withoutStartTls() throws IOException {
        return new ScriptedTlsServer("jabber:client", (v, o) -> Optional.empty(), null, null, null, false);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5000);
            if (namespace != null) {
                readUntil(socket.getInputStream(), "version='1.0'>");
                String features = offerStartTls ? "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
                        : "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>";
                write(socket.getOutputStream(), "<?xml version='1.0'?><stream:stream xmlns='" + namespace
                        + "' xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='example.test' version='1.0'>"
                        + "<stream:features>" + features + "</stream:features>");
                if (!offerStartTls) {
                    readUntil(socket.getInputStream(), "\u0000never");
                    return;
                }
                readUntil(socket.getInputStream(), "/>");
                write(socket.getOutputStream(), "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            }
            if (jsse != null) {
                SSLSocket tls = (SSLSocket) jsse.getSocketFactory().createSocket(socket, null, true);
                tls.setUseClientMode(false);
                tls.setEnabledProtocols(jsseProtocols);
                tls.setEnabledCipherSuites(jsseSuites);
                var parameters = tls.getSSLParameters();
                parameters.setUseCipherSuitesOrder(true);
                tls.setSSLParameters(parameters);
                try {
                    tls.startHandshake();
                    tls.getInputStream().read();
                } catch (IOException e) {
                    // a hello we answered with an alert, or the scanner hanging up after the ServerHello
                }
                return;
            }
            answer(socket);
        } catch (IOException e) {
            // the scanner hung up
        }
    }

    private void answer(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        in.readUnsignedByte();
        in.readUnsignedShort();
        byte[] record = new byte[in.readUnsignedShort()];
        in.readFully(record);
        int p = 4;
        int legacyVersion = u16(record, p);
        p += 2 + 32;
        int sidLength = record[p] & 0xff;
        byte[] sid = java.util.Arrays.copyOfRange(record, p + 1, p + 1 + sidLength);
        p += 1 + sidLength;
        int suitesLength = u16(record, p);
        List<CipherSuite> offered = new ArrayList<>();
        for (int i = 0; i < suitesLength; i += 2) {
            CipherSuite.byCode(u16(record, p + 2 + i)).ifPresent(offered::add);
        }
        p += 2 + suitesLength;
        p += 1 + (record[p] & 0xff);
        boolean tls13 = false;
        if (p + 2 <= record.length) {
            int end = p + 2 + u16(record, p);
            p += 2;
            while (p + 4 <= end) {
                if (u16(record, p) == 0x002b) {
                    tls13 = true;
                }
                p += 4 + u16(record, p + 2);
            }
        }
        TlsVersion version = tls13 ? TlsVersion.TLS13 : java.util.Arrays.stream(TlsVersion.values())
                .filter(v -> v.code() == legacyVersion).findFirst().orElseThrow();
        Optional<CipherSuite> chosen = policy.choose(version, offered);
        OutputStream out = socket.getOutputStream();
        if (chosen.isEmpty()) {
            out.write(new byte[] {21, 3, 1, 0, 2, 2, 40});   // fatal handshake_failure
            out.flush();
            return;
        }
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        u16(hello, tls13 ? 0x0303 : version.code());
        hello.writeBytes(new byte[32]);
        hello.write(sid.length);
        hello.writeBytes(sid);
        u16(hello, chosen.get().code());
        hello.write(0);
        if (tls13) {
            ByteArrayOutputStream extensions = new ByteArrayOutputStream();
            u16(extensions, 0x002b);
            u16(extensions, 2);
            u16(extensions, 0x0304);
            u16(hello, extensions.size());
            hello.writeBytes(extensions.toByteArray());
        }
        byte[] body = hello.toByteArray();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(22);
        u16(message, tls13 ? 0x0303 : version.code());
        u16(message, body.length + 4);
        message.write(2);
        message.write(0);
        u16(message, body.length);
        message.writeBytes(body);
        out.write(message.toByteArray());
        out.flush();
    }

    private static void readUntil(InputStream in, String end) throws IOException {
        StringBuilder seen = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            seen.append((char) b);
            if (seen.toString().endsWith(end)) {
                return;
            }
        }
        throw new IOException("closed");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
