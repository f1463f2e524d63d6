package org.stanzalab.suites.xep0077;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * XEP-0077 In-Band Registration with the server itself. Every account here is one the test registers in band and
 * cancels again at its end; no test touches an account the lab provided, so password changes never reach a configured
 * account. The names have the form of the lab's own (sl-TAG-N, here with the tag "ibr"), so an account a failed
 * cancellation leaves is one `stanzalab accounts sweep` can find and remove.
 */
@StanzalabTest
class InBandRegistration {
    private static final String VERSION = "2.4";
    private static final String NS = "jabber:iq:register";

    private static String newName() {
        return "sl-ibr-" + (1 + java.util.concurrent.ThreadLocalRandom.current().nextLong(999_999_999L));
    }

    private static String newPassword() {
        return "pw-" + UUID.randomUUID();
    }

    /** A secured stream, not authenticated: where a new entity registers. */
    private static RawSession unauthenticated(Lab lab) {
        return lab.raw().secure();
    }

    private static XmlElement request(RawSession session, String type, String content) {
        String id = session.newId("register-" + type);
        return session.request("<iq type='" + type + "' id='" + id + "'><query xmlns='" + NS + "'>" + content + "</query></iq>", id);
    }

    private static XmlElement register(RawSession session, String username, String passwordElement) {
        return request(session, "set", "<username>" + XmlEscape.text(username) + "</username>" + passwordElement);
    }

    private static String password(String password) {
        return "<password>" + XmlEscape.text(password) + "</password>";
    }

    /** Registers an account as set-up, impossible where the server offers no in-band registration; cancelled at the end. */
    private static void registered(Lab lab, String username, String password) {
        registerOnly(lab, username, password);
        cancelledAtEnd(lab, username, password);
    }

    /** Registers as set-up; the caller arranges the cancellation. */
    private static void registerOnly(Lab lab, String username, String password) {
        RawSession session = unauthenticated(lab);
        XmlElement form = request(session, "get", "");
        lab.requireThat(Stanzas.hasType(form, "result"), "the server offers no in-band registration: " + Stanzas.describe(form));
        XmlElement reply = register(session, username, password(password));
        lab.requireThat(Stanzas.hasType(reply, "result"), "the server does not register " + username + ": " + Stanzas.describe(reply));
    }

    /**
     * The account is cancelled at the end, logging in with the first of the passwords that still works; when none
     * does, the undo fails and the transcript names the account left behind.
     */
    private static void cancelledAtEnd(Lab lab, String username, String... passwords) {
        lab.cleanup("the in-band registered account " + username, () -> {
            if (!cancelWithPasswords(lab, username, passwords)) {
                throw new IllegalStateException("no known password logs in as " + username + " any more; if the account"
                        + " still exists, it is left on the server");
            }
        });
    }

    /** Logs in with the first password that works and cancels; false when none logs in. */
    private static boolean cancelWithPasswords(Lab lab, String username, String... passwords) {
        for (String password : passwords) {
            RawSession session;
            try {
                session = lab.raw().authenticate(username, password).bind();
            } catch (TestError | AssertionError e) {
                continue; // that password no longer logs in, or the account is already gone
            }
            cancel(session);
            return true;
        }
        return false;
    }

    /**
     * For a server that set the empty password: SASL PLAIN cannot carry one, SCRAM-SHA-1 can. False when that login
     * fails too.
     */
    private static boolean cancelWithEmptyPassword(Lab lab, String username) {
        try {
            cancel(lab.raw().authenticate(username, "", "SCRAM-SHA-1").bind());
            return true;
        } catch (TestError | AssertionError | org.stanzalab.engine.Impossible e) {
            return false;
        }
    }

    /** Cancels the registration of the session's account; the answer may be a result or the end of the stream. */
    private static void cancel(RawSession session) {
        String id = session.newId("cancel");
        session.send("<iq type='set' id='" + id + "'><query xmlns='" + NS + "'><remove/></query></iq>");
        try {
            session.await("the answer to the cancellation", e -> Stanzas.hasId(e, id));
        } catch (AssertionError e) {
            session.note("cancel", "the stream ended before an answer to the cancellation: " + e.getMessage());
        }
    }

