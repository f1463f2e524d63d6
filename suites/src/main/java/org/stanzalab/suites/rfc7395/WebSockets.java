package org.stanzalab.suites.rfc7395;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.engine.target.Transport;
import org.stanzalab.engine.transport.Transports;
import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.transport.FramedTransport;
import org.stanzalab.wire.transport.FramedTransport.Element;
import org.stanzalab.wire.transport.FramedTransport.End;
import org.stanzalab.wire.transport.FramedTransport.Header;
import org.stanzalab.wire.transport.FramedTransport.Incoming;
import org.stanzalab.wire.transport.WebSocketTransport;

/**
 * RFC 7395 sessions for the tests: the endpoint found by XEP-0156 discovery at the run's https-base (RFC 7395 §4
 * points there), WebSocket connections recorded in the transcript, and the steps of a session (open, SASL PLAIN,
 * restart, bind) with what came back at each.
 */
final class WebSockets {
    private static final AtomicInteger LABELS = new AtomicInteger();

    private WebSockets() {
    }

    /** The server's WebSocket endpoint, or impossible with the reason. */
    static URI endpoint(Lab lab) {
        if (lab.services().httpsBase().isEmpty()) {
            throw new Impossible("the run knows no HTTPS origin for " + lab.domain() + " (--https-base), so there is no"
                    + " WebSocket endpoint to test");
        }
        try {
            return Transports.endpoint(lab.target(), Transport.WEBSOCKET).orElseThrow(() -> new Impossible(
                    "the host-meta documents at " + lab.services().httpsBase().get() + " name no WebSocket endpoint"
                            + " (urn:xmpp:alt-connections:websocket), so the server offers no XMPP over WebSocket"));
        } catch (WireException e) {
            throw new Impossible("XEP-0156 discovery at " + lab.services().httpsBase().get() + " failed, so no WebSocket"
                    + " endpoint is known: " + e.getMessage());
        }
    }

    /** A WebSocket with the xmpp subprotocol, its messages in the transcript, closed after the test. */
    static WebSocketTransport connect(Lab lab) {
        return connect(lab, List.of(WebSocketTransport.SUBPROTOCOL));
    }

    static WebSocketTransport connect(Lab lab, List<String> subprotocols) {
        URI uri = endpoint(lab);
        String label = "ws#" + LABELS.incrementAndGet();
        try {
            WebSocketTransport ws = WebSocketTransport.connect(uri, lab.target().trust().sslContext(),
                    lab.timeouts().connect(), listener(lab, label), subprotocols);
            lab.cleanup("WebSocket " + label, ws::close);
            return ws;
        } catch (WireException e) {
            throw new TestError(label + ": " + e.getMessage(), e);
        }
    }

    private static TrafficListener listener(Lab lab, String label) {
        return new TrafficListener() {
            @Override
            public void sent(String data) {
                lab.transcript().sent(label, data);
            }

            @Override
            public void received(String data) {
                lab.transcript().received(label, data.isBlank() ? "[whitespace-only message]" : data);
            }

            @Override
            public void note(String event) {
                lab.transcript().note(label, event);
            }
        };
    }

    /** The next thing from the server, or a failure naming what the test waited for. */
    static Incoming next(Lab lab, FramedTransport ws, String waitingFor) {
        try {
            return ws.next(lab.timeouts().reply());
        } catch (WireTimeoutException e) {
            throw new AssertionError("waited " + lab.timeouts().reply().toSeconds() + " s for " + waitingFor
                    + ", nothing came");
        } catch (WireException e) {
            throw new AssertionError("while waiting for " + waitingFor + " the server sent what is not one"
                    + " standalone element (RFC 7395 §3.3.3): " + e.getMessage());
        }
    }

