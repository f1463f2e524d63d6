package org.stanzalab.wire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stanzalab.wire.RecordingListener;
import org.stanzalab.wire.XmlElement;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The BOSH framing against an in-process connection manager that answers as scripted. */
class BoshTransportTest {
    private static final Duration T = Duration.ofSeconds(5);
    private static final String FEATURES = "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>";

    private HttpServer server;
    private final List<XmlElement> requests = new CopyOnWriteArrayList<>();
    /** Payloads the fake connection manager hands to the next request it answers. */
    private final BlockingQueue<String> pushes = new LinkedBlockingQueue<>();
    private volatile String terminateWith;
    /** Answer a restart request empty and send the new features on another request, as Prosody does. */
    private volatile boolean featuresOnAnotherRequest;
    private BoshTransport bosh;
    private final RecordingListener traffic = new RecordingListener();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/http-bind", this::answer);
        server.start();
        bosh = new BoshTransport(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/http-bind"), null, T, 2, 1)
                .onTraffic(traffic);
    }

    @AfterEach
    void stop() {
        bosh.abort();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        XmlElement body;
        try {
            body = XmlElement.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IOException(e);
        }
        requests.add(body);
        String reply;
        if (body.attribute("sid").isEmpty()) {
            reply = "<body xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' sid='s1' wait='2' "
                    + "requests='2' hold='1' ver='1.11' authid='a1' xmpp:version='1.0'>" + FEATURES + "</body>";
        } else if (body.attribute("type").map("terminate"::equals).orElse(false)) {
            reply = "<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'/>";
        } else if (body.attribute("{urn:xmpp:xbosh}restart").isPresent() && featuresOnAnotherRequest) {
            pushes.add(FEATURES);
            reply = "<body xmlns='http://jabber.org/protocol/httpbind'/>";
        } else if (body.attribute("{urn:xmpp:xbosh}restart").isPresent()) {
            reply = "<body xmlns='http://jabber.org/protocol/httpbind'>" + FEATURES + "</body>";
        } else if (terminateWith != null) {
            reply = terminateWith;
        } else {
            String push;
            try {
                push = body.children().isEmpty() ? pushes.poll(300, TimeUnit.MILLISECONDS) : pushes.poll();
            } catch (InterruptedException e) {
                push = null;
            }
            reply = "<body xmlns='http://jabber.org/protocol/httpbind'>" + (push == null ? "" : push) + "</body>";
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void sessionCreationRequestCarriesTheXep0124AndXep0206Attributes() throws Exception {
        bosh.open("example.test");

        XmlElement creation = requests.get(0);
        assertEquals("example.test", creation.attribute("to").orElseThrow());
        assertEquals("en", creation.attribute("xml:lang").orElseThrow());
        assertEquals("2", creation.attribute("wait").orElseThrow());
        assertEquals("1", creation.attribute("hold").orElseThrow());
        assertEquals("1.11", creation.attribute("ver").orElseThrow());
        assertEquals("1.0", creation.attribute("{urn:xmpp:xbosh}version").orElseThrow());
        assertFalse(creation.attribute("sid").isPresent(), "the first request has no sid");
        long rid = Long.parseLong(creation.attribute("rid").orElseThrow());
        assertTrue(rid > 0 && rid < 9007199254740991L);

        FramedTransport.Header header = assertInstanceOf(FramedTransport.Header.class, bosh.next(T));
        assertEquals("s1", header.attributes().get("sid"));
        assertEquals("a1", header.attributes().get("id"));
        assertEquals("1.0", header.attributes().get("version"));
        FramedTransport.Element features = assertInstanceOf(FramedTransport.Element.class, bosh.next(T));
        assertTrue(features.xml().startsWith("<stream:features xmlns:stream='http://etherx.jabber.org/streams'"), features.xml());
    }

    @Test
    void sentElementsTravelInBodiesWithTheSidAndConsecutiveRids() throws Exception {
        bosh.open("example.test");
        bosh.next(T);
        bosh.next(T);
        bosh.send("<message xmlns='jabber:client' to='a@example.test'><body>one</body></message>");
        pushes.add("<message xmlns='jabber:client' from='b@example.test'><body>two</body></message>");

        FramedTransport.Element pushed = assertInstanceOf(FramedTransport.Element.class, bosh.next(T));
        assertTrue(pushed.xml().contains("two"), pushed.xml());
        assertTrue(requests.stream().anyMatch(r -> r.children().stream().anyMatch(c -> c.name().equals("message"))),
                "the message went in a body: " + traffic.all());
        long first = Long.parseLong(requests.get(0).attribute("rid").orElseThrow());
        List<Long> rids = requests.stream().map(r -> Long.parseLong(r.attribute("rid").orElseThrow())).sorted().toList();
        for (int i = 0; i < rids.size(); i++) {
            assertEquals(first + i, rids.get(i), "rids go up by one: " + rids);
        }
        assertTrue(requests.stream().skip(1).allMatch(r -> r.attribute("sid").orElse("").equals("s1")), "every later request carries the sid");
    }

    @Test
    void openingAgainIsARestartRequest() throws Exception {
        bosh.open("example.test");
        bosh.next(T);
        bosh.next(T);

        bosh.open("example.test");

        assertInstanceOf(FramedTransport.Header.class, bosh.next(T));
        assertInstanceOf(FramedTransport.Element.class, bosh.next(T));
        XmlElement restart = requests.stream().filter(r -> r.attribute("{urn:xmpp:xbosh}restart").isPresent()).findFirst().orElseThrow();
        assertEquals("true", restart.attribute("{urn:xmpp:xbosh}restart").orElseThrow());
        assertEquals("example.test", restart.attribute("to").orElseThrow());
        assertTrue(restart.children().isEmpty());
    }

    @Test
    void restartHeaderComesBeforeFeaturesThatArriveOnAnotherRequest() throws Exception {
        featuresOnAnotherRequest = true;
        bosh.open("example.test");
        bosh.next(T);
        bosh.next(T);

        bosh.open("example.test");

        FramedTransport.Header header = assertInstanceOf(FramedTransport.Header.class, bosh.next(T));
        assertEquals("s1", header.attributes().get("sid"));
        FramedTransport.Element features = assertInstanceOf(FramedTransport.Element.class, bosh.next(T));
        assertTrue(features.xml().contains("mechanisms"), features.xml());
    }

    @Test
    void stanzasInTheBoshNamespaceAreHandedOutAsJabberClient() throws Exception {
        bosh.open("example.test");
        bosh.next(T);
        bosh.next(T);
        pushes.add("<message from='b@example.test'><body>plain</body></message>");

        FramedTransport.Element pushed = assertInstanceOf(FramedTransport.Element.class, bosh.next(T));

        assertEquals("jabber:client", XmlElement.parse(pushed.xml()).namespace(), pushed.xml());
    }

    @Test
    void terminalBindingConditionEndsTheStreamWithTheStreamError() throws Exception {
        bosh.open("example.test");
        bosh.next(T);
        bosh.next(T);
        terminateWith = "<body xmlns='http://jabber.org/protocol/httpbind' xmlns:stream='http://etherx.jabber.org/streams' "
                + "type='terminate' condition='remote-stream-error'><stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "</stream:error></body>";
        bosh.send("<presence xmlns='jabber:client'/>");

        FramedTransport.End end = assertInstanceOf(FramedTransport.End.class, nextSkippingElements());

        assertTrue(end.how().contains("remote-stream-error"), end.how());
        assertTrue(end.streamErrorXml().orElseThrow().contains("conflict"));
    }

    @Test
    void closingSendsATerminateRequestAndEndsTheStream() throws Exception {
        bosh.open("example.test");
        bosh.next(T);
        bosh.next(T);

        bosh.closeStream();

        assertInstanceOf(FramedTransport.End.class, nextSkippingElements());
        assertTrue(requests.stream().anyMatch(r -> r.attribute("type").map("terminate"::equals).orElse(false)), traffic.all());
    }

    private FramedTransport.Incoming nextSkippingElements() throws Exception {
        FramedTransport.Incoming next = bosh.next(T);
        while (next instanceof FramedTransport.Element) {
            next = bosh.next(T);
        }
        return next;
    }
}
