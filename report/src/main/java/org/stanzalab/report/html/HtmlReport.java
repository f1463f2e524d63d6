package org.stanzalab.report.html;

import static org.stanzalab.report.html.Html.escape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.stanzalab.model.CrossDomain;
import org.stanzalab.model.Grade;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.PortPosture;
import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestResult;
import org.stanzalab.model.TranscriptEntry;
import org.stanzalab.report.Problems;
import org.stanzalab.report.Text;
import org.stanzalab.report.Ways;

/**
 * One run as a single self-contained HTML page: the overall verdict first, then profiles, then one table per
 * specification. Every test that did not pass opens to its requirement, what happened, a hint and its transcript;
 * passed tests carry no transcript so that a full run stays a file one can mail.
 */
public final class HtmlReport {
    /** A passed row can rest on hundreds of tests; the first few are shown, the rest one click away. */
    private static final int SHOWN_DECIDING_TESTS = 8;

    static final String NO_SPEC = "(no specification)";

    static final String SECURITY_BADGE = "<span class=\"b b-security\">security</span>";
    static final String SECURITY_MEANING = "A security-relevant failure lets one user act as another, read or change "
            + "another user's data, or get past authentication or the encryption the server requires.";

    private final RunResult run;
    private final Map<String, String> anchors = new HashMap<>();
    private final StringBuilder html = new StringBuilder(1 << 20);

    private HtmlReport(RunResult run) {
        this.run = run;
        List<TestResult> tests = tests(run);
        for (int i = 0; i < tests.size(); i++) {
            anchors.putIfAbsent(tests.get(i).id(), "test-" + i);
        }
    }

    public static void write(RunResult result, Path file) throws IOException {
        HtmlReport report = new HtmlReport(result);
        report.render();
        Html.writePage(file, "Stanzalab report: " + domain(result), report.html.toString(), Assets.REPORT_SCRIPT);
    }

    private void render() {
        header();
        notices();
        securityFailures();
        problems();
        ways();
        notRun();
        profiles();
        transportSecurity();
        filters();
        html.append("<main>\n");
        for (Map.Entry<String, List<TestResult>> doc : byDocument(tests(run)).entrySet()) {
            specSection(doc.getKey(), doc.getValue());
        }
        html.append("</main>\n<footer><p>Written by Stanzalab from results.json (schema ").append(run.schema())
                .append("). Verdicts: <em>failed</em> is the server's fault; <em>impossible</em> means the server lacks"
                        + " something the test needs; <em>error</em> means the test could not run to the end.</p></footer>\n");
    }

    private void header() {
        Summary s = summary(run);
        TargetInfo t = run.target();
        html.append("<header class=\"top\">\n<h1>Stanzalab report: <span class=\"domain\">").append(escape(domain(run)))
                .append("</span></h1>\n");
        Overall overall = Overall.of(s);
        html.append("<p class=\"overall o-").append(overall.word()).append("\" id=\"overall\">")
                .append("<strong>").append(overall.word().toUpperCase(Locale.ROOT)).append("</strong> ")
                .append(escape(overall.sentence())).append("</p>\n");
        html.append("<ul class=\"counts\" aria-label=\"tests per verdict\">");
        count("passed", s.passed());
        count("failed", s.failed());
        count("impossible", s.impossible());
        count("error", s.errors());
        html.append("<li class=\"c-total\"><span class=\"n\">").append(s.total()).append("</span> tests</li></ul>\n");
        html.append("<dl class=\"facts\">");
        if (t != null) {
            fact("Domain", t.domain());
            fact("Host", t.host() + ":" + t.port());
            fact("TLS", t.tls());
            fact("Trust", t.trust());
        }
        if (run.servers().size() > 1) {
            fact("Other servers", run.servers().subList(1, run.servers().size()).stream()
                    .map(o -> o.domain() + " at " + o.host() + ":" + o.port() + " (" + o.tls() + ")")
                    .collect(Collectors.joining("; ")));
        }
        fact("Started", when(run.startedAt()));
        fact("Wall time", String.format(Locale.ROOT, "%.1f s", s.wallSeconds()));
        if (run.interrupted() != null) {
            fact("Interrupted", run.interrupted().reason() + "; " + run.notRun().size() + " tests not run");
        }
        if (run.distress() != null) {
            fact("Server load", run.distress().describe());
        }
        html.append("</dl>\n</header>\n");
    }

