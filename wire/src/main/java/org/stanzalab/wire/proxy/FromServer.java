package org.stanzalab.wire.proxy;

import java.util.Optional;
import org.stanzalab.wire.XmlElement;

/**
 * A top-level element the server sent, as a {@link FaultRule}'s predicate sees it.
 *
 * @param element the element
 * @param request for an IQ result or error: the client's IQ get or set on the same connection with the same id,
 *                if the proxy saw it; lets a rule pick, say, the answers to pings, whose ids the client chose
 */
public record FromServer(XmlElement element, Optional<XmlElement> request) {
}
