/**
 * SCRAM (RFC 5802, RFC 7677) on the JDK's crypto, message by message: {@link org.stanzalab.wire.sasl.ScramClient}
 * for tests that talk to a server, {@link org.stanzalab.wire.sasl.ScramServer} for the tool's server side.
 */
package org.stanzalab.wire.sasl;
