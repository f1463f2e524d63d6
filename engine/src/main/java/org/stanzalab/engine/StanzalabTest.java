package org.stanzalab.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.stanzalab.engine.junit.StanzalabExtension;

/** Marks a class of compliance tests: each test method gets a {@link Lab} and must carry a {@link Spec}. */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(StanzalabExtension.class)
public @interface StanzalabTest {
}
