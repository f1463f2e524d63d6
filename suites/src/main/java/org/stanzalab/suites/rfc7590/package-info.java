/**
 * RFC 7590, TLS in XMPP: the TLS posture of every port of the server (client and server-to-server, STARTTLS and
 * direct TLS) against the best current practice RFC 7590 makes binding (RFC 7525, and RFC 8996 where it moved on).
 */
package org.stanzalab.suites.rfc7590;
