package org.stanzalab.wire.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0156 connection discovery over HTTPS: {@code /.well-known/host-meta} (XRD, RFC 6415) and
 * {@code /.well-known/host-meta.json} (JRD), read from an HTTPS origin. The XEP looks at the XMPP domain's own HTTPS
 * origin (default port); callers pass the origin the run was configured with, which may name another port.
 */
public final class HostMeta {
    public static final String WEBSOCKET_REL = "urn:xmpp:alt-connections:websocket";
    public static final String BOSH_REL = "urn:xmpp:alt-connections:xbosh";
    public static final String XRD_NS = "http://docs.oasis-open.org/ns/xri/xrd-1.0";

    /** One link of a host-meta document. */
    public record Link(String rel, String href) {
    }

    /** One HTTP answer: status, headers (lower-case names, first value) and body. */
    public record Fetched(URI uri, int status, Map<String, String> headers, String body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private final HttpClient http;
    private final URI origin;
    private final Duration timeout;

    public HostMeta(URI origin, SSLContext tls, Duration timeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
        this.origin = origin;
        this.timeout = timeout;
    }

    public URI xrdUri() {
        return origin.resolve("/.well-known/host-meta");
    }

    public URI jrdUri() {
        return origin.resolve("/.well-known/host-meta.json");
    }

    /** GET of {@code uri} with a bounded wait. */
    public Fetched get(URI uri) throws WireException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
                }
            });
            return new Fetched(uri, response.statusCode(), headers, new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WireException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WireException("interrupted during GET " + uri, e);
        }
    }

    /** The links of an XRD document (its root must be {@code XRD} in the XRD namespace). */
    public static List<Link> xrdLinks(String body) throws WireProtocolException {
        String text = body.strip();
        if (text.startsWith("<?xml")) {
            int end = text.indexOf("?>");
            text = end < 0 ? text : text.substring(end + 2).strip();
        }
        XmlElement root = XmlElement.parse(text);
        if (!root.is("XRD", XRD_NS)) {
            throw new WireProtocolException("the host-meta root is {" + root.namespace() + "}" + root.name() + ", not an XRD");
        }
        List<Link> links = new ArrayList<>();
        for (XmlElement link : root.children("Link", XRD_NS)) {
            links.add(new Link(link.attribute("rel").orElse(""), link.attribute("href").orElse("")));
        }
        return links;
    }

    /** The links of a JRD document: the objects of its top-level {@code links} array with their rel and href. */
    public static List<Link> jrdLinks(String body) throws WireProtocolException {
        Object root = new Json(body).document();
        if (!(root instanceof Map<?, ?> object)) {
            throw new WireProtocolException("the host-meta.json document is not a JSON object");
        }
        List<Link> links = new ArrayList<>();
        Object array = object.get("links");
        if (array == null) {
            return links;
        }
        if (!(array instanceof List<?> list)) {
            throw new WireProtocolException("'links' of host-meta.json is not an array");
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?> link) {
                links.add(new Link(String.valueOf(link.get("rel")), String.valueOf(link.get("href"))));
            }
        }
        return links;
    }

    /** The first link with {@code rel}, from the XRD document (the one XEP-0156 requires), else from the JRD one. */
    public Optional<URI> discover(String rel) throws WireException {
        for (URI uri : List.of(xrdUri(), jrdUri())) {
            Fetched fetched = get(uri);
            if (fetched.status() != 200) {
                continue;
            }
            List<Link> links = uri.equals(xrdUri()) ? xrdLinks(fetched.body()) : jrdLinks(fetched.body());
            Optional<URI> found = links.stream().filter(l -> l.rel().equals(rel)).map(l -> URI.create(l.href())).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** A small strict JSON reader: objects, arrays, strings, numbers, true, false, null. */
    static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object document() throws WireProtocolException {
            Object value = value();
            space();
            if (at != text.length()) {
                throw error("text after the JSON value");
            }
            return value;
        }

        private Object value() throws WireProtocolException {
            space();
            if (at >= text.length()) {
                throw error("the JSON ends early");
            }
            char c = text.charAt(at);
            if (c == '{') {
                at++;
                Map<String, Object> object = new LinkedHashMap<>();
                space();
                if (peek('}')) {
                    return object;
                }
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    object.put(key, value());
                    space();
                } while (peek(','));
                expect('}');
                return object;
            }
            if (c == '[') {
                at++;
                List<Object> array = new ArrayList<>();
                space();
                if (peek(']')) {
                    return array;
                }
                do {
                    array.add(value());
                    space();
                } while (peek(','));
                expect(']');
                return array;
            }
            if (c == '"') {
                return string();
            }
            for (String word : List.of("true", "false", "null")) {
                if (text.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw error("unexpected '" + c + "'");
            }
            return text.substring(start, at);
        }

        private String string() throws WireProtocolException {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    if (at >= text.length()) {
                        break;
                    }
                    char e = text.charAt(at++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            if (at + 4 > text.length()) {
                                throw error("short \\u escape");
                            }
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            throw error("unterminated string");
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private boolean peek(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) throws WireProtocolException {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private WireProtocolException error(String what) {
            return new WireProtocolException("host-meta.json is not valid JSON at offset " + at + ": " + what);
        }
    }
}
