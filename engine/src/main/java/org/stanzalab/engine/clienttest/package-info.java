/**
 * Testing clients against misbehaving servers: {@link org.stanzalab.engine.clienttest.BadServer} serves known-bad
 * XMPP endpoints on loopback, one domain per {@link org.stanzalab.engine.clienttest.BadScenario}, watches what a
 * client does on each, and {@link org.stanzalab.engine.clienttest.ClientVerdicts} turns that into a verdict per
 * scenario: the client aborted before it sent credentials, or it went on to authenticate.
 */
package org.stanzalab.engine.clienttest;