    static Header header(Lab lab, FramedTransport ws, String after) {
        Incoming incoming = next(lab, ws, "the server's <open/> after " + after);
        if (incoming instanceof Header header) {
            return header;
        }
        throw new AssertionError("after " + after + " the server's first message is not an <open/> in "
                + WebSocketTransport.FRAMING + ": " + describe(incoming));
    }

    static XmlElement element(Lab lab, FramedTransport ws, String waitingFor) {
        Incoming incoming = next(lab, ws, waitingFor);
        if (incoming instanceof Element element) {
            return parse(element.xml());
        }
        throw new AssertionError("expected " + waitingFor + ", got " + describe(incoming));
    }

    static XmlElement parse(String xml) {
        try {
            return XmlElement.parse(xml);
        } catch (WireException e) {
            throw new AssertionError("not a standalone element: " + e.getMessage());
        }
    }

    static String describe(Incoming incoming) {
        if (incoming instanceof Header h) {
            return "<open/> " + h.attributes();
        }
        if (incoming instanceof Element e) {
            return e.xml();
        }
        End end = (End) incoming;
        return "the end of the stream (" + end.how() + ")" + end.streamErrorXml().map(x -> " after " + x).orElse("");
    }

    static void send(FramedTransport ws, String xml) {
        try {
            ws.send(xml);
        } catch (WireException e) {
            throw new TestError("sending over the WebSocket failed: " + e.getMessage(), e);
        }
    }

    static void open(Lab lab, FramedTransport ws) {
        try {
            ws.open(lab.domain());
        } catch (WireException e) {
            throw new TestError("sending <open/> failed: " + e.getMessage(), e);
        }
    }

    /** Opens the stream and returns the features that follow the server's {@code <open/>}. */
    static XmlElement openAndReadFeatures(Lab lab, FramedTransport ws, String step) {
        open(lab, ws);
        header(lab, ws, step);
        XmlElement features = element(lab, ws, "the stream features after " + step);
        if (!features.is("features", XmppNamespaces.STREAMS)) {
            throw new AssertionError("after the server's <open/> (" + step + ") the next message is not the stream"
                    + " features: " + features.toXml());
        }
        return features;
    }

    /** SASL PLAIN as {@code user} (the transcript redacts the credentials), then the restart: the new features. */
    static XmlElement authenticate(Lab lab, FramedTransport ws, XmlElement features, User user) {
        boolean plain = features.child("mechanisms", XmppNamespaces.SASL).stream()
                .flatMap(m -> m.children("mechanism", XmppNamespaces.SASL).stream())
                .anyMatch(m -> m.text().strip().equals("PLAIN"));
        lab.requireThat(plain, "the server offers no SASL PLAIN over WebSocket, the mechanism these tests log in with");
        String token = Base64.getEncoder().encodeToString(("\0" + user.username() + "\0" + user.password())
                .getBytes(StandardCharsets.UTF_8));
        send(ws, "<auth xmlns='" + XmppNamespaces.SASL + "' mechanism='PLAIN'>" + token + "</auth>");
        XmlElement outcome = element(lab, ws, "the SASL outcome");
        if (!outcome.is("success", XmppNamespaces.SASL)) {
            throw new TestError("SASL PLAIN over WebSocket did not succeed: " + outcome.toXml());
        }
        return openAndReadFeatures(lab, ws, "the restart after SASL success");
    }

    /** Binds a resource; returns the full JID the server assigned. */
    static String bind(Lab lab, FramedTransport ws) {
        send(ws, "<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='" + XmppNamespaces.BIND + "'/></iq>");
        XmlElement result = element(lab, ws, "the result of the resource binding");
        return result.child("bind", XmppNamespaces.BIND).flatMap(b -> b.childText("jid", XmppNamespaces.BIND))
                .orElseThrow(() -> new TestError("resource binding over WebSocket failed: " + result.toXml()));
    }

