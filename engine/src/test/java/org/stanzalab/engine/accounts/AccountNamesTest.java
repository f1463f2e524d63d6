package org.stanzalab.engine.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccountNamesTest {

    @Test
    void runsStartedTogetherNeverShareAUsername() {
        Set<String> first = IntStream.range(0, 50).mapToObj(i -> new AccountNames().nextUsername())
                .collect(Collectors.toSet());

        assertEquals(50, first.size(), "runs created in the same millisecond must get distinct run tags: " + first);
    }
}
