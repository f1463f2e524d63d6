/** XEP-0215 External Service Discovery: the STUN and TURN services a server tells its users about. */
package org.stanzalab.suites.xep0215;
