package org.stanzalab.suites.xep0363;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.DomainBareJid;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.StanzaXml;
import org.stanzalab.engine.TestError;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * The server's HTTP upload component as a test sees it: its address and advertised limit, slot requests written
 * by hand (so a test can leave attributes out), and the HTTP side with the run's trust settings.
 *
 * <p>Nothing uploaded can be removed afterwards: the protocol has no delete, and only an administrator of the HTTP
 * service could. Tests therefore upload only a few hundred bytes, under a random name.
 */
final class UploadService {
    static final String NS = "urn:xmpp:http:upload:0";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    /** The header names a slot may carry (§4); a client copies only these into its PUT. */
    static final Set<String> ALLOWED_HEADERS = Set.of("authorization", "cookie", "expires");

    final Lab lab;
    final Session session;
    final DomainBareJid jid;
    private HttpClient http;

    private UploadService(Lab lab, Session session, DomainBareJid jid) {
        this.lab = lab;
        this.session = session;
        this.jid = jid;
    }

    /** The upload service listed in the server's disco#items (store/file); impossible when there is none. */
    static UploadService find(Lab lab) {
        DomainBareJid jid = lab.requireService("store", "file", "HTTP file upload");
        Session session = lab.newUser().connect();
        UploadService service = new UploadService(lab, session, jid);
        lab.requireThat(service.info().child("query", DISCO_INFO).map(q -> q.children("feature", DISCO_INFO).stream()
                        .anyMatch(f -> NS.equals(f.attribute("var").orElse(null)))).orElse(false),
                "the store/file service " + jid + " does not list the feature " + NS);
        return service;
    }

    /** The service's disco#info reply, as XML. */
    XmlElement info() {
        IQ reply = session.requestResult(RawIq.get(jid, "query", DISCO_INFO));
        return StanzaXml.of(reply);
    }

    /** The value of the max-file-size field in the service's upload form, as text, if there is one. */
    Optional<String> advertisedMaxSizeText() {
        XmlElement query = info().child("query", DISCO_INFO).orElseThrow();
        for (XmlElement form : query.children("x", "jabber:x:data")) {
            boolean upload = form.children("field", "jabber:x:data").stream()
                    .anyMatch(f -> "FORM_TYPE".equals(f.attribute("var").orElse(null))
                            && f.childText("value", "jabber:x:data").map(String::trim).filter(NS::equals).isPresent());
            if (!upload) {
                continue;
            }
            for (XmlElement field : form.children("field", "jabber:x:data")) {
                if ("max-file-size".equals(field.attribute("var").orElse(null))) {
                    return Optional.of(field.childText("value", "jabber:x:data").orElse("").trim());
                }
            }
        }
        return Optional.empty();
    }

