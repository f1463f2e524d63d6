package org.stanzalab.wire.server;

import java.util.regex.Pattern;
import org.stanzalab.wire.TrafficListener;

/** Keeps a peer's passwords out of transcripts: PLAIN's initial response and every SASL response become "[redacted]". */
final class RedactedCredentials implements TrafficListener {
    private static final Pattern PLAIN_AUTH =
            Pattern.compile("(<auth\\b[^>]*mechanism=['\"]PLAIN['\"][^>]*>)[^<]+(</auth>)");
    private static final Pattern RESPONSE = Pattern.compile("(<response\\b[^>]*>)[^<]+(</response>)");

    private final TrafficListener target;

    RedactedCredentials(TrafficListener target) {
        this.target = target == null ? TrafficListener.NONE : target;
    }

    @Override
    public void sent(String data) {
        target.sent(data);
    }

    @Override
    public void received(String data) {
        target.received(redact(data));
    }

    @Override
    public void note(String event) {
        target.note(event);
    }

    static String redact(String data) {
        if (!data.startsWith("<auth") && !data.startsWith("<response")) {
            return data;
        }
        String once = PLAIN_AUTH.matcher(data).replaceAll("$1[redacted]$2");
        return RESPONSE.matcher(once).replaceAll("$1[redacted]$2");
    }
}
