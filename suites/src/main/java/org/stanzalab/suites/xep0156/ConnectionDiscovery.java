package org.stanzalab.suites.xep0156;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.suites.xep0156.HostMetaDocuments.Format;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.transport.FramedTransport;
import org.stanzalab.wire.transport.HostMeta;
import org.stanzalab.wire.transport.HostMeta.Fetched;
import org.stanzalab.wire.transport.HostMeta.Link;
import org.stanzalab.wire.transport.WebSocketTransport;

/**
 * XEP-0156 §2 and §3: the host-meta documents (XRD and JRD) at the run's https-base, what they list, and whether the
 * connection methods they name work. The XEP looks at the XMPP domain's default HTTPS origin; the run uses the origin
 * it was configured with (--https-base), so a server whose documents sit elsewhere is judged there.
 */
@StanzalabTest
class ConnectionDiscovery {

    /** The connection methods XEP-0156 §2.1 names. */
    enum Method {
        WEBSOCKET(HostMeta.WEBSOCKET_REL, "wss"), BOSH(HostMeta.BOSH_REL, "https");

        final String rel;
        final String scheme;

        Method(String rel, String scheme) {
            this.rel = rel;
            this.scheme = scheme;
        }
    }

    @Spec(document = "XEP-0156", version = "1.4.0", section = "2.2", level = MUST,
          requirement = "a service offers its connection methods in an XRD host-meta document served over HTTPS")
    @Test
    void xrdDocumentListsConnectionMethods(Lab lab) {
        List<Link> links = HostMetaDocuments.links(lab, Format.XRD);

        assertFalse(HostMetaDocuments.xmppLinks(links).isEmpty(),
                "the XRD host-meta names no urn:xmpp:alt-connections link: " + links);
    }

    @Spec(document = "XEP-0156", version = "1.4.0", section = "2.2", level = SHOULD,
          requirement = "a service also offers the same information as a JRD document (host-meta.json)")
    @Test
    void jrdDocumentListsConnectionMethods(Lab lab) {
        HostMetaDocuments.links(lab, Format.XRD);
        List<Link> links = HostMetaDocuments.links(lab, Format.JRD);

        assertFalse(HostMetaDocuments.xmppLinks(links).isEmpty(),
                "the JRD host-meta.json names no urn:xmpp:alt-connections link: " + links);
    }

    @Spec(document = "XEP-0156", version = "1.4.0", section = "2.2", level = SHOULD,
          requirement = "the JRD document carries the same connection links as the XRD document")
    @Test
    void jrdAndXrdNameTheSameConnections(Lab lab) {
        Set<Link> xrd = new HashSet<>(HostMetaDocuments.xmppLinks(HostMetaDocuments.links(lab, Format.XRD)));
        Fetched json = HostMetaDocuments.fetch(lab, Format.JRD);
        lab.requireThat(json.status() == 200, "the server offers no JRD document (HTTP " + json.status() + ")");
        Set<Link> jrd = new HashSet<>(HostMetaDocuments.xmppLinks(HostMetaDocuments.links(lab, Format.JRD)));

        assertEquals(xrd, jrd, "connection links of host-meta (XRD) and host-meta.json (JRD)");
    }

    @Spec(document = "XEP-0156", version = "1.4.0", section = "2.2", level = MUST,
          requirement = "connection URLs in host-meta are secure: https:// for BOSH and wss:// for WebSocket")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    void connectionUrlsAreSecure(Format format, Lab lab) {
        List<Link> links = HostMetaDocuments.xmppLinks(HostMetaDocuments.links(lab, format));
        lab.requireThat(!links.isEmpty(), "the " + format + " document names no connection method");

        for (Link link : links) {
            String scheme = URI.create(link.href()).getScheme();
            assertTrue("https".equals(scheme) || "wss".equals(scheme),
                    "the " + format + " link " + link.rel() + " points to " + link.href() + ", not an https:// or wss:// URL");
        }
    }

