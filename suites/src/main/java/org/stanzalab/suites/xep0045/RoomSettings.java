package org.stanzalab.suites.xep0045;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.util.StringUtils;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.FormFieldWithOptions;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Marker;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;

/**
 * Room configuration as the owner changes it later (XEP-0045 §10.2) and as others see it: fields with any number of
 * values, a value that differs from the current one, the extended room information (muc#roominfo, §6.4), the
 * service's room list (§6.3) and the room's notifications (§10.2.1).
 */
final class RoomSettings {
    static final String ROOMINFO = Room.MUC + "#roominfo";
    static final String REQUEST = Room.MUC + "#request";

    private RoomSettings() {
    }

    /** Single-valued fields in order: var, value, var, value... */
    static Map<String, List<String>> values(String... varsAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < varsAndValues.length; i += 2) {
            map.put(varsAndValues[i], List.of(varsAndValues[i + 1]));
        }
        return map;
    }

    /** The owner's configuration form, fetched as a set-up step. */
    static DataForm form(Room room, Session owner) {
        return room.lab.setUp("fetch the configuration form of " + room.jid, () -> room.form(owner));
    }

    /** The field of the form; the test is impossible when the room has no such setting. */
    static FormField field(DataForm form, String var) {
        FormField field = form.getField(var);
        if (field == null) {
            throw new Impossible("the configuration form of the room offers no field " + var + " (it has "
                    + form.getFields().stream().map(FormField::getFieldName).filter(n -> n != null).collect(Collectors.joining(", ")) + ")");
        }
        return field;
    }

    /** The first of these fields that the form offers; impossible when it offers none of them. */
    static String firstOffered(DataForm form, String... vars) {
        for (String var : vars) {
            if (form.getField(var) != null) {
                return var;
            }
        }
        throw new Impossible("the configuration form of the room offers none of the fields " + String.join(", ", vars));
    }

    /** Submits these fields (each with its values) and returns the reply; impossible when the form lacks one. */
    static IQ submit(Room room, Session owner, Map<String, List<String>> fields) {
        DataForm form = form(room, owner);
        fields.keySet().forEach(var -> field(form, var));
        StringBuilder xml = new StringBuilder("<x xmlns='jabber:x:data' type='submit'>")
                .append("<field var='FORM_TYPE'><value>").append(Room.ROOMCONFIG).append("</value></field>");
        fields.forEach((var, values) -> {
            xml.append("<field var='").append(StringUtils.escapeForXmlAttributeApos(var)).append("'>");
            values.forEach(v -> xml.append("<value>").append(StringUtils.escapeForXmlText(v)).append("</value>"));
            xml.append("</field>");
        });
        xml.append("</x>");
        return owner.request(new RawIq(IQ.Type.set, room.jid, "query", Room.OWNER, xml.toString()));
    }

    /** The owner's change, which the room must accept. */
    static void change(Room room, Session owner, Map<String, List<String>> fields) {
        IQ reply = submit(room, owner, fields);
        if (reply.getType() != IQ.Type.result) {
            throw new ServerFailure("the owner's configuration change " + fields + " was refused: " + reply.toXML());
        }
    }

    /** The same change as a set-up step. */
    static void configure(Room room, Session owner, Map<String, List<String>> fields) {
        room.lab.setUp("configure " + room.jid + " with " + fields, () -> change(room, owner, fields));
    }

    /** The fields that protect a room with this secret (and switch protection on where the form has a switch). */
    static Map<String, List<String>> password(Room room, Session owner, String secret) {
        DataForm form = form(room, owner);
        Map<String, List<String>> fields = values("muc#roomconfig_roomsecret", secret);
        if (form.getField("muc#roomconfig_passwordprotectedroom") != null) {
            fields.put("muc#roomconfig_passwordprotectedroom", List.of(secret.isEmpty() ? "0" : "1"));
        }
        return fields;
    }

    /** The values of a field, booleans written as 1 and 0, as a set. */
    static Set<String> normalised(List<String> values) {
        return values.stream().map(v -> switch (v.trim()) {
            case "true" -> "1";
            case "false" -> "0";
            default -> v.trim();
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> valuesOf(FormField field) {
        return normalised(field.getValuesAsString());
    }

    /**
     * A value for the field that differs from its current one, so that a change can be seen: the other boolean, another
     * option, a fresh text. Languages and numbers get values of their kind.
     */
    static List<String> otherValue(DataForm form, String var) {
        FormField field = field(form, var);
        Set<String> current = valuesOf(field);
        String first = current.isEmpty() ? "" : current.iterator().next();
        switch (field.getType()) {
            case bool:
                return List.of("1".equals(first) ? "0" : "1");
            case list_single: {
                for (FormField.Option option : ((FormFieldWithOptions) field).getOptions()) {
                    if (!current.contains(option.getValueString())) {
                        return List.of(option.getValueString());
                    }
                }
                throw new Impossible("the field " + var + " offers no value besides its current one " + current);
            }
            case list_multi:
                return current.equals(Set.of("moderator")) ? List.of("moderator", "participant", "visitor") : List.of("moderator");
            default:
                if (var.endsWith("_lang")) {
                    return List.of("de".equals(first) ? "fr" : "de");
                }
                if (first.matches("\\d+") || var.endsWith("historylength") || var.endsWith("maxhistoryfetch")) {
                    return List.of("7".equals(first) ? "9" : "7");
                }
                return List.of("Stanzalab " + UUID.randomUUID().toString().substring(0, 8));
        }
    }

    // ---- what others see ----

    /** The room's disco#info result. */
    static DiscoverInfo info(Session session, Room room) {
        IQ reply = room.discoInfo(session);
        if (!(reply instanceof DiscoverInfo info) || reply.getType() != IQ.Type.result) {
            throw new ServerFailure("expected a disco#info result from the room, got " + reply.toXML());
        }
        return info;
    }

    /** The muc#roominfo form of the room's disco#info; impossible when the room gives none (§6.4 makes it optional). */
    static DataForm roomInfo(Session session, Room room) {
        DiscoverInfo info = info(session, room);
        DataForm form = DataForm.from(info, ROOMINFO);
        if (form == null) {
            throw new Impossible("the room's disco#info carries no " + ROOMINFO + " form: " + info.toXML());
        }
        return form;
    }

    /** A field of the room information; impossible when the room does not give it. */
    static String infoValue(DataForm roomInfo, String var) {
        FormField field = roomInfo.getField(var);
        if (field == null) {
            throw new Impossible("the room's " + ROOMINFO + " form has no field " + var + " (it has "
                    + roomInfo.getFields().stream().map(FormField::getFieldName).filter(n -> n != null).collect(Collectors.joining(", ")) + ")");
        }
        return field.getFirstValue() == null ? "" : field.getFirstValue();
    }

    /** The rooms the service lists in disco#items (§6.3). */
    static List<String> listedRooms(Session session, Lab lab) {
        DiscoverItems request = new DiscoverItems();
        request.setTo(Room.service(lab));
        IQ reply = session.request(request);
        if (!(reply instanceof DiscoverItems items) || reply.getType() != IQ.Type.result) {
            throw new ServerFailure("expected a disco#items result from the service, got " + reply.toXML());
        }
        return items.getItems().stream().map(i -> i.getEntityID().toString()).toList();
    }

    /** The room's configuration-change notification with this status code (§10.2.1). */
    static Message notification(Session session, Room room, int code) {
        return session.expectMessage("a configuration-change notification from " + room.jid + " with status " + code,
                m -> room.jid.equals(m.getFrom()) && Room.codes(m).contains(code));
    }

    /**
     * Fails if {@code watcher} got an available presence from this occupant JID. Call it once the room has handled
     * the occupant's entry (its self-presence came back): the marker IQ the watcher sends to the room now is answered
     * after anything the room sent the watcher for that entry.
     */
    static void expectNoPresenceFrom(Session watcher, Room room, String nick, String what) {
        Marker marker = watcher.sendMarkerIq(room.jid);
        watcher.expectNothingBefore(marker, Presence.class, what,
                p -> room.occupant(nick).equals(p.getFrom()) && p.getType() == Presence.Type.available);
    }

    /** Values of a data form in a message, var to values. */
    static Map<String, List<String>> fieldsOf(DataForm form) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (FormField f : form.getFields()) {
            if (f.getFieldName() != null) {
                map.put(f.getFieldName(), new ArrayList<>(f.getValuesAsString()));
            }
        }
        return map;
    }

    /** A submitted data form (in a message, §7.13 and §8.6) of this FORM_TYPE with these fields. */
    static StandardExtensionElement submitForm(String formType, Map<String, List<String>> fields) {
        StandardExtensionElement.Builder x = StandardExtensionElement.builder("x", DataForm.NAMESPACE).addAttribute("type", "submit");
        x.addElement(StandardExtensionElement.builder("field", DataForm.NAMESPACE).addAttribute("var", "FORM_TYPE")
                .addElement("value", formType).build());
        fields.forEach((var, values) -> {
            if (!"FORM_TYPE".equals(var)) {
                StandardExtensionElement.Builder field = StandardExtensionElement.builder("field", DataForm.NAMESPACE).addAttribute("var", var);
                values.forEach(v -> field.addElement("value", v));
                x.addElement(field.build());
            }
        });
        return x.build();
    }

    /** The owner says these things in the room, each reflected back before the next (a set-up step). */
    static void sayAll(Room room, Session speaker, String... bodies) {
        room.lab.setUp(speaker.label() + " says " + bodies.length + " things", () -> {
            for (String body : bodies) {
                room.say(speaker, body);
                speaker.expectMessage("'" + body + "' reflected", m -> body.equals(m.getBody()));
            }
        });
    }

    /**
     * The history messages (bodies starting with {@code prefix}) a newcomer got, once the room has certainly sent
     * everything for the entry: the room answers the newcomer's marker IQ after it.
     */
    static List<Message> historyOf(Session newcomer, Room room, String prefix) {
        newcomer.sendMarkerIq(room.jid).await();
        return newcomer.received().stream().filter(s -> s instanceof Message m && m.getBody() != null && m.getBody().startsWith(prefix))
                .map(s -> (Message) s).toList();
    }
}
