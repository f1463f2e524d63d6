package org.stanzalab.suites.xep0313;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0313.Archive.Page;
import org.w3c.dom.Element;

/** XEP-0313 §4.1, §4.1.3, §4.1.5, §5 and §7: the query form, its extended fields, errors, and the archive's metadata. */
@StanzalabTest
@FreshAccounts("the archive must hold only what this test sent")
class ArchiveForm {

    /** The form the archive offers, as var to field element. */
    private static Map<String, Element> fields(Lab lab, Session alice) {
        IQ reply = alice.request(Archive.rawGet(null, "query", ""));
        lab.requireThat(reply.getType() == IQ.Type.result, "the archive does not hand out its query form: " + Archive.xml(reply));
        Element query = Archive.payload(reply, Archive.MAM, "query");
        assertNotNull(query, "the result of a form request holds no <query xmlns='urn:xmpp:mam:2'/>");
        Element form = Archive.child(query, Archive.DATA, "x");
        assertNotNull(form, "the query of the result holds no data form");
        Map<String, Element> fields = new HashMap<>();
        for (Element field : Archive.children(form, Archive.DATA, "field")) {
            fields.put(field.getAttribute("var"), field);
        }
        return fields;
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1.5", level = MUST,
          requirement = "the archive's query form holds FORM_TYPE and the fields with (jid-single), start and end (text-single)")
    @Test
    void formHoldsTheMandatoryFields(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);

        Map<String, Element> fields = fields(lab, alice);