    private void count(String word, int n) {
        html.append("<li class=\"c-").append(word).append(n == 0 ? " zero" : "").append("\"><span class=\"n\">").append(n)
                .append("</span> ").append(word).append("</li>");
    }

    private void fact(String name, String value) {
        html.append("<div><dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd></div>");
    }

    private void notices() {
        if (run.notices() == null || run.notices().isEmpty()) {
            return;
        }
        html.append("<section class=\"notices\" aria-labelledby=\"notices-h\"><h2 id=\"notices-h\">Notices</h2><ul>");
        for (String notice : run.notices()) {
            html.append("<li>").append(escape(notice)).append("</li>");
        }
        html.append("</ul></section>\n");
    }

    /** Listed above everything else a reader scrolls through: these failures put users at risk, not just interop. */
    private void securityFailures() {
        List<TestResult> failures = tests(run).stream().filter(TestResult::isSecurityFailure).toList();
        if (failures.isEmpty()) {
            return;
        }
        html.append("<section class=\"security\" aria-labelledby=\"security-h\"><h2 id=\"security-h\">")
                .append(SECURITY_BADGE).append(" Security-relevant failures (").append(failures.size()).append(")</h2>")
                .append("<p>").append(escape(SECURITY_MEANING)).append("</p><ul>");
        for (TestResult test : failures) {
            html.append("<li><a class=\"test-link\" href=\"#").append(anchors.get(test.id())).append("\"><code>")
                    .append(escape(test.id())).append("</code></a> ").append(escape(test.spec().citation())).append(": ")
                    .append(escape(test.spec().requirement())).append("</li>");
        }
        html.append("</ul></section>\n");
    }

    /**
     * The failures as distinct problems (see {@link Problems}), the most serious first; each opens to its cases,
     * which link to their rows in the tables below.
     */
    private void problems() {
        List<Problems.Problem> problems = Problems.of(tests(run));
        if (problems.isEmpty()) {
            return;
        }
        html.append("<section class=\"problems\" id=\"problems\" aria-labelledby=\"problems-h\"><h2 id=\"problems-h\">Problems: ")
                .append(escape(Problems.headline(domain(run), tests(run), problems))).append("</h2>")
                .append("<p>Failures of one test with the same cause (the reason with its JIDs, ids, numbers and quoted values"
                        + " set aside) are one problem. Security-relevant problems come first, then MUST, SHOULD, MAY.</p>\n");
        for (Problems.Problem problem : problems) {
            SpecRef spec = problem.spec();
            html.append("<details class=\"problem\" data-method=\"").append(escape(problem.method())).append("\"><summary>")
                    .append(problem.securityRelevant() ? SECURITY_BADGE + " " : "")
                    .append(spec == null ? "" : "<strong>" + escape(spec.level().name()) + "</strong> " + escape(spec.document())
                            + " §" + escape(spec.section()) + " ")
                    .append("<code>").append(escape(problem.method())).append("</code> <span class=\"n-cases\">")
                    .append(problem.cases().size()).append(problem.cases().size() == 1 ? " case" : " cases")
                    .append("</span><br><span class=\"cause\">").append(escape(Text.firstLine(problem.example(), 300)))
                    .append("</span></summary><ul class=\"cases\">");
            for (TestResult test : problem.cases()) {
                html.append("<li><a class=\"test-link\" href=\"#").append(anchors.get(test.id())).append("\"><code>")
                        .append(escape(test.id())).append("</code></a></li>");
            }
            html.append("</ul></details>\n");
        }
        html.append("</section>\n");
    }

