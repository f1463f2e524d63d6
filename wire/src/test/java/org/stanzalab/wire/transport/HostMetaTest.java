package org.stanzalab.wire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.transport.HostMeta.Link;

class HostMetaTest {

    @Test
    void xrdLinksAreRead() throws Exception {
        String xrd = "<?xml version='1.0' encoding='utf-8'?>\n<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>"
                + "<Link rel='urn:xmpp:alt-connections:xbosh' href='https://a.example/bosh'/>"
                + "<Link rel=\"urn:xmpp:alt-connections:websocket\" href=\"wss://a.example/ws\"/></XRD>";

        assertEquals(List.of(new Link(HostMeta.BOSH_REL, "https://a.example/bosh"), new Link(HostMeta.WEBSOCKET_REL, "wss://a.example/ws")),
                HostMeta.xrdLinks(xrd));
    }

    @Test
    void xrdInAnotherNamespaceIsRefused() {
        assertThrows(WireProtocolException.class, () -> HostMeta.xrdLinks("<XRD><Link rel='x' href='y'/></XRD>"));
    }

    @Test
    void xrdWithADoctypeIsRefused() {
        assertThrows(WireProtocolException.class, () -> HostMeta.xrdLinks(
                "<!DOCTYPE x [<!ENTITY e 'boom'>]><XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'/>"));
    }

    @Test
    void jrdLinksAreRead() throws Exception {
        String jrd = "{ \"subject\": \"a\", \"properties\": {\"k\": [1, 2.5e3, true, null]},\n \"links\": ["
                + "{\"rel\":\"urn:xmpp:alt-connections:websocket\",\"href\":\"wss:\\/\\/a.example\\/ws\"},"
                + "{\"rel\":\"other\",\"href\":\"https://a.example/\\u0078\"}]}";

        assertEquals(List.of(new Link(HostMeta.WEBSOCKET_REL, "wss://a.example/ws"), new Link("other", "https://a.example/x")),
                HostMeta.jrdLinks(jrd));
    }

    @Test
    void brokenJsonIsRefused() {
        assertThrows(WireProtocolException.class, () -> HostMeta.jrdLinks("{\"links\": [}"));
        assertThrows(WireProtocolException.class, () -> HostMeta.jrdLinks("{\"links\": []} trailing"));
        assertThrows(WireProtocolException.class, () -> HostMeta.jrdLinks("[\"not an object\"]"));
        assertThrows(WireProtocolException.class, () -> HostMeta.jrdLinks("{\"links\": \"not an array\"}"));
    }
}
