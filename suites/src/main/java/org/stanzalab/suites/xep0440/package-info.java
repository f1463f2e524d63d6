/** XEP-0440 SASL Channel-Binding Type Capability: the advertised types, and logins bound with each of them. */
package org.stanzalab.suites.xep0440;
