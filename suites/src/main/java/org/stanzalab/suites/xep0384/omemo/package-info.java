/**
 * OMEMO (XEP-0384 0.9, urn:xmpp:omemo:2) for the suites' tests: X3DH with Ed25519 identity keys converted for
 * X25519, the Double Ratchet with OMEMO's HKDF info strings and truncated HMAC-SHA-256, payload encryption with
 * AES-256-CBC, and the protobuf messages, encoded by hand. No XMPP here; {@link org.stanzalab.suites.xep0384} sends
 * and receives.
 *
 * <p>This is our own code on Bouncy Castle's Ed25519 and X25519 (no OMEMO library under a permissive licence is
 * available on Maven Central, and the GPL smack-omemo-signal must not be used). It exists to test what servers do
 * with OMEMO traffic; it keeps keys in memory, trusts every identity and is not meant to protect real secrets.
 */
package org.stanzalab.suites.xep0384.omemo;