    /** The advertised limit in bytes; the test is impossible when the service advertises none (it need not). */
    long requireMaxSize() {
        String text = advertisedMaxSizeText().orElse(null);
        lab.requireThat(text != null, "the upload service " + jid + " advertises no max-file-size, so no request is known to be too large");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ServerFailure("the max-file-size of " + jid + " is not a number of bytes: '" + text + "'");
        }
    }

    /** A random file name that keeps to ASCII letters and digits, with this ending. */
    static String fileName(String ending) {
        return "stanzalab-" + UUID.randomUUID().toString().substring(0, 12) + ending;
    }

    /** A slot request with exactly these attributes (null leaves one out); the reply, result or error. */
    IQ request(String filename, String size, String contentType) {
        StringBuilder attributes = new StringBuilder();
        if (filename != null) {
            attributes.append(" filename='").append(XmlEscape.attribute(filename)).append('\'');
        }
        if (size != null) {
            attributes.append(" size='").append(XmlEscape.attribute(size)).append('\'');
        }
        if (contentType != null) {
            attributes.append(" content-type='").append(XmlEscape.attribute(contentType)).append('\'');
        }
        return session.request(new SlotRequest(jid, attributes.toString()));
    }

    /** A slot request whose attributes are written as given. */
    private static final class SlotRequest extends IQ {
        private final String attributes;

        SlotRequest(DomainBareJid to, String attributes) {
            super("request", NS);
            setType(Type.get);
            setTo(to);
            this.attributes = attributes;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.append(attributes);
            xml.setEmptyElement();
            return xml;
        }
    }

    /** A slot for a file of this size; a refusal is the set-up failing. */
    Slot slot(String filename, long size, String contentType) {
        IQ reply = request(filename, Long.toString(size), contentType);
        if (reply.getType() != IQ.Type.result) {
            throw new AssertionError("the upload service refused a slot for " + size + " bytes: " + reply.toXML());
        }
        return Slot.of(StanzaXml.payload(reply).orElse(null), reply);
    }

    /** What the service answered to a slot request: the PUT URL with its headers, and the GET URL. */
    record Slot(String putUrl, List<Header> headers, String getUrl, XmlElement xml) {
        static Slot of(XmlElement payload, IQ iq) {
            if (payload == null || !payload.is("slot", NS)) {
                throw new ServerFailure("the slot result carries no <slot xmlns='" + NS + "'>: " + iq.toXML());
            }
            XmlElement slot = payload;
            XmlElement put = slot.child("put", NS)
                    .orElseThrow(() -> new ServerFailure("the slot has no <put/> (§4 requires a PUT URL): " + slot.toXml()));
            XmlElement get = slot.child("get", NS)
                    .orElseThrow(() -> new ServerFailure("the slot has no <get/> (§4 requires a GET URL): " + slot.toXml()));
            List<Header> headers = new ArrayList<>();
            for (XmlElement header : put.children("header", NS)) {
                headers.add(new Header(header.attribute("name").orElse(null), header.text()));
            }
            return new Slot(put.attribute("url").orElse(""), headers, get.attribute("url").orElse(""), slot);
        }
    }

    record Header(String name, String value) {
        boolean allowed() {
            return name != null && ALLOWED_HEADERS.contains(name.toLowerCase(Locale.ROOT));
        }
    }

    // ---- HTTP ----

    private synchronized HttpClient http() {
        if (http == null) {
            if (!lab.target().trust().verifyHostname()) {
                lab.transcript().note("http", "the run does not verify host names; Java's HTTP client still does for the upload URLs");
            }
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(lab.target().trust().sslContext())
                    .connectTimeout(lab.timeouts().connect())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return http;
    }

    /** PUTs these bytes to the slot's PUT URL with the allowed headers it gave (newlines stripped, §4). */
    HttpResponse<byte[]> put(Slot slot, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(slot.putUrl()))
                .timeout(lab.timeouts().reply())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (Header header : slot.headers()) {
            if (header.allowed()) {
                request.header(header.name().replaceAll("[\r\n]", ""), header.value().replaceAll("[\r\n]", ""));
            }
        }
        lab.transcript().note("http", "PUT " + slot.putUrl() + " (" + body.length + " bytes" + (contentType == null ? "" : ", " + contentType)
                + (slot.headers().isEmpty() ? "" : ", with " + slot.headers().size() + " header(s) from the slot") + ")");
        HttpResponse<byte[]> response = exchange(request.build());
        if (success(response)) {
            lab.cannotRemove("uploaded file", slot.getUrl(), "XEP-0363 defines no way to delete an upload; the server's own"
                    + " expiry does", () -> stillServed(slot.getUrl()));
        }
        return response;
    }

    /** Whether the GET URL still serves a file; run at the end of the run, outside any test's transcript. */
    private boolean stillServed(String url) throws IOException, InterruptedException {
        HttpRequest head = HttpRequest.newBuilder(uri(url)).timeout(lab.timeouts().reply())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        int status = http().send(head, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2 || status == 404 || status == 410) {
            return status / 100 == 2;
        }
        throw new IOException("HEAD " + url + " answered " + status + ", which tells neither");
    }

    /** GETs the URL with no credentials at all, as anyone who knows it would. */
    HttpResponse<byte[]> get(String url) {
        lab.transcript().note("http", "GET " + url);
        return exchange(HttpRequest.newBuilder(uri(url)).timeout(lab.timeouts().reply()).GET().build());
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http().send(request, HttpResponse.BodyHandlers.ofByteArray());
            lab.transcript().note("http", "<< HTTP " + response.statusCode() + " " + request.method() + " "
                    + response.headers().firstValue("content-type").map(t -> "content-type " + t + ", ").orElse("")
                    + response.body().length + " bytes");
            return response;
        } catch (IOException e) {
            throw new ServerFailure(request.method() + " " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestError("interrupted during HTTP " + request.method(), e);
        }
    }

    static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new ServerFailure("the slot URL is not a valid URI (RFC 3986): " + url + " (" + e.getMessage() + ")");
        }
    }

    static boolean success(HttpResponse<?> response) {
        return response.statusCode() / 100 == 2;
    }

    static OptionalLong parseLong(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException | NullPointerException e) {
            return OptionalLong.empty();
        }
    }
}
