package org.stanzalab.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The requirement a compliance test checks. Every test method carries one; a test without it does not run.
 * The requirement is phrased in our own words, never copied from the specification.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Spec {
    /** The document, written as people cite it: "RFC 6120", "XEP-0030". */
    String document();

    /** The version of the document the test was written against, e.g. "2.5.0" for a XEP; empty for an RFC. */
    String version() default "";

    /** The section number, without the section sign: "8.3.3.19". */
    String section();

    Level level();

    /** What the server must (or should, or may) do, in our own words. */
    String requirement();
}