    /**
     * The cross-domain tests per direction across the federation (first server to second, then back): the counts,
     * and each test that did not pass, linked to its row.
     */
    private void ways() {
        Map<CrossDomain.Way, List<TestResult>> ways = Ways.tests(run);
        if (ways.isEmpty()) {
            return;
        }
        html.append("<section class=\"ways\" id=\"ways\" aria-labelledby=\"ways-h\"><h2 id=\"ways-h\">Across the federation</h2>")
                .append("<p>Each cross-domain test runs in both directions: users of one server start the exchange with users"
                        + " of the other, over the servers' own federation.</p>\n<table class=\"ways\"><thead><tr>"
                        + "<th scope=\"col\">Direction</th><th scope=\"col\">Tests</th><th scope=\"col\">Verdicts</th>"
                        + "<th scope=\"col\">Not passed</th></tr></thead><tbody>\n");
        ways.forEach((way, tests) -> {
            Summary s = Summary.of(tests, 0);
            html.append("<tr data-way=\"").append(escape(way.label())).append("\"><th scope=\"row\">").append(escape(way.label()))
                    .append("</th><td>").append(s.total()).append("</td><td>");
            for (Outcome o : Outcome.values()) {
                long n = tests.stream().filter(t -> t.outcome() == o).count();
                if (n > 0) {
                    html.append(badge(o.word())).append(" ").append(n).append(" ");
                }
            }
            html.append("</td><td>");
            tests.stream().filter(t -> t.outcome() != Outcome.PASSED).forEach(t -> html.append("<a class=\"test-link\" href=\"#")
                    .append(anchors.get(t.id())).append("\"><code>").append(escape(t.id())).append("</code></a> ")
                    .append(badge(t.outcome().word())).append("<br>"));
            html.append("</td></tr>\n");
        });
        html.append("</tbody></table></section>\n");
    }

    /** A stopped run's tests that reached no verdict: they are in no table below. */
    private void notRun() {
        if (run.interrupted() == null) {
            return;
        }
        List<String> notRun = run.notRun();
        html.append("<section class=\"not-run\" id=\"not-run\" aria-labelledby=\"not-run-h\"><h2 id=\"not-run-h\">Interrupted: ")
                .append(notRun.size()).append(" tests not run</h2><p>").append(escape(run.interrupted().reason()))
                .append(". The tables below hold the tests that reached a verdict before the run stopped.</p>");
        if (!notRun.isEmpty()) {
            html.append("<details><summary>The tests not run</summary><ul>");
            notRun.forEach(id -> html.append("<li><code>").append(escape(id)).append("</code></li>"));
            html.append("</ul></details>");
        }
        html.append("</section>\n");
    }

    /** The TLS scan of each port: the grade with every cap and deduction, versions, suites and the certificate. */
    private void transportSecurity() {
        List<PortPosture> ports = nonNull(run.ports());
        if (ports.isEmpty()) {
            return;
        }
        html.append("<section class=\"transport\" id=\"transport-security\" aria-labelledby=\"transport-h\"><h2 id=\"transport-h\">"
                + "Transport security</h2>\n<p class=\"source\">Each port scanned with hand-made ClientHellos per TLS version and"
                + " cipher suite; the grade starts at 100 and loses points for protocol support (30 %), key exchange (30 %) and"
                + " cipher strength (40 %); a cap limits the letter whatever the points.</p>\n");
        for (PortPosture port : ports) {
            html.append("<article class=\"port\"><h3>");
            if (port.grade() != null) {
                html.append("<span class=\"grade grade-").append(port.grade().letter().word()).append("\" title=\"score ")
                        .append(port.grade().score()).append(" of 100\">").append(port.grade().letter().word()).append("</span> ");
            }
            html.append(escape(port.server() == null ? "" : port.server())).append(" <code>").append(escape(port.port()))
                    .append("</code> ").append(escape(port.address())).append(" · ").append(escape(port.security())).append("</h3>\n");
            if (port.problem() != null) {
                html.append("<p class=\"problem\">").append(escape(port.problem())).append("</p>\n");
            }
            Grade grade = port.grade();
            if (grade != null) {
                html.append("<p>Score ").append(grade.score()).append(" of 100, grade ").append(grade.letter().word()).append(".</p>");
                if (!grade.caps().isEmpty()) {
                    html.append("<p>Caps (the letter can be no better than):</p><ul class=\"caps\">");
                    for (Grade.Cap cap : grade.caps()) {
                        html.append("<li><strong>").append(cap.highest().word()).append("</strong>: ").append(escape(cap.reason())).append("</li>");
                    }
                    html.append("</ul>");
                }
                if (!grade.deductions().isEmpty()) {
                    html.append("<p>Deductions:</p><ul class=\"deductions\">");
                    for (Grade.Deduction deduction : grade.deductions()) {
                        html.append("<li>&minus;").append(deduction.points()).append(": ").append(escape(deduction.explanation())).append("</li>");
                    }
                    html.append("</ul>\n");
                }
            }
            if (!port.protocols().isEmpty()) {
                html.append("<table class=\"protocols\"><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Accepted</th>"
                        + "<th scope=\"col\">Order</th><th scope=\"col\">Cipher suites, in the order found</th></tr></thead><tbody>\n");
                for (PortPosture.ProtocolSupport protocol : port.protocols()) {
                    html.append("<tr><td>").append(escape(protocol.version())).append("</td><td>")
                            .append(protocol.accepted() ? "yes" : "no" + (protocol.refusal() == null ? "" : " (" + escape(protocol.refusal()) + ")"))
                            .append("</td><td>").append(protocol.serverOrder() == null ? "" : protocol.serverOrder() ? "server's" : "client's")
                            .append("</td><td>").append(escape(String.join(", ", protocol.suites()))).append("</td></tr>\n");
                }
                html.append("</tbody></table>\n");
            }
            PortPosture.CertificateSummary certificate = port.certificate();
            if (certificate != null) {
                html.append("<p class=\"certificate\">Certificate: ").append(escape(certificate.subject())).append(", issued by ")
                        .append(escape(certificate.issuer())).append("; ").append(escape(certificate.keyAlgorithm())).append(" ")
                        .append(certificate.keyBits()).append(" bits, ").append(escape(certificate.signatureAlgorithm()))
                        .append("; valid ").append(escape(certificate.notBefore())).append(" to ").append(escape(certificate.notAfter()))
                        .append("; chain of ").append(certificate.chainLength()).append(", ")
                        .append(certificate.trusted() ? "trusted" : "not trusted: " + escape(String.valueOf(certificate.trustProblem())))
                        .append(". Names: DNS ").append(escape(String.join(", ", certificate.dnsIds())))
                        .append("; SRV ").append(escape(String.join(", ", certificate.srvIds())))
                        .append("; XmppAddr ").append(escape(String.join(", ", certificate.xmppAddrs())))
                        .append("; CN ").append(escape(String.join(", ", certificate.commonNames()))).append(".</p>\n");
                if (!certificate.findings().isEmpty()) {
                    html.append("<ul class=\"findings\">");
                    certificate.findings().forEach(f -> html.append("<li>").append(escape(f)).append("</li>"));
                    html.append("</ul>\n");
                }
            }
            html.append("</article>\n");
        }
        html.append("</section>\n");
    }