    @Spec(document = "XEP-0077", version = VERSION, section = "3.1", level = MUST,
          requirement = "a server with in-band registration answers an unregistered entity's get with the fields it needs,"
                  + " username and password (or a data form)")
    @Test
    void registrationGetListsTheRequiredFields(Lab lab) {
        RawSession session = unauthenticated(lab);

        XmlElement reply = request(session, "get", "");

        lab.requireThat(!"service-unavailable".equals(Stanzas.errorCondition(reply)), "the server offers no in-band registration (§3.1 lets it say so with service-unavailable)");
        assertTrue(Stanzas.hasType(reply, "result"), "the registration get was answered with " + Stanzas.describe(reply));
        XmlElement query = reply.child("query", NS).orElseThrow(() -> new AssertionError("the result has no query: " + reply.toXml()));
        boolean fields = query.hasChild("username", NS) && query.hasChild("password", NS);
        boolean form = query.hasChild("x", "jabber:x:data");
        assertTrue(fields || form, "the registration fields lack username and password (and there is no data form): " + reply.toXml());
        assertTrue(!query.hasChild("registered", NS), "an unauthenticated entity was told it is already registered: " + reply.toXml());
    }

    @Spec(document = "XEP-0077", version = VERSION, section = "3.1.1", level = SHOULD,
          requirement = "an entity that registers on an unauthenticated stream can then log in with the new account")
    @Test
    void registeredAccountCanLogIn(Lab lab) {
        String username = newName();
        String password = newPassword();
        registered(lab, username, password);

        try {
            RawSession session = lab.raw().authenticate(username, password).bind();
            session.sync();
        } catch (TestError e) {
            fail("the account registered in band cannot log in: " + e.getMessage());
        }
    }

    @Spec(document = "XEP-0077", version = VERSION, section = "3.1", level = MUST,
          requirement = "a logged-in user asking for the registration fields gets a result with an empty registered element")
    @Test
    void registeredUserIsToldItIsRegistered(Lab lab) {
        String username = newName();
        String password = newPassword();
        registered(lab, username, password);
        RawSession session = lab.raw().authenticate(username, password).bind();

        XmlElement reply = request(session, "get", "");

        assertTrue(Stanzas.hasType(reply, "result"), "the registration get of a registered user was answered with " + Stanzas.describe(reply));
        assertTrue(reply.child("query", NS).map(q -> q.hasChild("registered", NS)).orElse(false),
                "the result lacks <registered/>: " + reply.toXml());
    }

    enum MissingPassword {
        EMPTY_ELEMENT("<password/>"), EMPTY_TEXT("<password></password>"), NO_ELEMENT("");

        final String xml;

