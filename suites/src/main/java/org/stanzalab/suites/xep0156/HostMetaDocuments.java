package org.stanzalab.suites.xep0156;

import java.net.URI;
import java.util.List;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.TestError;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.transport.HostMeta;
import org.stanzalab.wire.transport.HostMeta.Fetched;
import org.stanzalab.wire.transport.HostMeta.Link;

/**
 * The two host-meta documents of XEP-0156, fetched for a test with the run's TLS trust, each request and answer in
 * the transcript. XEP-0156 reads them at the XMPP domain's own HTTPS origin (port 443); the run reads them at its
 * configured https-base, which for the reference servers is another port.
 */
final class HostMetaDocuments {
    static final String XMPP_REL_PREFIX = "urn:xmpp:alt-connections:";

    enum Format {
        XRD("/.well-known/host-meta"), JRD("/.well-known/host-meta.json");

        final String path;

        Format(String path) {
            this.path = path;
        }
    }

    private HostMetaDocuments() {
    }

    static HostMeta hostMeta(Lab lab) {
        URI base = lab.services().httpsBase().orElseThrow(() -> new Impossible("the run knows no HTTPS origin for "
                + lab.domain() + " (--https-base); XEP-0156 would look at https://" + lab.domain()
                + "/.well-known/host-meta"));
        return new HostMeta(base, lab.target().trust().sslContext(), lab.timeouts().reply());
    }

    /** The document in {@code format}; impossible when the server has none there (it does not implement XEP-0156). */
    static Fetched fetch(Lab lab, Format format) {
        HostMeta hostMeta = hostMeta(lab);
        URI uri = format == Format.XRD ? hostMeta.xrdUri() : hostMeta.jrdUri();
        lab.transcript().sent("https", "GET " + uri);
        Fetched fetched;
        try {
            fetched = hostMeta.get(uri);
        } catch (WireException e) {
            lab.transcript().note("https", e.getMessage());
            throw new Impossible("no host-meta at " + uri + " (the run's https-base; XEP-0156 itself looks at the"
                    + " domain's default HTTPS port): " + e.getMessage());
        }
        lab.transcript().received("https", "HTTP " + fetched.status() + " " + fetched.headers() + "\n" + fetched.body());
        if (fetched.status() == 404) {
            throw new Impossible(uri + " answers 404: the server publishes no " + format + " host-meta at the run's"
                    + " https-base (XEP-0156 looks at the domain's default HTTPS port)");
        }
        return fetched;
    }

    /** The links of {@code format}'s document, which must be there (HTTP 200) and parse. */
    static List<Link> links(Lab lab, Format format) {
        Fetched fetched = fetch(lab, format);
        if (fetched.status() != 200) {
            throw new AssertionError(fetched.uri() + " answers HTTP " + fetched.status() + ", not the document");
        }
        try {
            return format == Format.XRD ? HostMeta.xrdLinks(fetched.body()) : HostMeta.jrdLinks(fetched.body());
        } catch (WireProtocolException e) {
            throw new AssertionError(fetched.uri() + " is not a valid " + format + " document: " + e.getMessage());
        }
    }

    /** The links with the relation types XEP-0156 defines (and any later urn:xmpp:alt-connections ones). */
    static List<Link> xmppLinks(List<Link> links) {
        return links.stream().filter(l -> l.rel().startsWith(XMPP_REL_PREFIX)).toList();
    }

    static TestError broken(String what, Exception e) {
        return new TestError(what + ": " + e.getMessage(), e);
    }
}
