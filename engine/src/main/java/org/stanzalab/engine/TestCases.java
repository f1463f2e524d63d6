package org.stanzalab.engine;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.BaseStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases of a parameterised compliance test, known before it runs: JUnit only learns them while executing,
 * but listing, counting, selecting and comparing need every case's id up front.
 *
 * <p>Suites keep to one convention so this stays small: {@code @ParameterizedTest(name = "{0}")}, and the cases
 * come from an {@code @EnumSource} without filters or an {@code @MethodSource} naming static no-argument methods
 * of the same class. Argument 0's text is the case key.
 */
public final class TestCases {
    /** What a case key may contain, so ids stay easy to type, grep and put in YAML. */
    public static final String KEY_PATTERN = "[A-Za-z0-9][A-Za-z0-9._+-]*";

    private TestCases() {
    }

    public static boolean isParameterised(Method method) {
        return method.isAnnotationPresent(ParameterizedTest.class);
    }

    /**
     * The case keys of a parameterised method, in execution order.
     *
     * @throws IllegalStateException when the method does not keep to the convention
     */
    public static List<String> keys(Method method) {
        ParameterizedTest parameterized = method.getAnnotation(ParameterizedTest.class);
        if (parameterized == null) {
            throw new IllegalStateException(where(method) + " is not a @ParameterizedTest");
        }
        if (!"{0}".equals(parameterized.name())) {
            throw new IllegalStateException(where(method) + " must name its cases with @ParameterizedTest(name = \"{0}\")");
        }
        List<Object> firstArguments = new ArrayList<>();
        EnumSource enums = method.getAnnotation(EnumSource.class);
        MethodSource factories = method.getAnnotation(MethodSource.class);
        if (enums != null) {
            if (enums.names().length > 0) {
                throw new IllegalStateException(where(method) + ": @EnumSource filters are not supported; list the cases in the enum");
            }
            Class<?> type = enums.value();
            if (!type.isEnum()) { // the annotation's default: the enum type of the first parameter
                type = method.getParameterTypes()[0];
            }
            firstArguments.addAll(List.of(type.getEnumConstants()));
        } else if (factories != null) {
            String[] names = factories.value().length == 0 ? new String[] {method.getName()} : factories.value();
            for (String name : names) {
                for (Object each : casesFrom(method, name)) {
                    firstArguments.add(each instanceof Arguments arguments ? arguments.get()[0] : each);
                }
            }
        } else {
            throw new IllegalStateException(where(method) + " must take its cases from @EnumSource or @MethodSource");
        }
        return firstArguments.stream().map(String::valueOf).toList();
    }

    private static List<Object> casesFrom(Method test, String factoryName) {
        try {
            Method factory = test.getDeclaringClass().getDeclaredMethod(factoryName);
            if (!Modifier.isStatic(factory.getModifiers())) {
                throw new IllegalStateException(where(test) + ": case factory " + factoryName + "() must be static");
            }
            factory.setAccessible(true);
            return elements(factory.invoke(null));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(where(test) + ": no static no-argument method " + factoryName + "() in its class");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(where(test) + ": case factory " + factoryName + "() failed: " + e.getCause(), e);
        }
    }

    private static List<Object> elements(Object cases) {
        List<Object> list = new ArrayList<>();
        if (cases instanceof BaseStream<?, ?> stream) {
            stream.iterator().forEachRemaining(list::add);
        } else if (cases instanceof Iterable<?> iterable) {
            iterable.forEach(list::add);
        } else if (cases instanceof Iterator<?> iterator) {
            iterator.forEachRemaining(list::add);
        } else if (cases != null && cases.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(cases); i++) {
                list.add(Array.get(cases, i));
            }
        } else {
            throw new IllegalStateException("a case factory must return a Stream, a collection or an array, not " + cases);
        }
        return list;
    }

    private static String where(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
