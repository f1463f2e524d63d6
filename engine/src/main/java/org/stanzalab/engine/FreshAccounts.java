package org.stanzalab.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test (or every test of the class) needs accounts with no history: what it reads back, an archive say, would
 * hold what earlier tests left in a reused account, and the reset does not (and should not) erase it. Such a test
 * gets newly created accounts; with configured accounts it ends as impossible, saying why.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FreshAccounts {
    /** Why a reused account would not do, e.g. "the archive must hold only this test's messages". */
    String value();
}
