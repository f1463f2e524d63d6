package org.stanzalab.report.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TestResult;

/**
 * Orders specification documents as people list them: RFCs by number, then XEPs by number, then the rest. In a
 * report a document cited by a suite's tests (RFC 5802 by the rfc6120 suite's SCRAM tests) sits right after that
 * suite's own document, so RFC 6120 and RFC 6121 stay at the top.
 */
final class SpecOrder {
    private static final Pattern NUMBERED = Pattern.compile("(?i)(RFC|XEP)[\\s-]*(\\d+)");

    static final Comparator<String> DOCUMENTS = Comparator.comparingInt(SpecOrder::family)
            .thenComparingLong(SpecOrder::number)
            .thenComparing(Comparator.naturalOrder());

    private SpecOrder() {
    }

    /** The tests grouped by specification document, the groups in reading order. */
    static Map<String, List<TestResult>> group(List<TestResult> tests) {
        Map<String, List<TestResult>> byDocument = new HashMap<>();
        Map<String, String> suiteOf = new HashMap<>();
        for (TestResult t : tests) {
            String doc = HtmlReport.document(t);
            byDocument.computeIfAbsent(doc, k -> new ArrayList<>()).add(t);
            suiteOf.merge(doc, suite(t.id()), (a, b) -> DOCUMENTS.compare(a, b) <= 0 ? a : b);
        }
        Comparator<String> order = Comparator.comparing((String doc) -> suiteOf.get(doc), DOCUMENTS)
                .thenComparing(doc -> !SpecRef.normalize(doc).equalsIgnoreCase(suiteOf.get(doc)))
                .thenComparing(DOCUMENTS);
        Map<String, List<TestResult>> ordered = new LinkedHashMap<>();
        byDocument.keySet().stream().sorted(order).forEach(doc -> ordered.put(doc, byDocument.get(doc)));
        return ordered;
    }

    /** "rfc6120" from "rfc6120.StartTls.isOffered": the suite a test belongs to. */
    private static String suite(String id) {
        int dot = id == null ? -1 : id.indexOf('.');
        return dot < 0 ? "~" : id.substring(0, dot);
    }

    private static int family(String document) {
        Matcher m = NUMBERED.matcher(document);
        if (!m.matches()) {
            return 2;
        }
        return m.group(1).equalsIgnoreCase("RFC") ? 0 : 1;
    }

    private static long number(String document) {
        Matcher m = NUMBERED.matcher(document);
        return m.matches() ? Long.parseLong(m.group(2)) : 0;
    }
}
