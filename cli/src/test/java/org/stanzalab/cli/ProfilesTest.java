package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.TestResult;
import org.stanzalab.report.profile.Profile;
import org.stanzalab.report.profile.ProfileJudge;

/** The profiles shipped in profiles/ load, and every row that names tests names tests that exist. */
class ProfilesTest {
    private static final Path FOLDER = Path.of("..", "profiles");

    @Test
    void everyShippedProfileLoadsAndItsSelectorsMatchExistingTests() throws Exception {
        List<String> names = Profile.available(FOLDER);
        assertTrue(names.contains("xep0479-im-core") && names.contains("nta7532"), "profiles found: " + names);
        List<TestResult> planned = Suites.discover(new SelectionOptions()).stream()
                .map(t -> new TestResult(t.id(), t.id(), t.spec(), Outcome.PASSED, 0, null, List.of())).toList();
        List<String> stale = new ArrayList<>();
        for (String name : names) {
            Profile profile = Profile.load(name, FOLDER);
            assertFalse(profile.rows().isEmpty(), name + " has no rows");
            for (Profile.Row row : profile.rows()) {
                for (String selector : row.selectors()) {
                    if (planned.stream().noneMatch(ProfileJudge.matcher(List.of(selector)))) {
                        stale.add(name + " row " + row.id() + ": '" + selector + "' matches no test");
                    }
                }
            }
        }
        assertTrue(stale.isEmpty(), String.join("\n", stale));
    }
}
