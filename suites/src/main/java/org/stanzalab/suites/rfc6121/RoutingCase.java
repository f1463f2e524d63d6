package org.stanzalab.suites.rfc6121;

import java.util.ArrayList;
import java.util.List;

/**
 * One case of a routing matrix: the stanza's type, how it is addressed and the recipient's resources. Its key names
 * all three ({@code chat-bare-two-equal}) and is the case's id in reports.
 */
record RoutingCase<T>(String key, T type, RoutingResources resources) {

    @Override
    public String toString() {
        return key;
    }

    /** Every type against every resource set, keyed "prefix + type-addressing-set". */
    static <T> List<RoutingCase<T>> matrix(String prefix, List<T> types, String addressing, List<RoutingResources> sets) {
        List<RoutingCase<T>> cases = new ArrayList<>();
        for (T type : types) {
            for (RoutingResources set : sets) {
                cases.add(new RoutingCase<>(prefix + type + "-" + addressing + "-" + set.key, type, set));
            }
        }
        return cases;
    }
}
