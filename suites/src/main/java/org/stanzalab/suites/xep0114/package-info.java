/** XEP-0114 Jabber Component Protocol: the server's side of an external component's connection. */
package org.stanzalab.suites.xep0114;
