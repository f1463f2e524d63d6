package org.stanzalab.engine.launch;

import java.lang.reflect.Method;
import java.util.Optional;

import org.stanzalab.engine.Spec;
import org.stanzalab.model.Level;
import org.stanzalab.model.SpecRef;

/** Reads the {@link Spec} a test method carries into the result model's {@link SpecRef}. */
public final class SpecRefs {
    private SpecRefs() {
    }

    public static SpecRef of(Spec spec) {
        return new SpecRef(spec.document(), spec.version(), spec.section(), Level.valueOf(spec.level().name()),
                spec.requirement());
    }

    public static Optional<SpecRef> of(Method method) {
        return Optional.ofNullable(method.getAnnotation(Spec.class)).map(SpecRefs::of);
    }
}
