package org.stanzalab.wire.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireConnectException;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0124 requests as they are: one HTTP POST of one {@code <body/>} text, one answer with its status, Content-Type
 * and {@code <body/>}. The BOSH tests use it directly (to send what a client must not, such as a wrong sid or a
 * repeated rid); {@link BoshTransport} builds a session on it. Every request and response body goes to the
 * {@link TrafficListener}; HTTPS uses the run's {@link SSLContext}, with the JDK's host name check.
 */
public final class BoshHttp {
    public static final String NS = "http://jabber.org/protocol/httpbind";
    public static final String XBOSH = "urn:xmpp:xbosh";
    /** XEP-0124 §7.1: the Content-Type of every response unless the client asked for another. */
    public static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    private final URI endpoint;
    private final HttpClient client;
    private volatile TrafficListener listener = TrafficListener.NONE;

    public BoshHttp(URI endpoint, SSLContext ssl, Duration connectTimeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.client = builder.build();
    }

    public BoshHttp onTraffic(TrafficListener traffic) {
        this.listener = traffic == null ? TrafficListener.NONE : traffic;
        return this;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Posts one body and waits at most {@code timeout} for the answer. */
    public Response post(String body, Duration timeout) throws WireException {
        try {
            return postAsync(body, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WireException("interrupted while waiting for the BOSH response", e);
        } catch (TimeoutException e) {
            throw new WireTimeoutException("no BOSH response within " + timeout.toSeconds() + " s to " + body);
        } catch (ExecutionException e) {
            throw asWireException(e.getCause(), timeout);
        }
    }

    /**
     * Posts one body without waiting. The future fails with a {@link WireException} when the request cannot be
     * made or gets no answer within {@code timeout}.
     */
    public CompletableFuture<Response> postAsync(String body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        report(() -> listener.sent(body));
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        report(() -> listener.note("BOSH request failed: " + cause));
                        throw new CompletionException(asWireException(cause, timeout));
                    }
                    Response answer = Response.of(response.statusCode(), response.headers().firstValue("Content-Type"), response.body());
                    if (answer.status() != 200) {
                        report(() -> listener.note("HTTP " + answer.status()));
                    }
                    report(() -> listener.received(answer.text()));
                    return answer;
                });
    }

    private static WireException asWireException(Throwable cause, Duration timeout) {
        if (cause instanceof WireException wire) {
            return wire;
        }
        if (cause instanceof HttpTimeoutException) {
            return new WireTimeoutException("no BOSH response within " + timeout.toSeconds() + " s");
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return new WireException("TLS to the BOSH endpoint failed: " + cause.getMessage(), cause);
        }
        if (cause instanceof IOException) {
            return new WireConnectException("BOSH request failed: " + cause, cause);
        }
        return new WireException("BOSH request failed: " + cause, cause);
    }

    private static void report(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // a listener's failure must not break the session
        }
    }

    /**
     * One HTTP answer: status, Content-Type header, the text, and the {@code <body/>} when the text parses as one
     * element (empty otherwise: an HTTP error page, nothing, broken XML).
     */
    public record Response(int status, Optional<String> contentType, String text, Optional<XmlElement> body) {

        static Response of(int status, Optional<String> contentType, String text) {
            Optional<XmlElement> parsed = Optional.empty();
            String trimmed = text == null ? "" : stripDeclaration(text.strip());
            if (!trimmed.isEmpty()) {
                try {
                    parsed = Optional.of(XmlElement.parse(trimmed));
                } catch (WireProtocolException e) {
                    parsed = Optional.empty();
                }
            }
            return new Response(status, contentType, text == null ? "" : text, parsed);
        }

        /** A {@code <body/>} of the BOSH namespace. */
        public boolean isBody() {
            return body.map(b -> b.is("body", NS)).orElse(false);
        }

        public Optional<String> attribute(String name) {
            return body.flatMap(b -> b.attribute(name));
        }

        /** The 'type' attribute is "terminate" (XEP-0124 §17.2). */
        public boolean isTerminate() {
            return attribute("type").map("terminate"::equals).orElse(false);
        }

        /** The terminal binding condition, if this is one. */
        public Optional<String> terminateCondition() {
            return isTerminate() ? attribute("condition") : Optional.empty();
        }

        /** The 'type' attribute is "error" (a recoverable binding condition, XEP-0124 §17.3). */
        public boolean isRecoverableError() {
            return attribute("type").map("error"::equals).orElse(false);
        }

        /** The payloads: the body's child elements. */
        public java.util.List<XmlElement> payloads() {
            return body.map(XmlElement::children).orElse(java.util.List.of());
        }

        private static String stripDeclaration(String text) {
            if (text.startsWith("<?xml")) {
                int end = text.indexOf("?>");
                return end < 0 ? text : text.substring(end + 2).strip();
            }
            return text;
        }
    }
}
