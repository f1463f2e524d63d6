/** XEP-0484 Fast Authentication Streamlining Tokens: token requests and token logins over SASL2. */
package org.stanzalab.suites.xep0484;
