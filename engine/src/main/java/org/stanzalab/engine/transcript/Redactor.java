package org.stanzalab.engine.transcript;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from XML before it is stored: SASL payloads, in-band registration passwords,
 * and data-form password fields (XEP-0133 add-user), then any password the run registered.
 */
public final class Redactor {
    private static final Pattern SASL = Pattern.compile(
            "(<(auth|response|challenge|success)\\b[^>]*xmlns=['\"]urn:ietf:params:xml:ns:xmpp-sasl['\"][^>]*>)([^<]+)(</\\2>)");
    private static final Pattern PASSWORD_ELEMENT = Pattern.compile("(<password\\b[^>]*>)([^<]*)(</password>)");
    private static final Pattern PASSWORD_FIELD = Pattern.compile(
            "(<field\\b[^>]*var=['\"](?:password|password-verify|accountpassword)['\"][^>]*>\\s*<value>)([^<]*)(</value>)");

    private Redactor() {
    }

    public static String redact(String xml) {
        if (xml == null) {
            return null;
        }
        String out = replaceGroup(SASL, xml, 3);
        out = replaceGroup(PASSWORD_ELEMENT, out, 2);
        out = replaceGroup(PASSWORD_FIELD, out, 2);
        return Secrets.scrub(out);
    }

    private static String replaceGroup(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        m.reset();
        while (m.find()) {
            String replacement = text.substring(m.start(), m.start(group)) + Secrets.mask() + text.substring(m.end(group), m.end());
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
