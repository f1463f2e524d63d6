package org.stanzalab.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class RemnantsTest {

    @Test
    void namesOnlyWhatStaysOrCannotBeToldAndForgetsWhatIsGone() {
        Remnants remnants = new Remnants();
        remnants.add("uploaded file", "https://up/a", "no deletion", () -> true);
        remnants.add("uploaded file", "https://up/b", "no deletion", () -> false);
        remnants.add("uploaded file", "https://up/c", "no deletion", () -> {
            throw new IOException("HEAD answered 500");
        });

        List<String> lines = remnants.settle("example.org");

        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("example.org: 2 uploaded files of 3 made by the run stay on the server (no deletion)"), line);
        assertTrue(line.contains("1 of them not confirmed") && line.contains("https://up/a") && line.contains("https://up/c"), line);
        assertTrue(!line.contains("https://up/b"), line);
        assertEquals(List.of(), remnants.settle("example.org"), "settled remnants are not looked for twice");
    }

    @Test
    void saysNothingWhenEverythingIsGone() {
        Remnants remnants = new Remnants();
        remnants.add("uploaded file", "https://up/a", "no deletion", () -> false);
        assertEquals(List.of(), remnants.settle("example.org"));
    }
}
