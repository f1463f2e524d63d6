package org.stanzalab.suites.xep0050;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0050 Ad-Hoc Commands, as the server speaks them to its administrator. The commands executed are read-only
 * ones of XEP-0133 (user statistics, a user's roster or last login, asked about the test's own user), so a stage the
 * server wrongly carries out changes nothing; the administrator's session is the run's admin account (impossible
 * when the run has none). Session ids, actions and status attributes are written by hand to see what the server does
 * with unusual ones.
 */
@StanzalabTest
class AdHocCommands {
    private static final String VERSION = "1.3.0";
    private static final String ADMIN = "http://jabber.org/protocol/admin#";
    /** Read-only commands with a form (a first stage that asks for the account): harmless to run, cancel or resume. */
    private static final List<String> READ_ONLY = List.of(ADMIN + "user-stats", ADMIN + "get-user-roster", ADMIN + "get-user-lastlogin");

    /** The administrator's session and a read-only command with a form that the server lists to it. */
    private record Requester(Session session, String node, User subject) {
    }

    private static Requester requester(Lab lab) {
        Session admin = lab.admin();
        List<String> nodes = lab.setUp("the administrator's command list", () -> Commands.nodes(admin, lab.domainJid()));
        String node = READ_ONLY.stream().filter(nodes::contains).findFirst().orElse(null);
        lab.requireThat(node != null, "the server lists none of the read-only commands " + READ_ONLY + " to its administrator,"
                + " so no multi-stage command can be run without changing the server");
        return new Requester(admin, node, lab.newUser());
    }

    /** The first stage of the command: a result with status executing (set-up for the tests of later stages). */
    private static AdHocCommandData firstStage(Lab lab, Requester r) {
        return lab.setUp("the first stage of " + r.node(), () -> {
            AdHocCommandData data = Commands.stage(Commands.execute(r.session(), lab.domainJid(), r.node()), "executing " + r.node());
            if (!Commands.isExecuting(data) || data.getSessionID() == null) {
                throw new AssertionError(r.node() + " did not start a session with a form: " + data.toXML());
            }
            return data;
        });
    }

    private static String accountForm(AdHocCommandData stage, String jid) {
        return Commands.submit(stage.getForm(), Map.of("accountjid", List.of(jid), "accountjids", List.of(jid)));
    }