    private void profiles() {
        if (run.profiles().isEmpty()) {
            return;
        }
        html.append("<section class=\"profiles\" aria-labelledby=\"profiles-h\"><h2 id=\"profiles-h\">Profiles</h2>\n");
        for (ProfileVerdict p : run.profiles()) {
            html.append("<article class=\"profile\"><h3>").append(escape(p.title() == null ? p.id() : p.title()))
                    .append(" <code>").append(escape(p.id())).append("</code> ").append(badge(p.verdict().word())).append("</h3>");
            if (p.source() != null && !p.source().isBlank()) {
                html.append("<p class=\"source\">").append(escape(p.source())).append("</p>");
            }
            html.append("<table class=\"rows\"><thead><tr><th scope=\"col\">Row</th><th scope=\"col\">Standards</th>"
                    + "<th scope=\"col\">Verdict</th><th scope=\"col\">Note</th><th scope=\"col\">Deciding tests</th></tr></thead><tbody>\n");
            for (ProfileVerdict.RowVerdict row : p.rows()) {
                html.append("<tr class=\"r-").append(row.verdict().word()).append("\"><td><code>").append(escape(row.id()))
                        .append("</code>");
                if (row.title() != null && !row.title().isBlank()) {
                    html.append(" ").append(escape(row.title()));
                }
                html.append("</td><td>").append(escape(String.join(", ", nonNull(row.standards())))).append("</td><td>")
                        .append(badge(row.verdict().word())).append("</td><td class=\"note\">").append(escape(row.note()))
                        .append("</td><td class=\"deciding\">");
                List<String> deciding = nonNull(row.decidedBy());
                for (int i = 0; i < deciding.size(); i++) {
                    if (i == SHOWN_DECIDING_TESTS) {
                        html.append("<details class=\"more\"><summary>and ").append(deciding.size() - i).append(" more</summary>");
                    }
                    String test = deciding.get(i);
                    String anchor = anchors.get(test);
                    html.append(anchor == null
                            ? "<code>" + escape(test) + "</code> "
                            : "<a class=\"test-link\" href=\"#" + anchor + "\"><code>" + escape(test) + "</code></a> ");
                }
                if (deciding.size() > SHOWN_DECIDING_TESTS) {
                    html.append("</details>");
                }
                html.append("</td></tr>\n");
            }
            html.append("</tbody></table></article>\n");
        }
        html.append("</section>\n");
    }

