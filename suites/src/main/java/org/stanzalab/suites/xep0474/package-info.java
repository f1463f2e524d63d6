/** XEP-0474 SASL SCRAM Downgrade Protection: the hash of the advertised mechanisms and channel-binding types. */
package org.stanzalab.suites.xep0474;