    private static Commands.Request next(Lab lab, Requester r, String sessionId) {
        return new Commands.Request(lab.domainJid(), r.node()).session(sessionId);
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "5", level = MUST,
          requirement = "a responder lists only its own command nodes: every item of its command list names the responder's JID")
    @Test
    void commandListNamesOnlyTheServersOwnCommands(Lab lab) {
        Session admin = lab.admin();

        List<DiscoverItems.Item> items = Commands.list(admin, lab.domainJid());

        lab.requireThat(!items.isEmpty(), "the server lists no command to its administrator");
        List<String> foreign = items.stream().filter(i -> !lab.domainJid().equals(i.getEntityID()))
                .map(i -> i.getNode() + " at " + i.getEntityID()).toList();
        assertTrue(foreign.isEmpty(), "the command list of " + lab.domain() + " names commands of other entities: " + foreign);
        assertTrue(items.stream().allMatch(i -> i.getNode() != null && !i.getNode().isEmpty()),
                "an item of the command list has no node, so it names no command: " + items);
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "2.2", level = MUST,
          requirement = "disco#info of a listed command node shows at least the automation/command-node identity and the commands feature")
    @Test
    void listedCommandInfoShowsCommandNodeIdentityAndFeature(Lab lab) {
        Session admin = lab.admin();
        List<String> nodes = Commands.nodes(admin, lab.domainJid());
        lab.requireThat(!nodes.isEmpty(), "the server lists no command to its administrator");

        List<String> problems = new ArrayList<>();
        for (String node : nodes) {
            IQ reply = Commands.info(admin, lab.domainJid(), node);
            if (!(reply instanceof DiscoverInfo info) || reply.getType() != IQ.Type.result) {
                problems.add(node + ": " + Commands.describe(reply));
            } else if (!info.hasIdentity("automation", "command-node") || !info.containsFeature(Commands.NS)) {
                problems.add(node + ": " + info.toXML());
            }
        }

        assertTrue(problems.isEmpty(), "listed commands whose disco#info lacks the automation/command-node identity or the "
                + Commands.NS + " feature: " + problems);
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "2.2", level = SHOULD,
          requirement = "disco#info of a command node that works with data forms also shows the jabber:x:data feature")
    @Test
    void formCommandInfoShowsDataFormsFeature(Lab lab) {
        Requester r = requester(lab);
        firstStage(lab, r);  // the command answers with a form

        IQ reply = Commands.info(r.session(), lab.domainJid(), r.node());

        assertTrue(reply instanceof DiscoverInfo info && info.containsFeature(Commands.DATA_FORMS),
                r.node() + " answers with a data form, but its disco#info lacks " + Commands.DATA_FORMS + ": " + reply.toXML());
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "2.2", level = SHOULD,
          requirement = "disco#info of a command that is not available to the requester is answered with forbidden")
    @Test
    void infoOfACommandNotAvailableToTheRequesterIsForbidden(Lab lab) {
        Requester r = requester(lab);
        Session stranger = r.subject().connect();
        lab.requireThat(!Commands.nodes(stranger, lab.domainJid()).contains(r.node()),
                "the server lists " + r.node() + " to an ordinary user, so it is available to them");

        IQ reply = Commands.info(stranger, lab.domainJid(), r.node());

        assertEquals(StanzaError.Condition.forbidden, Commands.condition(reply).orElse(null),
                "disco#info of the administrator's command " + r.node() + " asked by an ordinary user was answered with "
                        + Commands.describe(reply));
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "4.1", level = MUST,
          requirement = "executing a command starts a session: the reply names the command's node and a non-empty sessionid, with a status of executing")
    @Test
    void executionStartsASessionNamingTheNode(Lab lab) {
        Requester r = requester(lab);

        AdHocCommandData data = Commands.stage(Commands.execute(r.session(), lab.domainJid(), r.node()), "executing " + r.node());

        assertEquals(r.node(), data.getNode(), "the reply's command node");
        assertTrue(data.getSessionID() != null && !data.getSessionID().isEmpty(), "a stage that waits for a form has no sessionid: " + data.toXML());
        assertEquals(AdHocCommand.Status.executing, data.getStatus(), "status of a command that sent a form to fill in");
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "4.2", level = SHOULD,
          requirement = "a stage of a command whose execution is not complete offers the allowed actions in an actions element")
    @Test
    void unfinishedStageOffersItsActions(Lab lab) {
        Requester r = requester(lab);

        AdHocCommandData data = firstStage(lab, r);

        assertFalse(data.getActions().isEmpty() && data.getExecuteAction() == null,
                "an executing stage of " + r.node() + " offers no actions: " + data.toXML());
        assertFalse(data.getActions().isEmpty(), "an executing stage of " + r.node() + " has no <actions/> children: " + data.toXML());
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "3.4", level = SHOULD,
          requirement = "the execute attribute of the actions names one of the actions the stage allows (or is absent with next allowed)")
    @Test
    void defaultActionIsOneTheStageAllows(Lab lab) {
        Requester r = requester(lab);

        AdHocCommandData data = firstStage(lab, r);

        lab.requireThat(!data.getActions().isEmpty(), "the stage offers no actions element");
        AdHocCommand.Action execute = data.getExecuteAction();
        if (execute == null) {
            assertTrue(data.getActions().contains(AdHocCommand.Action.next),
                    "without an execute attribute the default is next, which the stage does not allow: " + data.toXML());
        } else {
            assertTrue(data.getActions().contains(execute), "the default action " + execute + " is not among the allowed "
                    + data.getActions() + ": " + data.toXML());
        }
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "4.1", level = MUST,
          requirement = "the status attribute reports the session's state: submitting the last stage with the sessionid ends with status completed")
    @Test
    void submittingTheLastStageCompletesTheCommand(Lab lab) {
        Requester r = requester(lab);
        AdHocCommandData first = firstStage(lab, r);

        IQ reply = Commands.send(r.session(), next(lab, r, first.getSessionID()).action("complete")
                .payload(accountForm(first, r.subject().jid().toString())));

        AdHocCommandData done = Commands.stage(reply, "the submitted form of " + r.node());
        assertEquals(AdHocCommand.Status.completed, done.getStatus(), "status after the last stage: " + done.toXML());
        assertEquals(r.node(), done.getNode(), "the node of the completed command");
        assertFalse(Commands.hasErrorNote(done), "the command about an existing user failed: " + Commands.notes(done));
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "2.4.3", level = MUST,
          requirement = "a cancel of a command session is answered with a result whose status is canceled")
    @Test
    void cancelIsAnsweredWithStatusCanceled(Lab lab) {
        Requester r = requester(lab);
        AdHocCommandData first = firstStage(lab, r);

        IQ reply = Commands.send(r.session(), next(lab, r, first.getSessionID()).action("cancel"));

        AdHocCommandData canceled = Commands.stage(reply, "the cancel of " + r.node());
        assertEquals(AdHocCommand.Status.canceled, canceled.getStatus(), "status after a cancel: " + canceled.toXML());
    }

    enum Ended {
        CANCELED("cancel"), COMPLETED("complete");

        final String action;

