package org.stanzalab.suites.federation.rfc6121;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.proxy.FaultProxy;
import org.stanzalab.wire.proxy.FaultRule;
import org.stanzalab.wire.proxy.FromServer;
import org.stanzalab.wire.proxy.Match;

/**
 * The demonstration that the federation.rfc6121 checks fail when a server misbehaves (not a unit test: run by hand,
 * see the report of issue 14): a {@link FaultProxy} in front of one reference server's client port, with one rule
 * modelling a server bug on what that server delivers to its users. A run over both servers with that server's port
 * pointed at the proxy (a -c properties file) then sees the bug in the cases where its users are on that side.
 * <p>
 * Usage: {@code FaultyPresenceProxy RULE HOST PORT DOMAIN CA.crt CA.key}; prints the proxy's port and runs until
 * killed. RULE is one of {@link #rules}' keys.
 */
public final class FaultyPresenceProxy {
    private static final String CLIENT = "jabber:client";

    /** Each rule a server bug the named tests must catch; {@code domain} is the server behind the proxy. */
    static Map<String, FaultRule> rules(String domain) {
        return Map.of(
                // unavailable presence lost (§4.5.2, §4.6.3, §3.2.2, §3.3.3)
                "drop-unavailable", FaultRule.drop("drop-unavailable", presence("unavailable")),
                // the <show/> of every available presence lost (§4.4.2 full XML, §4.3.2)
                "strip-show", FaultRule.removeChild("strip-show", "show", CLIENT, presence(null)),
                // the payloads of presence lost (§4.4.2 full XML, §4.3.2 probe answers)
                "strip-payloads", new FaultRule("strip-payloads", presence(null),
                        p -> p.withChildren(c -> c.namespace().equals(CLIENT) ? c : null)),
                // subscription requests lost (§3.1.2, §3.1.3)
                "drop-subscribe", FaultRule.drop("drop-subscribe", presence("subscribe")),
                // roster pushes lost (§3.1.2, §3.1.5, §3.2.x, §3.3.x)
                "drop-roster-push", FaultRule.drop("drop-roster-push", Match.iq("set", "jabber:iq:roster")),
                // a bad-request answered with another condition (§4.7.1)
                "wrong-condition", FaultRule.replaceErrorCondition("wrong-condition", "service-unavailable",
                        Match.stanza("presence").and(Match.errorCondition("bad-request"))),
                // a presence leaked: each marker from the other server (message, or the answer to a marker IQ) turned
                // into available presence from its sender (§4.4.2, §4.3.2, §4.6.3); local markers stay, so the run's
                // synchronisation check still works
                "leak-presence", new FaultRule("leak-presence", fromElsewhere(domain).and(isMarker()),
                        m -> XmlElement.builder("presence", CLIENT).attribute("from", m.attribute("from").orElse(""))
                                .attribute("to", m.attribute("to").orElse("")).build()));
    }

    private static Predicate<FromServer> isMarker() {
        return Match.stanza("message").and(Match.childIn("urn:stanzalab:marker:0"))
                .or(Match.stanza("iq").and(f -> f.element().attribute("id").orElse("").startsWith("marker-")));
    }

    private static Predicate<FromServer> fromElsewhere(String domain) {
        return f -> !f.element().attribute("from").orElse(domain).replaceFirst("^[^@]*@", "").replaceFirst("/.*$", "").equals(domain);
    }

    private static Predicate<FromServer> presence(String type) {
        return Match.stanza("presence").and(f -> type == null ? f.element().attribute("type").isEmpty()
                : type.equals(f.element().attribute("type").orElse("")));
    }

    private FaultyPresenceProxy() {
    }

    public static void main(String[] args) throws Exception {
        FaultRule rule = rules(args[3]).get(args[0]);
        if (rule == null) {
            System.err.println("unknown rule " + args[0] + "; known: " + rules(args[3]).keySet());
            System.exit(2);
        }
        CertKit ca = CertKit.loadCa(Path.of(args[4]), Path.of(args[5]));
        FaultProxy proxy = FaultProxy.start(args[1], Integer.parseInt(args[2]), args[3], ca.trustingContext(), ca.issue(args[3]),
                Duration.ofSeconds(120), line -> System.err.println("proxy: " + line));
        proxy.rules(List.of(rule));
        System.out.println(proxy.port());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("rule " + rule.name() + " fired " + proxy.fired().size() + " times");
            proxy.close();
        }));
        Thread.currentThread().join();
    }
}
