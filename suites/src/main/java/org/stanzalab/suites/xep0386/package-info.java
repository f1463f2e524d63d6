/** XEP-0386 Bind 2: resource binding inline in a SASL2 login. */
package org.stanzalab.suites.xep0386;
