package org.stanzalab.suites.xep0384.omemo;

/** A message, key or signature that does not authenticate, or a message that cannot be decrypted. */
public final class AuthenticationException extends RuntimeException {
    public AuthenticationException(String message) {
        super(message);
    }
}