        Ended(String action) {
            this.action = action;
        }

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "3.3", level = SHOULD,
          requirement = "a session ends when it is completed or canceled: a later stage sent with its sessionid is refused, not carried out")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Ended.class)
    void endedSessionIsNotResumed(Ended ended, Lab lab) {
        Requester r = requester(lab);
        AdHocCommandData first = firstStage(lab, r);
        String form = accountForm(first, r.subject().jid().toString());
        lab.setUp("ending the session by " + ended.action, () -> {
            AdHocCommandData end = Commands.stage(Commands.send(r.session(), next(lab, r, first.getSessionID()).action(ended.action)
                    .payload(ended == Ended.COMPLETED ? form : "")), ended.action);
            assertNotEquals(AdHocCommand.Status.executing, end.getStatus(), "the session did not end: " + end.toXML());
        });

        IQ reply = Commands.send(r.session(), next(lab, r, first.getSessionID()).action("complete").payload(form));

        if (!Commands.isError(reply)) {
            fail("a stage sent with the sessionid of a " + ended + " session was answered with " + Commands.describe(reply)
                    + " instead of an error (XEP-0050 §4.4 names not-allowed with session-expired): " + reply.toXML());
        }
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "4.1", level = SHOULD,
          requirement = "a stage sent with a sessionid the responder never issued is refused with bad-request (bad-sessionid) or not-allowed (session-expired)")
    @Test
    void unknownSessionIdIsRefused(Lab lab) {
        Requester r = requester(lab);
        AdHocCommandData first = firstStage(lab, r);
        String madeUp = "stanzalab-never-issued-" + Long.toHexString(System.nanoTime());

        IQ reply = Commands.send(r.session(), next(lab, r, madeUp).action("complete")
                .payload(accountForm(first, r.subject().jid().toString())));

        StanzaError.Condition condition = Commands.condition(reply).orElse(null);
        assertTrue(condition == StanzaError.Condition.bad_request || condition == StanzaError.Condition.not_allowed,
                "a stage with the made-up sessionid '" + madeUp + "' was answered with " + Commands.describe(reply)
                        + " (§4.4: bad-request with bad-sessionid, or not-allowed with session-expired): " + reply.toXML());
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "4.1", level = SHOULD,
          requirement = "a command with an action outside the five defined values is refused with bad-request (malformed-action)")
    @Test
    void unknownActionIsABadRequest(Lab lab) {
        Requester r = requester(lab);
        // Over the wire driver: Smack cannot parse an error that echoes the unknown action.
        RawSession admin = lab.rawAdmin();
        String id = admin.newId("explode");

        XmlElement reply = admin.request("<iq type='set' id='" + id + "' to='" + lab.domain() + "'><command xmlns='" + Commands.NS
                + "' node='" + r.node() + "' action='explode'/></iq>", id);

        assertEquals("bad-request", Stanzas.errorCondition(reply), "a command with action='explode' was answered with "
                + Stanzas.describe(reply) + " (§4.4: bad-request with malformed-action): " + reply.toXml());
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "4.2", level = SHOULD,
          requirement = "an action the current stage does not allow (prev on the first stage) is refused with bad-request (bad-action)")
    @Test
    void actionTheStageDoesNotAllowIsRefused(Lab lab) {
        Requester r = requester(lab);
        AdHocCommandData first = firstStage(lab, r);
        lab.requireThat(!first.getActions().isEmpty(), "the first stage lists no allowed actions, so none is known to be disallowed");
        lab.requireThat(!first.getActions().contains(AdHocCommand.Action.prev), "the first stage allows prev");

        IQ reply = Commands.send(r.session(), next(lab, r, first.getSessionID()).action("prev"));

        assertEquals(StanzaError.Condition.bad_request, Commands.condition(reply).orElse(null),
                "prev on a first stage that allows only " + first.getActions() + " was answered with " + Commands.describe(reply)
                        + " (§4.4: bad-request with bad-action): " + reply.toXML());
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "4.1", level = MUST,
          requirement = "a status attribute sent by the requester is ignored: the command starts as it would without it")
    @Test
    void statusSentByTheRequesterIsIgnored(Lab lab) {
        Requester r = requester(lab);

        IQ reply = Commands.send(r.session(), new Commands.Request(lab.domainJid(), r.node()).action("execute").attribute("status", "completed"));

        AdHocCommandData data = Commands.stage(reply, "executing " + r.node() + " with status='completed'");
        assertEquals(AdHocCommand.Status.executing, data.getStatus(),
                "the command started with a requester's status='completed' did not start as usual: " + data.toXML());
        assertTrue(data.getForm() != null, "the first stage lost its form: " + data.toXML());
    }

    @Spec(document = "XEP-0050", version = VERSION, section = "3.6", level = MUST,
          requirement = "a command completed without what it needs (its form submitted with the required account left out) carries a note of type error")
    @Test
    void commandCompletedWithoutItsRequiredFieldCarriesAnErrorNote(Lab lab) {
        Requester r = requester(lab);
        AdHocCommandData first = firstStage(lab, r);

        IQ reply = Commands.send(r.session(), next(lab, r, first.getSessionID()).action("complete").payload(Commands.submit(first.getForm(), Map.of())));

        if (Commands.isError(reply)) {
            return;  // refused outright (§4.4: bad-request with bad-payload)
        }
        AdHocCommandData done = Commands.stage(reply, r.node() + " submitted without the account");
        if (Commands.isExecuting(done)) {
            return;  // the form is asked for again: nothing was completed
        }
        assertTrue(Commands.hasErrorNote(done), r.node() + " submitted without the required account completed without a note of type error: "
                + done.toXML());
    }
}