    private void filters() {
        Summary s = summary(run);
        html.append("<form class=\"filters\" id=\"filters\" role=\"search\" aria-label=\"Filter the tests\" hidden>"
                + "<fieldset><legend>Show</legend>");
        filterBox("passed", s.passed());
        filterBox("failed", s.failed());
        filterBox("impossible", s.impossible());
        filterBox("error", s.errors());
        html.append("</fieldset><label>Specification <select id=\"f-spec\"><option value=\"\">all</option>");
        for (String doc : byDocument(tests(run)).keySet()) {
            html.append("<option>").append(escape(doc)).append("</option>");
        }
        html.append("</select></label><label>Test id contains <input type=\"search\" id=\"f-text\" autocomplete=\"off\"></label>"
                + "<output id=\"f-count\" aria-live=\"polite\"></output></form>\n");
        html.append("<p class=\"note\">Click a test that did not pass to see the requirement, what happened, a hint and the"
                + " stanza transcript. Passed tests are listed without transcripts to keep this file small; every transcript"
                + " is in the results.json this report was made from.</p>\n");
    }

    private void filterBox(String word, int n) {
        html.append("<label class=\"b b-").append(word).append("\"><input type=\"checkbox\" name=\"outcome\" value=\"")
                .append(word).append("\" checked> ").append(word).append(" (").append(n).append(")</label>");
    }

    private void specSection(String document, List<TestResult> tests) {
        int[] counts = new int[Outcome.values().length];
        tests.forEach(t -> counts[t.outcome().ordinal()]++);
        String headingId = "spec-" + document.replaceAll("[^A-Za-z0-9]", "");
        html.append("<section class=\"spec\" data-spec=\"").append(escape(document)).append("\" aria-labelledby=\"")
                .append(headingId).append("\">\n<h2 id=\"").append(headingId).append("\">").append(escape(document))
                .append(" <span class=\"spec-counts\">").append(tests.size()).append(" tests");
        for (Outcome o : Outcome.values()) {
            if (counts[o.ordinal()] > 0) {
                html.append(" · ").append(counts[o.ordinal()]).append(" ").append(o.word());
            }
        }
        html.append("</span> <span class=\"shown\"></span></h2>\n<table class=\"tests\"><thead><tr>"
                + "<th scope=\"col\" class=\"col-test\">Test</th><th scope=\"col\" class=\"col-sec\">Section</th>"
                + "<th scope=\"col\" class=\"col-level\">Level</th><th scope=\"col\" class=\"col-verdict\">Verdict</th>"
                + "</tr></thead>\n<tbody>\n");
        for (TestResult test : tests) {
            testRow(test);
        }
        html.append("</tbody></table>\n</section>\n");
    }

    /**
     * A test that did not pass gets two rows: its own, whose id is the toggle, and a full-width row below with the
     * details. The details element keeps them readable without script; the script hides that row's summary and lets
     * the id toggle it instead.
     */
    private void testRow(TestResult test) {
        String word = test.outcome().word();
        String anchor = anchors.get(test.id());
        SpecRef spec = test.spec();
        boolean passed = test.outcome() == Outcome.PASSED;
        CrossDomain.Way way = CrossDomain.way(test.id(), run.servers()).orElse(null);
        html.append("<tr class=\"o-").append(word).append("\" data-outcome=\"").append(word).append("\" data-id=\"")
                .append(escape(test.id())).append(way == null ? "" : "\" data-way=\"" + escape(way.label()))
                .append("\"><td class=\"test\">");
        if (passed) {
            html.append("<code id=\"").append(anchor).append("\">").append(escape(test.id())).append("</code>");
        } else {
            html.append("<button type=\"button\" class=\"toggle-test\" aria-expanded=\"false\" aria-controls=\"")
                    .append(anchor).append("-row\"><span class=\"caret\" aria-hidden=\"true\"></span><code>")
                    .append(escape(test.id())).append("</code></button>");
        }
        if (way != null) {
            html.append(" <span class=\"way\">").append(escape(way.label())).append("</span>");
        }
        html.append("</td><td>").append(spec == null ? "" : "§" + escape(spec.section())).append("</td><td>")
                .append(spec == null ? "" : escape(spec.level().name())).append("</td><td>").append(badge(word))
                .append(test.isSecurityFailure() ? " " + SECURITY_BADGE : "").append("</td></tr>\n");
        if (!passed) {
            html.append("<tr class=\"detail-row o-").append(word).append("\" id=\"").append(anchor)
                    .append("-row\"><td colspan=\"4\"><details class=\"test\" id=\"").append(anchor)
                    .append("\" data-test-id=\"").append(escape(test.id()))
                    .append("\"><summary>Requirement, what happened, how to fix it, transcript</summary>\n");
            testDetail(test);
            html.append("</details></td></tr>\n");
        }
    }

