package org.stanzalab.wire.certs;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * One name a certificate gives its subject, in one of the forms RFC 6120 §13.7.1.2 (with RFC 6125 and RFC 7712)
 * lets an XMPP service use: a DNS-ID, an SRV-ID for {@code _xmpp-client} or {@code _xmpp-server}, or an XmppAddr.
 */
public sealed interface SubjectName {
    /** id-on-xmppAddr, RFC 6120 §13.7.1.4. */
    ASN1ObjectIdentifier XMPP_ADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");
    /** id-on-dnsSRV, RFC 4985. */
    ASN1ObjectIdentifier DNS_SRV = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.7");

    /** The name as a subject alternative name entry. */
    GeneralName generalName();

    /** The name as people write it, e.g. "DNS:example.org" or "SRV:_xmpp-server.example.org". */
    String describe();

    static SubjectName dns(String domain) {
        return new Dns(domain);
    }

    static SubjectName srvClient(String domain) {
        return new SrvId("_xmpp-client", domain);
    }

    static SubjectName srvServer(String domain) {
        return new SrvId("_xmpp-server", domain);
    }

    static SubjectName xmppAddr(String domain) {
        return new XmppAddr(domain);
    }

    record Dns(String domain) implements SubjectName {
        @Override
        public GeneralName generalName() {
            return new GeneralName(GeneralName.dNSName, domain);
        }

        @Override
        public String describe() {
            return "DNS:" + domain;
        }
    }

    /** RFC 4985: an otherName holding the IA5String "_service.domain". */
    record SrvId(String service, String domain) implements SubjectName {
        @Override
        public GeneralName generalName() {
            return otherName(DNS_SRV, new DERIA5String(service + "." + domain));
        }

        @Override
        public String describe() {
            return "SRV:" + service + "." + domain;
        }
    }

    /** RFC 6120 §13.7.1.4: an otherName holding the UTF8String JID. */
    record XmppAddr(String jid) implements SubjectName {
        @Override
        public GeneralName generalName() {
            return otherName(XMPP_ADDR, new DERUTF8String(jid));
        }

        @Override
        public String describe() {
            return "XmppAddr:" + jid;
        }
    }

    private static GeneralName otherName(ASN1ObjectIdentifier type, org.bouncycastle.asn1.ASN1Encodable value) {
        ASN1EncodableVector otherName = new ASN1EncodableVector();
        otherName.add(type);
        otherName.add(new DERTaggedObject(true, 0, value));
        return new GeneralName(GeneralName.otherName, new DERSequence(otherName));
    }
}
