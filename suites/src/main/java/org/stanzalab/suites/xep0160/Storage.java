package org.stanzalab.suites.xep0160;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;

/**
 * Shows that a message sent to an offline user was not kept: a chat message sent after it is kept (so storage works)
 * and marks the end of what was kept; once it is handed over, a marker from the sender closes the watch.
 */
public final class Storage {
    private static final String CONTROL = "<message type='chat' id='%s' to='%s'><body>kept, as a control</body></message>";

    private Storage() {
    }

    /** Sends {@code template} (%s id, %s to) to an offline user and fails if the user is given it later. */
    public static void expectNotKept(Lab lab, String template, String what) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();

        String id = Offline.send(alice, bob, template, "unkept");
        String control = Offline.send(alice, bob, CONTROL, "control");
        lab.setUp("a chat message is kept", () -> Offline.expectKept(alice, control, "a chat message"));

        RawSession phone = Offline.comeOnline(lab, bob);
        lab.setUp("the kept chat message is delivered", () -> Offline.expectMessage(phone, control, "the kept chat message"));
        phone.expectNothingFrom(alice, what + " sent while " + bob.role() + " was offline",
                e -> Offline.isMessage(e) && Stanzas.hasId(e, id));
    }

    /** Sends {@code template} to an offline user, expects it kept and handed over unchanged after initial presence. */
    public static void expectKeptUnchanged(Lab lab, String template, String what) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        String id = Offline.send(alice, bob, template, "kept");
        Offline.expectKept(alice, id, what);

        RawSession phone = Offline.comeOnline(lab, bob);
        Offline.assertCarriedUnchanged(template.formatted(id, bob.jid()),
                Offline.expectMessage(phone, id, what + " kept while " + bob.role() + " was offline"));
    }
}