        MissingPassword(String xml) {
            this.xml = xml;
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    @Spec(document = "XEP-0077", version = VERSION, section = "3.1", level = MUST,
          requirement = "a registration without a password (no element, or an empty one) is refused with not-acceptable")
    @ParameterizedTest(name = "{0}")
    @EnumSource(MissingPassword.class)
    void registrationWithoutPasswordIsNotAcceptable(MissingPassword missing, Lab lab) {
        RawSession session = unauthenticated(lab);
        XmlElement form = request(session, "get", "");
        lab.requireThat(Stanzas.hasType(form, "result"), "the server offers no in-band registration: " + Stanzas.describe(form));
        String username = newName();

        XmlElement reply = register(session, username, missing.xml);

        if (Stanzas.hasType(reply, "result")) {
            session.note("register", "the server registered " + username + " without a password");
            lab.cleanup("the account " + username + " registered without a password", () -> {
                if (!cancelWithEmptyPassword(lab, username)) {
                    throw new IllegalStateException("cannot log in as " + username + " to cancel it; it is left on the server");
                }
            });
        }
        assertEquals("not-acceptable", Stanzas.errorCondition(reply), "registration with " + missing + " password: " + reply.toXml());
    }

    @Spec(document = "XEP-0077", version = VERSION, section = "3.3", level = MAY,
          requirement = "a password change the server accepts takes effect: the new password logs in and the old one no"
                  + " longer does")
    @Test
    void acceptedPasswordChangeTakesEffect(Lab lab) {
        String username = newName();
        String oldPassword = newPassword();
        String newPassword = newPassword();
        registerOnly(lab, username, oldPassword);
        cancelledAtEnd(lab, username, newPassword, oldPassword);
        RawSession session = lab.raw().authenticate(username, oldPassword).bind();

        XmlElement reply = request(session, "set", "<username>" + username + "</username>" + password(newPassword));

        lab.requireThat(Stanzas.hasType(reply, "result"), "the server does not change passwords in band (§3.3 allows that): " + Stanzas.describe(reply));
        try {
            lab.raw().authenticate(username, newPassword).bind();
        } catch (TestError e) {
            fail("the new password does not log in after the change was accepted: " + e.getMessage());
        }
        String refusal = lab.loginFailure(username, oldPassword);
        assertTrue(refusal != null, "the old password still logs in");
    }

    @Spec(document = "XEP-0077", version = VERSION, section = "3.3", level = MUST,
          requirement = "a password change with an empty password is not applied: the existing password keeps working")
    @ParameterizedTest(name = "{0}")
    @EnumSource(MissingPassword.class)
    void emptyPasswordChangeKeepsTheOldPassword(MissingPassword empty, Lab lab) {
        String username = newName();
        String password = newPassword();
        registerOnly(lab, username, password);
        RawSession session = lab.raw().authenticate(username, password).bind();
        // A server that wrongly sets the empty password leaves no password to log in with: this session, open from
        // before the change, cancels the account at the end then.
        RawSession keeper = lab.raw().authenticate(username, password).bind();
        lab.cleanup("the in-band registered account " + username, () -> {
            if (!cancelWithPasswords(lab, username, password) && !cancelWithEmptyPassword(lab, username)) {
                cancel(keeper);
            }
        });

        request(session, "set", "<username>" + username + "</username>" + empty.xml);

        try {
            lab.raw().authenticate(username, password).bind();
        } catch (TestError e) {
            fail("after a password change with " + empty + " password, the old password no longer logs in: " + e.getMessage());
        }
    }

    @Spec(document = "XEP-0077", version = VERSION, section = "3.2", level = SHOULD,
          requirement = "a user who cancels the registration from the account's own session has the account removed: it"
                  + " can no longer log in")
    @Test
    void cancelledAccountCanNoLongerLogIn(Lab lab) {
        String username = newName();
        String password = newPassword();
        registerOnly(lab, username, password);
        RawSession session = lab.raw().authenticate(username, password).bind();
        // if the cancellation under test does not remove the account, the end of the test does
        lab.cleanup("the in-band registered account " + username + " if it survived its cancellation", () -> {
            try {
                cancel(lab.raw().authenticate(username, password).bind());
            } catch (TestError e) {
                // it no longer logs in: removed
            }
        });

        String id = session.newId("cancel");
        session.send("<iq type='set' id='" + id + "'><query xmlns='" + NS + "'><remove/></query></iq>");
        // the server should end the session with a stream error after removing the account, which may come first
        XmlElement answer = null;
        try {
            answer = session.await("the answer to the cancellation", e -> Stanzas.hasId(e, id)).orElse(null);
        } catch (AssertionError e) {
            session.note("cancel", "the stream ended before an answer to the cancellation: " + e.getMessage());
        }
        if (answer != null && Stanzas.hasType(answer, "error")) {
            String condition = Stanzas.errorCondition(answer);
            lab.requireThat(!"not-allowed".equals(condition) && !"forbidden".equals(condition),
                    "the server does not let users cancel in band (§3.2 lists these refusals): " + answer.toXml());
            fail("the cancellation was refused: " + answer.toXml());
        }

        String refusal = lab.loginFailure(username, password);
        assertTrue(refusal != null, "the cancelled account still logs in");
    }
}