    private void testDetail(TestResult test) {
        SpecRef spec = test.spec();
        html.append("<div class=\"detail\">");
        CrossDomain.way(test.id(), run.servers()).ifPresent(way -> html.append("<p class=\"way\">Direction: ")
                .append(escape(way.label())).append("</p>"));
        if (spec != null) {
            html.append("<p class=\"citation\">").append(escape(spec.document()))
                    .append(spec.version() == null || spec.version().isBlank() ? "" : " (version " + escape(spec.version()) + ")")
                    .append(" §").append(escape(spec.section())).append(" · <strong>").append(spec.level().name())
                    .append("</strong></p>");
        }
        if (test.isSecurityFailure()) {
            html.append("<p class=\"security-note\">").append(SECURITY_BADGE).append(" ").append(escape(SECURITY_MEANING))
                    .append("</p>");
        }
        html.append("<div class=\"compare\"><div class=\"expected\"><strong class=\"label\">Expected (the requirement)</strong><p>")
                .append(spec == null ? "(the test names no requirement)" : escape(spec.requirement()))
                .append("</p></div><div class=\"happened\"><strong class=\"label\">What happened</strong><p>")
                .append(escape(test.reason() == null ? "(no reason recorded)" : test.reason())).append("</p></div></div>");
        html.append("<div class=\"hint\"><strong class=\"label\">How to fix it</strong><p>").append(escape(Hints.forResult(test)))
                .append("</p></div>");
        transcript(test.transcript());
        html.append("</div>\n");
    }

    private void transcript(List<TranscriptEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            html.append("<p class=\"label\">No transcript was recorded.</p>");
            return;
        }
        html.append("<strong class=\"label\">Transcript (").append(entries.size())
                .append(entries.size() == 1 ? " entry" : " entries")
                .append("; → sent by the test, ← received from the server, • note)</strong><ol class=\"transcript\">");
        for (TranscriptEntry e : entries) {
            String dir = e.direction() == null ? "NOTE" : e.direction().name();
            html.append("<li class=\"d-").append(dir.toLowerCase(Locale.ROOT)).append("\"><span class=\"at\">")
                    .append(e.atMillis()).append(" ms</span><span class=\"conn\">").append(escape(e.connection()))
                    .append("</span><span class=\"dir\">").append(arrow(dir)).append("</span><code>").append(escape(e.xml()))
                    .append("</code></li>");
        }
        html.append("</ol>");
    }

    private static String arrow(String direction) {
        return switch (direction) {
            case "SENT" -> "<span aria-hidden=\"true\">→</span><span class=\"sr\">sent</span>";
            case "RECEIVED" -> "<span aria-hidden=\"true\">←</span><span class=\"sr\">received</span>";
            default -> "<span aria-hidden=\"true\">•</span><span class=\"sr\">note</span>";
        };
    }

    static String badge(String word) {
        return "<span class=\"b b-" + word + "\">" + word + "</span>";
    }

    static Map<String, List<TestResult>> byDocument(List<TestResult> tests) {
        return SpecOrder.group(tests);
    }

    static String document(TestResult test) {
        return test.spec() == null || test.spec().document() == null ? NO_SPEC : test.spec().document();
    }

    static List<TestResult> tests(RunResult run) {
        return run.tests() == null ? List.of() : run.tests();
    }

    static String domain(RunResult run) {
        return run.target() == null || run.target().domain() == null ? "unknown target" : run.target().domain();
    }

    private static Summary summary(RunResult run) {
        return run.summary() != null ? run.summary() : Summary.of(tests(run), 0);
    }

    /** "2026-11-21T17:20:00Z" as "2026-11-21 17:20:00 UTC"; anything else as given. */
    static String when(String instant) {
        if (instant == null) {
            return "unknown";
        }
        return instant.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z")
                ? instant.replace('T', ' ').replaceAll("\\.\\d+Z$", "Z").replace("Z", " UTC")
                : instant;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
