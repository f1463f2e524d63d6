/** XEP-0388 Extensible SASL Profile (SASL2): login through {@code <authenticate/>} on the wire driver. */
package org.stanzalab.suites.xep0388;
