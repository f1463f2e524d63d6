/**
 * Wire-level XMPP driver: a raw client-to-server XML stream over TCP or TLS, for compliance tests that
 * send malformed or unusual XML and need to see exactly how the server reacts (stream errors, closure).
 *
 * <p>Entry point: {@link org.stanzalab.wire.WireStream}; per-connection TLS choices in
 * {@link org.stanzalab.wire.TlsOptions}, what was negotiated in {@link org.stanzalab.wire.NegotiatedTls}. The
 * accepting side (the tool as a server) is in {@code org.stanzalab.wire.server}, SCRAM in
 * {@code org.stanzalab.wire.sasl}. Conventions:
 * <ul>
 *   <li>Every failure is a {@link org.stanzalab.wire.WireException} (an {@code IOException}) with a
 *       one-line message; subclasses tell connect, timeout, protocol, TLS, closure and SASL problems apart.</li>
 *   <li>Every wait is bounded, by default by {@link org.stanzalab.wire.WireEndpoint#timeout()}.</li>
 *   <li>Incoming XML goes through a hardened parser (RFC 6120 §11): no DTDs, comments, processing
 *       instructions or non-predefined entities; strict UTF-8; size and depth limits
 *       ({@link org.stanzalab.wire.ParserLimits}).</li>
 *   <li>{@link org.stanzalab.wire.TrafficListener} sees every chunk sent and every header/element received,
 *       as text, with SASL credentials redacted; TLS and connection events arrive as
 *       {@link org.stanzalab.wire.TrafficListener#note(String)}.</li>
 *   <li>Optional-valued lookups on {@link org.stanzalab.wire.XmlElement} return {@code Optional}; record
 *       components for absent values (attributes, error text) are null.</li>
 * </ul>
 */
package org.stanzalab.wire;