    @Spec(document = "XEP-0156", version = "1.4.0", section = "3", level = SHOULD,
          requirement = "host-meta documents carry CORS headers so that web clients of other origins can read them")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    void hostMetaAllowsCrossOriginReads(Format format, Lab lab) {
        Fetched fetched = HostMetaDocuments.fetch(lab, format);
        lab.requireThat(fetched.status() == 200, "the server offers no " + format + " document (HTTP " + fetched.status() + ")");

        assertTrue(fetched.header("Access-Control-Allow-Origin").isPresent(),
                fetched.uri() + " has no Access-Control-Allow-Origin header: " + fetched.headers());
    }

    @Spec(document = "XEP-0156", version = "1.4.0", section = "2.2", level = MUST,
          requirement = "the connection URL host-meta names is one a client can use: it accepts an XMPP session for the domain")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Method.class)
    void namedEndpointAcceptsAnXmppSession(Method method, Lab lab) {
        URI endpoint = HostMetaDocuments.links(lab, Format.XRD).stream().filter(l -> l.rel().equals(method.rel))
                .map(l -> URI.create(l.href())).findFirst().orElse(null);
        lab.requireThat(endpoint != null, "the XRD host-meta names no " + method.rel + " link, so the server offers no "
                + method + " (or does not say so)");

        switch (method) {
            case WEBSOCKET -> webSocketOpens(lab, endpoint);
            case BOSH -> boshSessionIsCreated(lab, endpoint);
        }
    }

    private static void webSocketOpens(Lab lab, URI endpoint) {
        try (WebSocketTransport ws = WebSocketTransport.connect(endpoint, lab.target().trust().sslContext(),
                lab.timeouts().connect(), new org.stanzalab.wire.TrafficListener() {
                    @Override
                    public void sent(String data) {
                        lab.transcript().sent("ws", data);
                    }

                    @Override
                    public void received(String data) {
                        lab.transcript().received("ws", data);
                    }
                })) {
            ws.open(lab.domain());
            FramedTransport.Incoming answer = ws.next(lab.timeouts().reply());
            assertTrue(answer instanceof FramedTransport.Header header && lab.domain().equals(header.attributes().get("from")),
                    "the WebSocket at " + endpoint + " did not answer <open/> with a stream from " + lab.domain() + ": " + answer);
        } catch (WireException e) {
            throw new AssertionError("the WebSocket endpoint " + endpoint + " named by host-meta does not work: " + e.getMessage());
        }
    }

    /** XEP-0124 §7.1 session creation (with the XEP-0206 attributes), then its termination. */
    private static void boshSessionIsCreated(Lab lab, URI endpoint) {
        HttpClient http = HttpClient.newBuilder().sslContext(lab.target().trust().sslContext())
                .connectTimeout(lab.timeouts().connect()).build();
        long rid = ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);
        String create = "<body xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' content='text/xml; charset=utf-8'"
                + " hold='1' rid='" + rid + "' to='" + lab.domain() + "' ver='1.11' wait='5' xml:lang='en' xmpp:version='1.0'/>";
        XmlElement answer = post(lab, http, endpoint, create);
        String sid = answer.attribute("sid").orElse(null);
        assertTrue(answer.is("body", "http://jabber.org/protocol/httpbind") && sid != null && !answer.attribute("type").orElse("").equals("terminate"),
                "the BOSH endpoint " + endpoint + " named by host-meta did not create a session: " + answer.toXml());
        post(lab, http, endpoint, "<body xmlns='http://jabber.org/protocol/httpbind' rid='" + (rid + 1) + "' sid='" + sid
                + "' type='terminate'/>");
    }

    private static XmlElement post(Lab lab, HttpClient http, URI endpoint, String body) {
        lab.transcript().sent("bosh", "POST " + endpoint + "\n" + body);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(lab.timeouts().reply())
                    .header("Content-Type", "text/xml; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            lab.transcript().received("bosh", "HTTP " + response.statusCode() + "\n" + response.body());
            assertEquals(200, response.statusCode(), "HTTP status of the BOSH request to " + endpoint);
            return XmlElement.parse(response.body().strip());
        } catch (WireException e) {
            throw new AssertionError("the BOSH endpoint " + endpoint + " answered what is not one XML element: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new AssertionError("the BOSH endpoint " + endpoint + " named by host-meta does not work: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestError("interrupted", e);
        }
    }
}
