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

    @Test
    void onlyOurNamesAreOursAndTheirAgeComesFromTheTag() {
        String name = new AccountNames().nextUsername();

        org.junit.jupiter.api.Assertions.assertTrue(AccountNames.isOurs(name), name);
        org.junit.jupiter.api.Assertions.assertFalse(AccountNames.isOurs("admin"));
        org.junit.jupiter.api.Assertions.assertFalse(AccountNames.isOurs("sl-alice"));
        org.junit.jupiter.api.Assertions.assertFalse(AccountNames.isOurs("stanzalab-check-1"));
        long age = AccountNames.age(name, System.currentTimeMillis() + 60_000).orElseThrow().toSeconds();
        org.junit.jupiter.api.Assertions.assertTrue(age >= 59 && age <= 70, "age " + age);
    }
}
