/**
 * The tool as an XMPP server, for tests that play the server's part against a real client or a real server:
 * {@link org.stanzalab.wire.server.XmppListener} listens on a loopback address and hands out each accepted
 * connection as a {@link org.stanzalab.wire.server.ServerStream}, which a test scripts step by step (stream
 * header and features, STARTTLS or direct TLS with a {@link org.stanzalab.wire.certs.CertKit} certificate,
 * SASL PLAIN/SCRAM/EXTERNAL, resource binding, server dialback). A driver, not a server: nothing is answered
 * unless the test says so, and every wait is bounded.
 */
package org.stanzalab.wire.server;