    /** A logged-in, bound WebSocket session of {@code user}, available; returns its full JID. */
    static String session(Lab lab, FramedTransport ws, User user) {
        XmlElement features = openAndReadFeatures(lab, ws, "the first <open/>");
        authenticate(lab, ws, features, user);
        String jid = bind(lab, ws);
        send(ws, "<presence xmlns='jabber:client'/>");
        return jid;
    }

    /** The next element matching {@code wanted}, skipping others (such as presence), within the reply timeout. */
    static XmlElement awaitElement(Lab lab, FramedTransport ws, String description, java.util.function.Predicate<XmlElement> wanted) {
        long deadline = System.nanoTime() + lab.timeouts().reply().toNanos();
        while (System.nanoTime() < deadline) {
            Incoming incoming;
            try {
                incoming = ws.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (WireTimeoutException e) {
                break;
            } catch (WireException e) {
                throw new AssertionError("while waiting for " + description + " the server sent what is not one"
                        + " standalone element (RFC 7395 §3.3.3): " + e.getMessage());
            }
            if (incoming instanceof Element element) {
                XmlElement parsed = parse(element.xml());
                if (wanted.test(parsed)) {
                    return parsed;
                }
            } else {
                throw new AssertionError("while waiting for " + description + " the server sent " + describe(incoming));
            }
        }
        throw new AssertionError(description + " did not arrive within " + lab.timeouts().reply().toSeconds() + " s");
    }

    /** Everything up to the end of the stream (bounded by the reply timeout), for checks of how a stream ends. */
    static List<Incoming> untilEnd(Lab lab, FramedTransport ws) {
        List<Incoming> seen = new ArrayList<>();
        long deadline = System.nanoTime() + lab.timeouts().reply().toNanos();
        while (System.nanoTime() < deadline) {
            Incoming incoming;
            try {
                incoming = ws.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (WireTimeoutException e) {
                break;
            } catch (WireException e) {
                throw new AssertionError("the server sent what is not one standalone element (RFC 7395 §3.3.3): "
                        + e.getMessage());
            }
            seen.add(incoming);
            if (incoming instanceof End) {
                break;
            }
        }
        return seen;
    }

    /** The status line and headers of a WebSocket opening handshake sent by hand, offering {@code protocols}. */
    record HandshakeAnswer(int status, Map<String, String> headers) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    /** Sends an RFC 6455 opening handshake over TLS and reads the answer's head, nothing more. */
    static HandshakeAnswer handshake(Lab lab, String protocolHeaderOrNull) {
        URI uri = endpoint(lab);
        int port = uri.getPort() > 0 ? uri.getPort() : 443;
        String label = "ws-handshake#" + LABELS.incrementAndGet();
        try (SSLSocket socket = (SSLSocket) lab.target().trust().sslContext().getSocketFactory().createSocket()) {
            SSLParameters params = socket.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(uri.getHost())));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), port), (int) lab.timeouts().connect().toMillis());
            socket.setSoTimeout((int) lab.timeouts().reply().toMillis());
            byte[] nonce = new byte[16];
            new java.security.SecureRandom().nextBytes(nonce);
            String request = "GET " + (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + (protocolHeaderOrNull == null ? "" : "Sec-WebSocket-Protocol: " + protocolHeaderOrNull + "\r\n")
                    + "\r\n";
            lab.transcript().sent(label, request);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String statusLine = in.readLine();
            if (statusLine == null) {
                throw new TestError(label + ": the server closed the connection without an HTTP answer");
            }
            StringBuilder shown = new StringBuilder(statusLine).append('\n');
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                shown.append(line).append('\n');
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                            (a, b) -> a + ", " + b);
                }
            }
            lab.transcript().received(label, shown.toString());
            String[] parts = statusLine.split(" ");
            return new HandshakeAnswer(parts.length > 1 ? Integer.parseInt(parts[1]) : -1, headers);
        } catch (IOException | NumberFormatException e) {
            throw new TestError(label + ": " + e.getMessage(), e);
        }
    }
}
