/** XEP-0368 SRV records for XMPP over TLS: the server's direct-TLS client port. */
package org.stanzalab.suites.xep0368;
