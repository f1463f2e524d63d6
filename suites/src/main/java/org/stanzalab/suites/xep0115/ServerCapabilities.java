package org.stanzalab.suites.xep0115;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0115.Caps.Advertised;
import org.stanzalab.suites.xep0115.Caps.ServerStreams;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0115 for the server's own capabilities: a server may put its caps into the stream features (§6.3); where it
 * does, the verification string must be the hash of what its disco#info says. Where it does not, these tests are
 * impossible, naming the missing stream feature.
 */
@StanzalabTest
class ServerCapabilities {
    private static final String VERSION = "1.6.0";

    @Spec(document = "XEP-0115", version = VERSION, section = "4", level = MUST,
          requirement = "the caps element the server advertises carries the hash, node and ver attributes, none empty")
    @Test
    void streamFeatureCapsCarryHashNodeAndVer(Lab lab) {
        Advertised caps = Caps.serverStreams(lab).require(lab);

        assertFalse(caps.hash().isBlank(), "no hash attribute in " + caps.c().toXml() + " of " + caps.stream());
        assertFalse(caps.node().isBlank(), "no node attribute in " + caps.c().toXml() + " of " + caps.stream());
        assertFalse(caps.ver().isBlank(), "no ver attribute in " + caps.c().toXml() + " of " + caps.stream());
    }

    @Spec(document = "XEP-0115", version = VERSION, section = "5.1", level = MUST,
          requirement = "the ver the server advertises in its stream features is the hash, by the stated algorithm, of the"
                  + " identities, features and forms of its disco#info, built as the generation method says")
    @Test
    void streamFeatureVerIsTheHashOfServerInfo(Lab lab) {
        ServerStreams streams = Caps.serverStreams(lab);
        Advertised caps = streams.require(lab);
        String algorithm = Caps.algorithm(lab, caps.hash());

        XmlElement info = streams.info(lab, null);

        assertEquals(caps.ver(), Caps.ver(info, algorithm), "the advertised ver " + caps.c().toXml()
                + " is not the " + caps.hash() + " hash of the server's disco#info " + info.toXml());
    }

    @Spec(document = "XEP-0115", version = VERSION, section = "5.1", level = MUST,
          requirement = "disco#info of the server's caps node ('node#ver') is answered with the node mirrored and with the"
                  + " identities and features whose hash is that ver")
    @Test
    void capsNodeInfoHashesToTheAdvertisedVer(Lab lab) {
        ServerStreams streams = Caps.serverStreams(lab);
        Advertised caps = streams.require(lab);
        String algorithm = Caps.algorithm(lab, caps.hash());
        String node = caps.node() + "#" + caps.ver();

        XmlElement info = streams.info(lab, node);

        assertEquals(node, info.attribute("node").orElse(null), "the node of the answer: " + info.toXml());
        assertEquals(caps.ver(), Caps.ver(info, algorithm), "the answer for " + node + " does not hash to its ver: " + info.toXml());
    }

    @Spec(document = "XEP-0115", version = VERSION, section = "6.3", level = MUST,
          requirement = "a server that advertises caps in its stream features puts its own address in the 'from' of the"
                  + " response stream header, the address to send disco#info to")
    @Test
    void capsAdvertisingStreamHeaderCarriesFrom(Lab lab) {
        ServerStreams streams = Caps.serverStreams(lab);
        Advertised caps = streams.require(lab);
        lab.requireThat(caps.header() != null, "caps only in the features of the initial stream, whose header the wire driver"
                + " does not keep");

        assertEquals(lab.domain(), caps.header().from(), "'from' of the response header of " + caps.stream() + ": " + caps.header().raw());
    }

    @Spec(document = "XEP-0115", version = VERSION, section = "7", level = MUST,
          requirement = "a server that advertises caps in its stream features lists the caps feature in its disco#info")
    @Test
    void capsAdvertisingServerListsCapsFeature(Lab lab) {
        ServerStreams streams = Caps.serverStreams(lab);
        streams.require(lab);

        XmlElement info = streams.info(lab, null);

        assertTrue(info.children("feature", Caps.DISCO_INFO).stream().anyMatch(f -> Caps.NS.equals(f.attribute("var").orElse(null))),
                "the server advertises caps in its stream features but its disco#info lacks " + Caps.NS + ": " + info.toXml());
    }

    @Spec(document = "XEP-0115", version = VERSION, section = "5.4", level = MUST,
          requirement = "the disco#info behind the server's caps has no repeated identity (category, type, language, name) and"
                  + " no repeated feature, which would make receivers reject it as ill-formed")
    @Test
    void capsInfoHasNoRepeatedIdentityOrFeature(Lab lab) {
        ServerStreams streams = Caps.serverStreams(lab);
        streams.require(lab);

        XmlElement info = streams.info(lab, null);

        List<String> identities = new ArrayList<>();
        for (XmlElement identity : info.children("identity", Caps.DISCO_INFO)) {
            identities.add(identity.attribute("category").orElse("") + "/" + identity.attribute("type").orElse("") + "/"
                    + identity.attribute("xml:lang").orElse("") + "/" + identity.attribute("name").orElse(""));
        }
        List<String> features = info.children("feature", Caps.DISCO_INFO).stream().map(f -> f.attribute("var").orElse("")).toList();
        assertTrue(repeated(identities).isEmpty(), "repeated identities " + repeated(identities) + " in " + info.toXml());
        assertTrue(repeated(features).isEmpty(), "repeated features " + repeated(features) + " in " + info.toXml());
    }

    private static Set<String> repeated(List<String> values) {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new HashSet<>();
        for (String value : values) {
            if (!seen.add(value)) {
                twice.add(value);
            }
        }
        return twice;
    }
}
