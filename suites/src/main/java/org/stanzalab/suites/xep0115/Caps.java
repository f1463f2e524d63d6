package org.stanzalab.suites.xep0115;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * Entity capabilities (XEP-0115) as the tests compute and read them: the verification string of a disco#info
 * result (§5.1), the {@code <c/>} element, and the server's own caps from its stream features (§6.3).
 */
final class Caps {
    static final String NS = "http://jabber.org/protocol/caps";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DATA = "jabber:x:data";
    /** Hash names of the IANA registry that §5.1 refers to, and the JDK's names for them. */
    private static final Map<String, String> ALGORITHMS = Map.of("sha-1", "SHA-1", "sha-224", "SHA-224", "sha-256", "SHA-256",
            "sha-384", "SHA-384", "sha-512", "SHA-512", "md5", "MD5", "md2", "MD2");

    private Caps() {
    }

    /** A {@code <c/>} element with these attributes, for a presence written by hand. */
    static String element(String node, String ver) {
        return "<c xmlns='" + NS + "' hash='sha-1' node='" + XmlEscape.attribute(node) + "' ver='" + XmlEscape.attribute(ver) + "'/>";
    }

    /** The JDK's name of the caps hash; the test is impossible for a hash we cannot compute. */
    static String algorithm(Lab lab, String hash) {
        String name = ALGORITHMS.get(hash.toLowerCase(Locale.ROOT));
        lab.requireThat(name != null, "the caps use the hash '" + hash + "', which the test cannot compute");
        return name;
    }

    /** The verification string of a disco#info query element, computed as §5.1 describes. */
    static String ver(XmlElement query, String jdkAlgorithm) {
        StringBuilder s = new StringBuilder();
        List<String> identities = new ArrayList<>();
        for (XmlElement identity : query.children("identity", DISCO_INFO)) {
            identities.add(identity.attribute("category").orElse("") + "/" + identity.attribute("type").orElse("") + "/"
                    + identity.attribute("xml:lang").orElse("") + "/" + identity.attribute("name").orElse(""));
        }
        appendSorted(s, identities);
        List<String> features = new ArrayList<>();
        for (XmlElement feature : query.children("feature", DISCO_INFO)) {
            features.add(feature.attribute("var").orElse(""));
        }
        appendSorted(s, features);
        List<XmlElement> forms = new ArrayList<>();
        for (XmlElement form : query.children("x", DATA)) {
            // A form without a hidden FORM_TYPE is left out (§5.4).
            formType(form).ifPresent(type -> forms.add(form));
        }
        forms.sort(Comparator.comparing(form -> formType(form).orElse(""), Caps::octets));
        for (XmlElement form : forms) {
            s.append(formType(form).orElse("")).append('<');
            List<XmlElement> fields = new ArrayList<>(form.children("field", DATA).stream()
                    .filter(f -> !"FORM_TYPE".equals(f.attribute("var").orElse(null))).toList());
            fields.sort(Comparator.comparing(f -> f.attribute("var").orElse(""), Caps::octets));
            for (XmlElement field : fields) {
                s.append(field.attribute("var").orElse("")).append('<');
                appendSorted(s, field.children("value", DATA).stream().map(XmlElement::text).toList());
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance(jdkAlgorithm).digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new Impossible("the JDK has no " + jdkAlgorithm + " to verify the caps with");
        }
    }

    private static Optional<String> formType(XmlElement form) {
        return form.children("field", DATA).stream()
                .filter(f -> "FORM_TYPE".equals(f.attribute("var").orElse(null)) && "hidden".equals(f.attribute("type").orElse(null)))
                .findFirst().flatMap(f -> f.childText("value", DATA));
    }

    private static void appendSorted(StringBuilder s, List<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Caps::octets);
        for (String value : sorted) {
            s.append(value).append('<');
        }
    }

    /** The "i;octet" collation: compare the UTF-8 bytes, unsigned. */
    static int octets(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The caps of a stream's features and the response header that came with them. */
    record Advertised(XmlElement c, StreamHeader header, String stream) {
        String hash() {
            return c.attribute("hash").orElse("");
        }

        String node() {
            return c.attribute("node").orElse("");
        }

        String ver() {
            return c.attribute("ver").orElse("");
        }
    }

    /** A logged-in raw session of the server, with the caps its stream features advertised along the way. */
    record ServerStreams(RawSession session, List<Advertised> advertised) {
        /** The caps of the latest stream that had any; the test is impossible where no stream features carried caps. */
        Advertised require(Lab lab) {
            lab.requireThat(!advertised.isEmpty(), "the server advertises no entity capabilities (<c xmlns='" + NS
                    + "'/>) in its stream features, which §6.3 leaves optional");
            return advertised.get(advertised.size() - 1);
        }

        /** The server's disco#info query element, asked over this session (with a node, or none). */
        XmlElement info(Lab lab, String node) {
            String id = session.newId("caps-info");
            XmlElement reply = session.request("<iq type='get' id='" + id + "' to='" + lab.domain() + "'><query xmlns='" + DISCO_INFO
                    + "'" + (node == null ? "" : " node='" + XmlEscape.attribute(node) + "'") + "/></iq>", id);
            if (!Stanzas.hasType(reply, "result")) {
                throw new AssertionError("the server advertises caps but answered disco#info"
                        + (node == null ? "" : " of node " + node) + " with " + reply.toXml());
            }
            return reply.child("query", DISCO_INFO).orElseThrow(() -> new AssertionError("a disco#info result without query: " + reply.toXml()));
        }
    }

    /**
     * Negotiates a stream by hand, keeping the response header of each restarted stream with its features (the
     * stream over TLS, the stream after SASL), then binds a resource.
     */
    static ServerStreams serverStreams(Lab lab) {
        RawSession session = lab.raw();
        List<Advertised> advertised = new ArrayList<>();
        if (lab.target().tls() == TlsMode.STARTTLS) {
            session.open();
            session.features(RawSession.Stage.OPENED).flatMap(f -> f.child("c", NS))
                    .ifPresent(c -> advertised.add(new Advertised(c, null, "the initial stream")));
            StreamHeader header = session.expectHeaderAfterTls();
            session.features().child("c", NS).ifPresent(c -> advertised.add(new Advertised(c, header, "the stream restarted after TLS")));
        } else {
            session.secure();
        }
        StreamHeader header = session.expectHeaderAfterAuthenticating(lab.newUser());
        session.features().child("c", NS).ifPresent(c -> advertised.add(new Advertised(c, header, "the stream restarted after SASL")));
        session.bind();
        return new ServerStreams(session, advertised);
    }
}
