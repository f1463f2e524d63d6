package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.stanzalab.engine.Level.MUST;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.suites.rfc6120.RawClient.Binding;
import org.stanzalab.wire.StreamError;

/** RFC 6120 §7: binding a resource to an authenticated stream. */
@StanzalabTest
class ResourceBinding {

    @Spec(document = "RFC 6120", section = "7.6", level = MUST,
          requirement = "a client that asks for no resource is bound to a full JID of its account with a resource "
                  + "the server generates, unique among the account's connected resources")
    @Test
    void serverGeneratesResourceWhenNoneIsRequested(Lab lab) {
        User alice = lab.newUser();
        RawClient phone = RawClient.authenticated(lab, alice);
        RawClient laptop = RawClient.authenticated(lab, alice);

        Binding first = phone.requestBinding(null);
        Binding second = laptop.requestBinding(null);

        assertBoundToAccount(alice, first);
        assertBoundToAccount(alice, second);
        assertNotEquals(first.resource(), second.resource(),
                "two connected resources of " + alice.role() + " got the same generated resource (§7.5: it must be unique)");
    }

    @Spec(document = "RFC 6120", section = "7.7.1", level = MUST,
          requirement = "a client that asks for a resource nobody uses is bound to a full JID with exactly that resource")
    @Test
    void requestedFreeResourceIsBound(Lab lab) {
        User alice = lab.newUser();
        RawClient client = RawClient.authenticated(lab, alice);
        String resource = "stanzalab-desk";

        Binding binding = client.requestBinding(resource);

        assertBoundToAccount(alice, binding);
        assertEquals(resource, binding.resource(), "resource of the bound JID " + binding.fullJid());
    }

    @Spec(document = "RFC 6120", section = "7.7.2.2", level = MUST,
          requirement = "binding a resource that a connected session already uses either refuses the new binding "
                  + "with <conflict/>, or ends the old session with a <conflict/> stream error, or binds the new "
                  + "client to another resource")
    @Test
    void resourceAlreadyInUseIsResolvedInAnAllowedWay(Lab lab) {
        User alice = lab.newUser();
        String resource = "stanzalab-conflict";
        RawClient first = RawClient.bound(lab, alice, resource);
        RawClient second = RawClient.authenticated(lab, alice);

        Binding binding = second.requestBinding(resource);

        if (binding.isRefused()) {
            assertEquals("conflict", binding.refusal(),
                    "condition refusing to bind a resource in use, in " + binding.errorReply().toXml());
            assertSessionGoesOn(first, "the second binding was refused, so the first session must be kept");
        } else if (binding.resource().equals(resource)) {
            assertBoundToAccount(alice, binding);
            StreamError error = first.expectStreamError();
            assertEquals("conflict", error.condition(),
                    "the first session lost its resource to the second, so it must end with a <conflict/> stream error; got "
                            + error.element().toXml());
        } else {
            assertBoundToAccount(alice, binding);
            assertSessionGoesOn(first, "the second client got another resource (" + binding.resource()
                    + "), so the first session must be kept");
        }
    }

    private static void assertBoundToAccount(User user, Binding binding) {
        if (binding.isRefused()) {
            throw new ServerFailure("resource binding for " + user.role() + " was refused with <" + binding.refusal() + "/>: "
                    + binding.errorReply().toXml());
        }
        assertEquals(user.jid(), binding.jid().asEntityBareJidIfPossible(),
                "bare JID of the bound JID " + binding.fullJid());
    }

    private static void assertSessionGoesOn(RawClient client, String why) {
        client.endedSession().ifPresent(how -> {
            throw new ServerFailure(why + ", but it ended: " + how);
        });
    }
}