        assertTrue(fields.containsKey("FORM_TYPE"), "the form lacks FORM_TYPE: " + fields.keySet());
        Map<String, String> types = Map.of("with", "jid-single", "start", "text-single", "end", "text-single");
        List<String> wrong = new ArrayList<>();
        types.forEach((var, type) -> {
            Element field = fields.get(var);
            if (field == null) {
                wrong.add(var + " missing");
            } else if (!type.equals(field.getAttribute("type"))) {
                wrong.add(var + " of type '" + field.getAttribute("type") + "' instead of " + type);
            }
        });
        assertTrue(wrong.isEmpty(), "fields of the query form: " + wrong);
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1", level = MUST,
          requirement = "no field of the archive's query form is marked required")
    @Test
    void formMarksNoFieldRequired(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);

        Map<String, Element> fields = fields(lab, alice);

        List<String> required = fields.entrySet().stream().filter(e -> Archive.child(e.getValue(), Archive.DATA, "required") != null)
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(), required, "fields marked <required/>");
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1.5", level = MUST,
          requirement = "a query with a form field the server does not know is refused with feature-not-implemented")
    @Test
    void unknownFieldIsFeatureNotImplemented(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);

        Page page = Archive.run(alice, Archive.query().field("{urn:stanzalab:test:0}no-such-field", "1"));

        assertTrue(page.isError(), "a query with an unknown field must be refused: " + page.describe());
        assertEquals(StanzaError.Condition.feature_not_implemented, page.condition(), "condition: " + page.describeError());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "7", level = MUST,
          requirement = "an archive advertising the extended feature honours after-id: only messages after that id are returned")
    @Test
    void afterIdFieldReturnsLaterMessages(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.requireExtended(lab, alice);
        Session bob = lab.newUser().connect();
        List<String> bodies = Archive.conversation(alice, bob, 4, "after-id");
        Page all = lab.setUp("reading the archive's ids", () -> Archive.runOk(alice, Archive.query()));

        Page page = Archive.runOk(alice, Archive.query().field("after-id", all.ids().get(1)));

        assertEquals(bodies.subList(2, 4), page.bodies(), "results after the second message: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "7", level = MUST,
          requirement = "an archive advertising the extended feature honours before-id: only messages before that id are returned")
    @Test
    void beforeIdFieldReturnsEarlierMessages(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.requireExtended(lab, alice);
        Session bob = lab.newUser().connect();
        List<String> bodies = Archive.conversation(alice, bob, 4, "before-id");
        Page all = lab.setUp("reading the archive's ids", () -> Archive.runOk(alice, Archive.query()));

        Page page = Archive.runOk(alice, Archive.query().field("before-id", all.ids().get(2)));

        assertEquals(bodies.subList(0, 2), page.bodies(), "results before the third message: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "7", level = MUST,
          requirement = "an archive advertising the extended feature returns exactly the messages named in the ids field")
    @Test
    void idsFieldReturnsExactlyThoseMessages(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.requireExtended(lab, alice);
        Session bob = lab.newUser().connect();
        List<String> bodies = Archive.conversation(alice, bob, 4, "ids");
        Page all = lab.setUp("reading the archive's ids", () -> Archive.runOk(alice, Archive.query()));

        Page page = Archive.runOk(alice, Archive.query().field("ids", all.ids().get(0), all.ids().get(2)));

        assertEquals(List.of(bodies.get(0), bodies.get(2)), page.bodies(), "results for two ids: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1.3", level = MUST,
          requirement = "an after-id naming an id that is not in the archive is refused with item-not-found")
    @Test
    void unknownAfterIdIsItemNotFound(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.requireExtended(lab, alice);
        Session bob = lab.newUser().connect();
        Archive.conversation(alice, bob, 2, "unknown after-id");

        Page page = Archive.run(alice, Archive.query().field("after-id", "no-such-id-" + Archive.body("x").substring(2)));

        assertTrue(page.isError(), "an unknown after-id must be refused: " + page.describe());
        assertEquals(StanzaError.Condition.item_not_found, page.condition(), "condition: " + page.describeError());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "7", level = MUST,
          requirement = "an archive advertising the extended feature sends a flipped page newest first, with the same messages")
    @Test
    void flippedPageComesNewestFirst(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.requireExtended(lab, alice);
        Session bob = lab.newUser().connect();
        List<String> bodies = Archive.conversation(alice, bob, 4, "flip");

        Page page = Archive.runOk(alice, Archive.query().max(3).flip());

        assertEquals(List.of(bodies.get(2), bodies.get(1), bodies.get(0)), page.bodies(), "the first page of three, flipped: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "5", level = MUST,
          requirement = "the metadata of an archive names the id and time of its first and last message")
    @Test
    void metadataNamesFirstAndLastMessage(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.requireExtended(lab, alice);
        Session bob = lab.newUser().connect();
        Archive.conversation(alice, bob, 3, "metadata");
        Page all = lab.setUp("reading the archive's ids", () -> Archive.runOk(alice, Archive.query()));

        IQ reply = alice.requestResult(Archive.rawGet(null, "metadata", ""));

        Element metadata = Archive.payload(reply, Archive.MAM, "metadata");
        assertNotNull(metadata, "the result holds no <metadata/>: " + Archive.xml(reply));
        Element start = Archive.child(metadata, Archive.MAM, "start");
        Element end = Archive.child(metadata, Archive.MAM, "end");
        assertTrue(start != null && end != null, "the metadata of a non-empty archive must hold <start/> and <end/>: " + Archive.xml(reply));
        assertEquals(all.ids().get(0), start.getAttribute("id"), "id of <start/>");
        assertEquals(all.ids().get(2), end.getAttribute("id"), "id of <end/>");
        assertTrue(!start.getAttribute("timestamp").isEmpty() && !end.getAttribute("timestamp").isEmpty(), "timestamps of <start/> and <end/>");
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "5", level = MUST,
          requirement = "the metadata of an empty archive is an empty metadata element")
    @Test
    void metadataOfEmptyArchiveIsEmpty(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.requireExtended(lab, alice);

        IQ reply = alice.requestResult(Archive.rawGet(null, "metadata", ""));

        Element metadata = Archive.payload(reply, Archive.MAM, "metadata");
        assertNotNull(metadata, "the result holds no <metadata/>: " + Archive.xml(reply));
        assertEquals(0, Archive.children(metadata, Archive.MAM, "start").size() + Archive.children(metadata, Archive.MAM, "end").size(), "the metadata of a new account's archive must be empty: " + Archive.xml(reply));
    }
}
